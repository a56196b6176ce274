package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP side of the protocol, spoken by hand: the handshake, the long-polling exchange, and the
 * exact status and body of every refused request (PROTOCOL-NOTES.md).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HandshakeErrorsIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance();
    }

    @ArquillianResource
    URL base;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Endpoints endpoints() {
        return Endpoints.of(base);
    }

    HttpResponse<String> send(String method, String query, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(endpoints().http(query)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertError(HttpResponse<String> r, int status, int code, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"code\":" + code + ",\"message\":\"" + message + "\"}", r.body());
    }

    @Test
    void pollingHandshakeOpensASession() throws Exception {
        HttpResponse<String> r = send("GET", "EIO=4&transport=polling", null);
        assertEquals(200, r.statusCode());
        // engine.io's header; Tomcat writes its parameters without the (insignificant) space
        assertEquals("text/plain; charset=UTF-8", r.headers().firstValue("Content-Type").orElse("").replace(";charset", "; charset"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.body().matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":300,\"pingTimeout\":1000,\"maxPayload\":1000000}"), r.body());
    }

    @ParameterizedTest
    @CsvSource({
        "transport=polling, 5, Unsupported protocol version",
        "EIO=3&transport=polling, 5, Unsupported protocol version",
        "EIO=abc&transport=polling, 5, Unsupported protocol version",
        "EIO=4, 0, Transport unknown",
        "EIO=4&transport=carrier-pigeon, 0, Transport unknown",
        "EIO=4&transport=polling&sid=no-such-session, 1, Session ID unknown",
        "EIO=4&transport=websocket, 3, Bad request",
    })
    void badGetIsRefusedWithTheProtocolError(String query, int code, String message) throws Exception {
        assertError(send("GET", query, null), 400, code, message);
    }

    @Test
    void handshakeMustBeAGet() throws Exception {
        assertError(send("POST", "EIO=4&transport=polling", "40"), 400, 2, "Bad handshake method");
    }

    @Test
    void postToUnknownSession() throws Exception {
        assertError(send("POST", "EIO=4&transport=polling&sid=nope", "40"), 400, 1, "Session ID unknown");
    }

    @Test
    void transportMismatchIsABadRequest() throws Exception {
        RawPolling p = RawPolling.open(endpoints());
        assertError(send("GET", "EIO=4&transport=websocket&sid=" + p.sid, null), 400, 3, "Bad request");
    }

    @Test
    void refusedUpgradeGets400BeforeAnyUpgrade() throws Exception {
        String raw = rawHttp("GET " + endpoints().path() + "/?EIO=9&transport=websocket HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.endsWith("Unsupported protocol version"), raw);

        String unknownSid = rawHttp("GET " + endpoints().path() + "/?EIO=4&transport=websocket&sid=nope HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(unknownSid.startsWith("HTTP/1.1 400"), unknownSid);
        assertTrue(unknownSid.endsWith("Session ID unknown"), unknownSid);
    }

    @Test
    void theInternalWebSocketPathIsNotReachableDirectly() throws Exception {
        String raw = rawHttp("GET " + endpoints().path() + "/.ws?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 404"), raw);
    }

    @Test
    void corsPreflight() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoints().http("EIO=4&transport=polling"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://example.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("content-type", r.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    @Test
    void pollingExchangeCarriesPacketsBothWays() throws Exception {
        RawPolling p = RawPolling.open(endpoints());
        HttpResponse<String> post = p.post("40{\"token\":\"t\"}");
        assertEquals(200, post.statusCode());
        assertEquals("ok", post.body());
        // heartbeat pings (every 300 ms here) may come anywhere; packets() answers and skips them
        List<String> packets = p.packets();
        assertTrue(packets.get(0).startsWith("40{\"sid\":\""), packets.toString());
        String rest = packets.size() > 1 ? packets.get(1) : p.packets().get(0);
        assertEquals("42[\"auth\",{\"token\":\"t\"}]", rest);

        // binary as base64 in both directions
        assertEquals(200, p.post("451-[\"message\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID").statusCode());
        assertEquals(List.of("451-[\"message-back\",{\"_placeholder\":true,\"num\":0}]", "bAQID"), p.packets());
    }

    @Test
    void aBodyAboveMaxHttpBufferSizeGets413AndClosesTheSession() throws Exception {
        RawPolling p = RawPolling.open(endpoints());
        String big = "4" + "x".repeat(1_000_001);
        assertEquals(413, p.post(big).statusCode());
        assertError(p.get(), 400, 1, "Session ID unknown");
    }

    @Test
    void anOverlappingGetFailsAndClosesTheSession() throws Exception {
        RawPolling p = RawPolling.open(endpoints());
        CompletableFuture<HttpResponse<String>> first = p.getAsync();
        Thread.sleep(100); // let the first GET be held
        HttpResponse<String> second = p.get();
        assertEquals(400, second.statusCode());
        assertEquals("1", first.get(5, TimeUnit.SECONDS).body(), "the held GET gets the close packet");
        assertError(p.get(), 400, 1, "Session ID unknown");
    }

    @Test
    void anOverlappingPostFailsAndClosesTheSession() throws Exception {
        RawPolling p = RawPolling.open(endpoints());
        try (Socket slow = new Socket("127.0.0.1", base.getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST " + endpoints().path() + "/?EIO=4&transport=polling&sid=" + p.sid + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n4a")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200); // the first POST is now being read
            HttpResponse<String> second = p.post("4b");
            assertEquals(400, second.statusCode());
        }
        assertError(p.get(), 400, 1, "Session ID unknown");
    }

    @Test
    void aClientCloseAnswersTheHeldGetWithANoop() throws Exception {
        RawPolling p = RawPolling.open(endpoints());
        CompletableFuture<HttpResponse<String>> held = p.getAsync();
        Thread.sleep(100);
        assertEquals(200, p.post("1").statusCode());
        assertEquals("6", held.get(5, TimeUnit.SECONDS).body());
        assertError(p.get(), 400, 1, "Session ID unknown");
    }

    @Test
    void anotherSessionIsUnaffectedByAClosedOne() throws Exception {
        RawPolling good = RawPolling.open(endpoints());
        RawPolling bad = RawPolling.open(endpoints());
        assertEquals(413, bad.post("4" + "x".repeat(1_000_001)).statusCode());
        good.post("40");
        assertTrue(good.get().body().startsWith("40{\"sid\":"));
        assertFalse(good.sid.equals(bad.sid));
    }

    private String rawHttp(String request) throws Exception {
        return rawHttp(base.getPort(), request);
    }

    /** Sends {@code request} as it is and returns the answer: head and body. */
    static String rawHttp(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            int length = contentLength(head);
            byte[] body = length > 0 ? in.readNBytes(length) : new byte[0];
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }
}
