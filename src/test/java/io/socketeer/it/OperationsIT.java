package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.client.ClientKind;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metrics and health read over HTTP while official clients are connected
 * ({@code socketeer.metrics=true}, {@code socketeer.health=true}): the JSON and Prometheus figures
 * follow what the clients do, health answers UP, and on Payara the checks are in its MicroProfile
 * Health endpoint too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withOptions("ops.war", Map.of("metrics", "true", "health", "true"), OperationsHandlers.class);
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.toURI().resolve(path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject json(String path) throws Exception {
        HttpResponse<String> r = get(path, "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    /** The metrics once they satisfy {@code condition} (within 5 s): counts settle as clients come and go. */
    private JsonObject metricsWhen(Predicate<JsonObject> condition) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        JsonObject m = json("socketeer/metrics");
        while (!condition.test(m) && System.nanoTime() < end) {
            Thread.sleep(50);
            m = json("socketeer/metrics");
        }
        return m;
    }

    /** The value of a Prometheus line of this metric (with this label, if given), or -1. */
    private static double gauge(String text, String name, String label) {
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> label == null || l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void metricsAndHealthFollowTheClients() throws Exception {
        JsonObject empty = json("socketeer/metrics");
        assertEquals(0, empty.getInt("connections"), empty.toString());
        TestClient ws = TestClients.connect(ClientKind.NODE, ClientSetup.WEBSOCKET, Endpoints.of(base), "/", Map.of());
        TestClient polling = TestClients.connect(ClientKind.JAVA, ClientSetup.POLLING, Endpoints.of(base), "/", Map.of());
        ws.emitWithAck("join", "ops-room");
        polling.emitWithAck("join", "ops-room");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(Endpoints.of(base).http("EIO=2&transport=polling"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode());
        ws.emitWithAck("ask-me"); // the Node.js client does not answer: the server's ack times out

        JsonObject m = metricsWhen(x -> x.getJsonNumber("ackTimeouts").longValue() >= 1);
        assertEquals(2, m.getInt("connections"), m.toString());
        assertEquals(1, m.getInt("websocketConnections"), m.toString());
        assertEquals(1, m.getInt("pollingConnections"), m.toString());
        assertEquals(2, m.getJsonNumber("connectionsOpened").longValue() - empty.getJsonNumber("connectionsOpened").longValue());
        assertEquals(2, m.getJsonObject("socketsByNamespace").getInt("/"), m.toString());
        assertEquals(1, m.getJsonObject("roomsByNamespace").getInt("/"), m.toString());
        assertEquals(1, m.getJsonObject("connectionErrors").getJsonNumber("5").longValue(), m.toString());
        assertEquals(1, m.getJsonNumber("ackTimeouts").longValue(), m.toString());
        // in: 2 CONNECTs, 2 joins, ask-me, at least; out: 2 CONNECT answers, 3 acks, the question
        assertTrue(m.getJsonNumber("messagesIn").longValue() >= 5, m.toString());
        assertTrue(m.getJsonNumber("messagesOut").longValue() >= 6, m.toString());
        assertTrue(m.getJsonNumber("bytesOut").longValue() > m.getJsonNumber("messagesOut").longValue(), m.toString());
        assertTrue(m.isNull("adapterProblem"), m.toString());

        HttpResponse<String> prom = get("socketeer/metrics", "text/plain;version=0.0.4;q=1,*/*;q=0.1");
        assertEquals(200, prom.statusCode());
        assertTrue(prom.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), prom.headers().toString());
        for (String line : new String[] {"socketeer_sockets{namespace=\"/\"} 2", "socketeer_rooms{namespace=\"/\"} 1",
            "socketeer_connections{transport=\"websocket\"} 1", "socketeer_connections{transport=\"polling\"} 1",
            "socketeer_connection_errors_total{code=\"5\"} 1", "socketeer_ack_timeouts_total 1", "socketeer_adapter_up 1",
            "# TYPE socketeer_messages_received_total counter"}) {
            assertTrue(prom.body().lines().anyMatch(line::equals), "no line " + line + " in\n" + prom.body());
        }

        JsonObject health = json("socketeer/health");
        assertEquals("UP", health.getString("status"), health.toString());
        assertEquals(2, health.getJsonArray("checks").size(), health.toString());
        assertEquals("socketeer", json("socketeer/health/live").getJsonArray("checks").getJsonObject(0).getString("name"));
        assertEquals("socketeer-adapter", json("socketeer/health/ready").getJsonArray("checks").getJsonObject(0)
                .getString("name"));
        if ("payara".equals(System.getProperty("arquillian.launch"))) {
            // Payara Micro has MicroProfile Health at /health of the same listener
            HttpResponse<String> mp = http.send(HttpRequest.newBuilder(URI.create(Endpoints.of(base).origin() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, mp.statusCode(), mp.body());
            assertTrue(mp.body().contains("\"socketeer\"") && mp.body().contains("\"socketeer-adapter\""), mp.body());
            // and MicroProfile Metrics at /metrics: the same figures as gauges of the application's registry
            HttpResponse<String> mpm = http.send(HttpRequest.newBuilder(URI.create(Endpoints.of(base).origin()
                    + "/metrics?scope=application")).header("Accept", "text/plain").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, mpm.statusCode(), mpm.body());
            assertTrue(gauge(mpm.body(), "socketeer_sockets", "namespace=\"/\"") == 2, mpm.body());
            assertTrue(gauge(mpm.body(), "socketeer_connections", "transport=\"websocket\"") == 1, mpm.body());
            assertTrue(gauge(mpm.body(), "socketeer_ack_timeouts", null) == 1, mpm.body());
        }

        ws.close();
        polling.close();
        JsonObject after = metricsWhen(x -> x.getInt("connections") == 0);
        assertEquals(0, after.getInt("connections"), after.toString());
        assertEquals(0, after.getJsonObject("socketsByNamespace").getInt("/"), after.toString());
        assertEquals(0, after.getJsonObject("roomsByNamespace").getInt("/"), after.toString());
    }
}
