package io.socketeer.it;

import static io.socketeer.it.HandshakeErrorsIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abuse at the HTTP level and input at the size limits, spoken by hand: a storm of polling GETs for
 * one session, forged session ids, handshakes nobody follows up, bodies and messages just under and
 * just over maxHttpBufferSize (counted in UTF-8 bytes), invalid UTF-8 in a body. Each case asserts the
 * exact answer, and that two unrelated clients connected meanwhile (one over WebSocket, one over
 * long-polling) keep receiving their events.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpAbuseIT {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final int MAX = 1_000_000; // maxHttpBufferSize of the conformance deployment

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

    /** Two unrelated clients joined to {@code /} for the whole test: one over WebSocket, one long-polling. */
    RawWebSocket ws;
    PollingLoop polling;

    @BeforeEach
    void bystanders() throws Exception {
        ws = RawWebSocket.connected(endpoints());
        polling = PollingLoop.joined(endpoints());
    }

    @AfterEach
    void bystandersLeave() throws Exception {
        ws.close();
        polling.close();
    }

    /** Both bystanders send {@code tag} and get it back. */
    void assertBystandersServed(String tag) throws Exception {
        ws.send("42[\"message\",\"" + tag + "\"]");
        assertEquals("42[\"message-back\",\"" + tag + "\"]", ws.nextStartingWith("42[\"message-back\""));
        polling.send("42[\"message\",\"" + tag + "\"]");
        assertEquals("42[\"message-back\",\"" + tag + "\"]", polling.nextStartingWith("42[\"message-back\""));
    }

    @Test
    void aStormOfGetsForOneSessionClosesThatSessionOnly() throws Exception {
        RawPolling victim = RawPolling.open(endpoints());
        List<CompletableFuture<HttpResponse<String>>> gets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            gets.add(victim.getAsync());
        }
        assertBystandersServed("during the storm");
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> get : gets) {
            HttpResponse<String> r = get.get(10, TimeUnit.SECONDS);
            if (r.statusCode() == 400) {
                refused++;
                assertTrue(r.body().equals("{\"code\":3,\"message\":\"Bad request\"}")
                        || r.body().equals("{\"code\":1,\"message\":\"Session ID unknown\"}"), r.body());
            } else {
                assertEquals(200, r.statusCode(), r.body());
                // the held GET: the close packet, maybe after a heartbeat ping queued before the overlap
                assertTrue(r.body().matches("(2\u001e)?1|2"), r.body());
            }
        }
        assertTrue(refused >= 17, "overlapping GETs refused: " + refused);
        assertError(victim.get(), 400, 1, "Session ID unknown");
        assertBystandersServed("after the storm");
    }

    @Test
    void forgedSessionIdsAreUnknownToEveryMethodAndTransport() throws Exception {
        String real = polling.polling.sid;
        RawPolling closed = RawPolling.open(endpoints());
        assertEquals(200, closed.post("1").statusCode());
        char last = real.charAt(real.length() - 1);
        List<String> forged = List.of(
                "AAAAAAAAAAAAAAAAAAAA", real.substring(0, real.length() - 1) + (last == 'A' ? 'B' : 'A'),
                real + "A", real.substring(1), real.toLowerCase().equals(real) ? real.toUpperCase() : real.toLowerCase(),
                closed.sid, "x".repeat(4000), "\u0000", "../../etc/passwd", "\u00e9\uFFFD", "' OR 1=1 --",
                "\r\nSet-Cookie: a=b", real + "&sid=" + real);
        for (String sid : forged) {
            String q = "EIO=4&transport=polling&sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8);
            String what = "sid " + (sid.length() > 40 ? sid.substring(0, 40) + "..." : sid);
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(endpoints().http(q)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(get, 400, 1, "Session ID unknown");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(endpoints().http(q))
                    .POST(HttpRequest.BodyPublishers.ofString("42[\"message\",\"forged\"]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(post, 400, 1, "Session ID unknown");
            String upgrade = HandshakeErrorsIT.rawHttp(base.getPort(), "GET " + endpoints().path()
                    + "/?EIO=4&transport=websocket&sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(upgrade.startsWith("HTTP/1.1 400") && upgrade.endsWith("Session ID unknown"),
                    what + ": " + upgrade);
        }
        assertBystandersServed("after forged sids");
    }

    @Test
    void pollingHandshakesNobodyFollowsUpExpireAfterPingIntervalAndPingTimeout() throws Exception {
        Map<String, Object> before = SessionLifecycleIT.settledStats(ws);
        List<CompletableFuture<HttpResponse<String>>> handshakes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            handshakes.add(http.sendAsync(HttpRequest.newBuilder(endpoints().http("EIO=4&transport=polling")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> sids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> h : handshakes) {
            HttpResponse<String> r = h.get(10, TimeUnit.SECONDS);
            Matcher m = SID.matcher(r.body());
            assertTrue(r.statusCode() == 200 && m.find(), r.body());
            sids.add(m.group(1));
        }
        long handshaken = System.nanoTime();
        Map<String, Object> during = SessionLifecycleIT.stats(ws);
        assertTrue(connections(during) > connections(before), "the handshakes opened sessions: " + during);
        assertBystandersServed("while handshakes wait");

        Map<String, Object> after = during;
        while (connections(after) != connections(before) && System.nanoTime() - handshaken < 8_000_000_000L) {
            Thread.sleep(100);
            after = SessionLifecycleIT.stats(ws);
        }
        long ms = (System.nanoTime() - handshaken) / 1_000_000;
        assertEquals(connections(before), connections(after), "every session expired: " + after);
        assertTrue(ms < 4000, "expired after " + ms + " ms, expected about pingInterval + pingTimeout (1300 ms)");
        assertEquals(before.get("timers"), after.get("timers"), "no timer of the expired sessions is left");
        assertEquals(before.get("rooms/"), after.get("rooms/"));
        for (String sid : sids) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    endpoints().http("EIO=4&transport=polling&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
            assertError(r, 400, 1, "Session ID unknown");
        }
        assertBystandersServed("after the handshakes expired");
    }

    private static int connections(Map<String, Object> stats) {
        return ((Number) stats.get("connections")).intValue();
    }

    /** A message event whose text makes the whole packet exactly {@code bytes} long in UTF-8, mostly 'é'. */
    static String messageOfBytes(int bytes) {
        String prefix = "42[\"message\",\"";
        String suffix = "\"]";
        int rest = bytes - prefix.length() - suffix.length();
        return prefix + "\u00e9".repeat(rest / 2) + "a".repeat(rest % 2) + suffix;
    }

    @Test
    void aPollingBodyOfMaxHttpBufferSizeBytesIsTakenOneByteMoreGets413() throws Exception {
        try (PollingLoop sender = PollingLoop.joined(endpoints())) {
            String exact = messageOfBytes(MAX);
            assertEquals(MAX, exact.getBytes(StandardCharsets.UTF_8).length);
            assertTrue(exact.length() < MAX * 6 / 10, "most characters take two bytes");
            sender.send(exact);
            String back = sender.nextStartingWith("42[\"message-back\"");
            assertEquals(exact.substring(14), back.substring(19), "echoed whole");
            // the same size without a Content-Length (chunked): read up to the limit, then judged
            HttpResponse<String> chunked = sender.post(exact.getBytes(StandardCharsets.UTF_8), true);
            assertEquals(200, chunked.statusCode(), chunked.body());
            sender.nextStartingWith("42[\"message-back\"");
            assertBystandersServed("after bodies at the limit");

            String over = messageOfBytes(MAX + 1);
            RawPolling withLength = RawPolling.open(endpoints());
            assertEquals(413, withLength.post(over).statusCode());
            assertError(withLength.get(), 400, 1, "Session ID unknown");
            RawPolling withoutLength = RawPolling.open(endpoints());
            HttpResponse<String> tooBig = withoutLength.http.send(HttpRequest.newBuilder(withoutLength.uri())
                    .header("Content-Type", "text/plain;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            over.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, tooBig.statusCode());
            assertError(withoutLength.get(), 400, 1, "Session ID unknown");
            assertBystandersServed("after bodies over the limit");
        }
    }

    @Test
    void aWebSocketMessageOfMaxHttpBufferSizeBytesIsTakenOneByteMoreCloses1009() throws Exception {
        RawWebSocket sender = RawWebSocket.connected(endpoints());
        String exact = messageOfBytes(MAX);
        sender.send(exact);
        String back = sender.nextStartingWith("42[\"message-back\"");
        assertEquals(exact.substring(14), back.substring(19), "echoed whole");
        sender.close();

        // fewer characters than the limit, more bytes: the limit is in bytes, as engine.io's maxPayload
        RawWebSocket tooBig = RawWebSocket.connected(endpoints());
        tooBig.send(messageOfBytes(MAX + 1));
        assertEquals(1009, tooBig.closeCode(5000));
        assertBystandersServed("after messages at and over the limit");
    }

    @Test
    void aBinaryWebSocketMessageOfMaxHttpBufferSizeBytesIsTakenOneByteMoreCloses1009() throws Exception {
        RawWebSocket sender = RawWebSocket.connected(endpoints());
        byte[] exact = new byte[MAX];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = (byte) (i * 31 + 7);
        }
        sender.send("451-3[\"message-with-ack\",{\"_placeholder\":true,\"num\":0}]");
        sender.send(exact);
        assertEquals("461-3[{\"_placeholder\":true,\"num\":0}]", sender.nextStartingWith("461-3"));
        assertTrue(Arrays.equals(exact, (byte[]) sender.next()), "echoed whole");
        sender.close();

        RawWebSocket tooBig = RawWebSocket.connected(endpoints());
        tooBig.send("451-[\"message\",{\"_placeholder\":true,\"num\":0}]");
        tooBig.send(new byte[MAX + 1]);
        assertEquals(1009, tooBig.closeCode(5000));
        assertBystandersServed("after binary messages at and over the limit");
    }

    @Test
    void invalidUtf8InAWebSocketTextFrameClosesThatConnectionWith1007() throws Exception {
        // a text frame must be UTF-8 (RFC 6455): the container refuses it before Socketeer sees it
        byte[] frame = {'4', '2', '[', '"', 'm', (byte) 0xC3, '(', '"', ']'};
        assertEquals(1007, rawWebSocketCloseCode(frame));
        assertBystandersServed("after invalid UTF-8 in a text frame");
    }

    /**
     * Opens a WebSocket by hand, sends {@code payload} as one masked text frame, and returns the code of
     * the close frame the server answers with (-1 when it closes without one).
     */
    private int rawWebSocketCloseCode(byte[] payload) throws Exception {
        java.net.URI uri = endpoints().ws("EIO=4&transport=websocket");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            frame.write(0x81); // FIN, text
            frame.write(0x80 | payload.length);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
            try {
                while (true) {
                    int opcode = in.readUnsignedByte() & 0x0F;
                    long length = in.readUnsignedByte() & 0x7F;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] data = in.readNBytes((int) length);
                    if (opcode == 8) {
                        return data.length >= 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : -1;
                    }
                }
            } catch (java.io.EOFException e) {
                return -1;
            }
        }
    }

    @Test
    void invalidUtf8InAPollingBodyBecomesReplacementCharactersAsInNode() throws Exception {
        try (PollingLoop sender = PollingLoop.joined(endpoints())) {
            byte[] prefix = "42[\"message\",\"a".getBytes(StandardCharsets.US_ASCII);
            byte[] broken = {(byte) 0xC3, '(', 'b', (byte) 0xFF, (byte) 0xE2, (byte) 0x82};
            byte[] suffix = "\"]".getBytes(StandardCharsets.US_ASCII);
            byte[] body = new byte[prefix.length + broken.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(broken, 0, body, prefix.length, broken.length);
            System.arraycopy(suffix, 0, body, prefix.length + broken.length, suffix.length);
            HttpResponse<String> r = sender.post(body, false);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("42[\"message-back\",\"a\uFFFD(b\uFFFD\uFFFD\"]", sender.nextStartingWith("42[\"message-back\""));
            sender.send("42[\"message\",\"still open\"]");
            assertEquals("42[\"message-back\",\"still open\"]", sender.nextStartingWith("42[\"message-back\""));
            assertBystandersServed("after invalid UTF-8");
        }
    }
}
