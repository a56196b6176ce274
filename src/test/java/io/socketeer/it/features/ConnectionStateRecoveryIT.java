package io.socketeer.it.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.NodeClients;
import io.socketeer.it.client.ClientKind;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connection state recovery with the official Node.js {@code socket.io-client} 4.8 and its own
 * reconnection ({@code src/test/node/recovery.js}): ticks flow from a server timer (to a room and to
 * the socket's own room) while the connection is cut (the client closes it, over WebSocket and over
 * long-polling, or stops answering pings); the client comes back with the same socket id, its rooms
 * and data, {@code socket.recovered} true on both sides, and has every tick exactly once, in order.
 * Past {@code maxDisconnectionDuration} it is a new session, and the adapter ends up keeping nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionStateRecoveryIT {
    private static final int TICKS = 300;

    /**
     * Recovery on; pingInterval and pingTimeout 500 ms: a frozen client is closed within a second, and
     * a loaded machine does not cut connections by itself.
     */
    private static WebArchive deployment(String name, String maxDisconnectionDuration) {
        Map<String, String> options = new HashMap<>(Map.of("pingInterval", "500", "pingTimeout", "500",
                "connectionStateRecovery", "true"));
        if (maxDisconnectionDuration != null) {
            options.put("connectionStateRecovery.maxDisconnectionDuration", maxDisconnectionDuration);
        }
        return Deployments.withOptions(name, options, ConnectionStateRecoveryHandlers.class, HandlerSupport.class);
    }

    /** Two deployments: on Payara two processes, of which the Arquillian container stops only one. */
    @AfterAll
    static void stopPayaraProcesses() {
        Deployments.stopPayaraProcesses("/deployments/recovery.war", "/deployments/recovery-short.war");
    }

    @Deployment(name = "recovery", testable = false)
    static WebArchive recovery() {
        return deployment("recovery.war", null);
    }

    @Deployment(name = "short", testable = false)
    static WebArchive shortWindow() {
        return deployment("recovery-short.war", "1000");
    }

    @ArquillianResource
    @OperateOnDeployment("recovery")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("short")
    URL shortBase;

    private static JsonObject run(URL at, String... args) throws Exception {
        Endpoints e = Endpoints.of(at);
        List<String> all = new ArrayList<>(List.of(e.origin(), e.path()));
        all.addAll(List.of(args));
        String out = NodeClients.run("recovery.js", 60, all.toArray(String[]::new));
        try (JsonReader r = Json.createReader(new StringReader(out))) {
            return r.readObject();
        }
    }

    private static List<Integer> ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        for (JsonValue v : a) {
            out.add(((jakarta.json.JsonNumber) v).intValue());
        }
        return out;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : a) {
            out.add(((jakarta.json.JsonString) v).getString());
        }
        return out;
    }

    /**
     * Every tick once, in order; the cut came mid-stream and some ticks were replayed as missed; every
     * reconnection (one, unless a loaded machine cut the connection once more) recovered the socket.
     */
    private static void assertRecovered(JsonObject r, String... serverReason) {
        JsonArray connects = r.getJsonArray("connects");
        assertTrue(connects.size() >= 2, r.toString());
        String id = connects.getJsonObject(0).getString("id");
        assertFalse(connects.getJsonObject(0).getBoolean("recovered"));
        for (int i = 1; i < connects.size(); i++) {
            assertEquals(id, connects.getJsonObject(i).getString("id"), "same socket id after the recovery");
            assertTrue(connects.getJsonObject(i).getBoolean("recovered"), "socket.recovered on the client");
        }
        List<String> reasons = strings(r.getJsonArray("disconnectReasons"));
        assertEquals(connects.size() - 1, reasons.size(), r.toString());
        assertTrue(List.of("forced close", "transport close", "ping timeout").contains(reasons.get(0)), reasons.toString());

        List<Integer> received = ints(r.getJsonArray("received"));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < TICKS; i++) {
            expected.add(i);
        }
        assertEquals(expected, received, "every tick once, in order");
        int beforeCut = r.getInt("receivedBeforeCut");
        assertTrue(beforeCut >= 60 && beforeCut < TICKS, "cut mid-stream, after " + beforeCut);
        assertTrue(r.getInt("missedWhileAway") > 0, "ticks sent while it was away were replayed: " + r);

        JsonObject state = r.getJsonObject("state");
        assertEquals(id, state.getString("id"));
        assertEquals(List.of(id, "extra", "stream").stream().sorted().toList(), strings(state.getJsonArray("rooms")),
                "its rooms are back");
        assertEquals("t-123", state.getJsonObject("data").getString("tag"), "its data is back");
        List<Boolean> recoveredAtConnect = state.getJsonArray("recoveredAtConnect").stream()
                .map(v -> v == JsonValue.TRUE).toList();
        assertEquals(connects.size(), recoveredAtConnect.size(), state.toString());
        assertFalse(recoveredAtConnect.get(0));
        assertFalse(recoveredAtConnect.subList(1, recoveredAtConnect.size()).contains(false),
                "the @OnConnect observer saw recovered() true: " + recoveredAtConnect);
        List<String> serverReasons = strings(state.getJsonArray("disconnectReasons"));
        assertTrue(List.of(serverReason).contains(serverReasons.get(0)), "the server's reason: " + serverReasons);
    }

    @Test
    void theClientClosingItsWebSocketRecoversEverything() throws Exception {
        // "transport error" too: ticks flow while the client closes, and a write that meets the closed
        // connection can fail before the close frame is read (WildFly, CI on 2026-11-28)
        assertRecovered(run(base, "recover", "websocket", "close"), "transport close", "transport error");
    }

    @Test
    void theClientClosingItsPollingConnectionRecoversEverything() throws Exception {
        assertRecovered(run(base, "recover", "polling", "close"), "transport close");
    }

    /**
     * Both TCP connections under the WebSocket destroyed by a proxy between client and server (no close
     * frame either way), as a network failure would; the client reconnects through the proxy.
     */
    @Test
    void aConnectionDroppedOnTheWayRecoversEverything() throws Exception {
        assertRecovered(run(base, "recover", "websocket", "drop"), "transport close", "transport error");
    }

    /** The client's event loop stops for 2 s: the server closes with ping timeout, the client comes back. */
    @Test
    void aPingTimeoutRecoversEverything() throws Exception {
        assertRecovered(run(base, "recover", "websocket", "freeze"), "ping timeout");
    }

    /**
     * maxDisconnectionDuration 1000 ms, the client back after 2.5 s: a new socket id, recovered false,
     * only the rooms of a fresh socket, no data; then the adapter forgets the session and the packets
     * and stops its cleanup timer.
     */
    @Test
    void pastMaxDisconnectionDurationItIsANewSessionAndNothingStaysKept() throws Exception {
        JsonObject r = run(shortBase, "expire", "websocket", "close");
        JsonArray connects = r.getJsonArray("connects");
        assertEquals(2, connects.size(), r.toString());
        String first = connects.getJsonObject(0).getString("id");
        String second = connects.getJsonObject(1).getString("id");
        assertNotEquals(first, second, "a new socket id");
        assertFalse(connects.getJsonObject(1).getBoolean("recovered"));
        assertEquals(0, r.getInt("missedWhileAway"));
        JsonObject state = r.getJsonObject("state");
        assertEquals(List.of(second, "stream").stream().sorted().toList(), strings(state.getJsonArray("rooms")));
        assertTrue(state.getJsonObject("data").isEmpty(), state.toString());
        assertEquals(List.of(false), state.getJsonArray("recoveredAtConnect").stream()
                .map(v -> v == JsonValue.TRUE).toList());
        JsonObject stored = r.getJsonObject("stored");
        assertEquals(0, stored.getInt("sessions"), r.toString());
        assertEquals(0, stored.getInt("packets"), r.toString());
        assertFalse(stored.getBoolean("cleanupScheduled"), r.toString());
    }

    @Test
    void aPidTheServerNeverGaveIsANewSession() throws Exception {
        JsonObject r = run(base, "unknown", "websocket");
        JsonObject c = r.getJsonArray("connects").getJsonObject(0);
        assertFalse(c.getBoolean("recovered"));
        JsonObject state = r.getJsonObject("state");
        assertEquals(c.getString("id"), state.getString("id"));
        assertEquals(List.of(false), state.getJsonArray("recoveredAtConnect").stream()
                .map(v -> v == JsonValue.TRUE).toList());
    }

    /**
     * The Java client (io.socket 2.1.2) knows nothing of recovery: it connects although CONNECT
     * carries a pid, and receives each event with the offset as one argument more, as from the
     * reference server.
     */
    @Test
    void aClientWithoutRecoveryGetsTheOffsetAsOneArgumentMore() {
        for (String transport : List.of(ClientSetup.WEBSOCKET, ClientSetup.POLLING)) {
            try {
                TestClient c = new ClientSetup(ClientKind.JAVA, transport).connect(Endpoints.of(base),
                        ConnectionStateRecoveryHandlers.NSP);
                assertTrue(c.connected());
                c.emitWithAck("start", 3, 5);
                for (int i = 0; i < 3; i++) {
                    List<Object> args = c.next("tick");
                    assertEquals(2, args.size(), transport + ": " + args);
                    assertEquals(i, ((Number) args.get(0)).intValue());
                    assertTrue(args.get(1) instanceof String, transport + ": the offset " + args);
                }
            } finally {
                TestClients.closeAll();
            }
        }
    }
}
