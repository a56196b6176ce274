package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.parser.Json;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session's life over WebSocket, spoken by hand: the heartbeat keeps it, silence ends it after
 * pingInterval + pingTimeout with nothing left behind, connectTimeout ends a connection that joins no
 * namespace, and any invalid input closes only the session that sent it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionLifecycleIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance();
    }

    @ArquillianResource
    URL base;

    Endpoints endpoints() {
        return Endpoints.of(base);
    }

    /** Asks the server what its registry holds, over a connection of its own. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stats(RawWebSocket observer) throws Exception {
        observer.send("4299[\"stats\"]");
        String ack = observer.nextStartingWith("4399[");
        return (Map<String, Object>) ((List<Object>) Json.parse(ack.substring(4))).get(0);
    }

    /**
     * The stats once they stop changing: a connection the previous test closed may still be on its
     * way out when this one starts (the server learns of a client's close asynchronously).
     */
    static Map<String, Object> settledStats(RawWebSocket observer) throws Exception {
        Map<String, Object> last = stats(observer);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(100);
            Map<String, Object> now = stats(observer);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /**
     * A client offering permessage-deflate (as browsers and the Node.js client do) gets a plain
     * WebSocket, as from the reference server (perMessageDeflate off): no extension in the 101.
     */
    @Test
    void offeredCompressionIsDeclined() throws Exception {
        java.net.URI uri = endpoints().ws("EIO=4&transport=websocket");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            assertTrue(status != null && status.contains(" 101"), "status: " + status);
            List<String> headers = new java.util.ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.add(line);
            }
            assertTrue(headers.stream().noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions")),
                    "no extension accepted: " + headers);
        }
    }

    @Test
    void theHeartbeatKeepsASessionAlive() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(endpoints());
        Thread.sleep(1500); // five pingIntervals
        assertTrue(ws.pingsAnswered() >= 3, "pings answered: " + ws.pingsAnswered());
        ws.send("42[\"message\",\"still here\"]");
        assertEquals("42[\"message-back\",\"still here\"]", ws.nextStartingWith("42[\"message-back\""));
        ws.close();
    }

    @Test
    void aSilentClientIsClosedAfterPingTimeoutAndLeavesNothingBehind() throws Exception {
        RawWebSocket observer = RawWebSocket.connected(endpoints());
        observer.send("4298[\"last-disconnects\"]");
        observer.nextStartingWith("4398[");
        Map<String, Object> before = settledStats(observer);

        RawWebSocket silent = RawWebSocket.connected(endpoints());
        silent.send("421[\"join-room\",\"silent-room\"]");
        assertTrue(silent.nextStartingWith("431[").contains("silent-room"));
        Map<String, Object> during = stats(observer);
        assertEquals(((Number) before.get("connections")).intValue() + 1, ((Number) during.get("connections")).intValue());
        assertTrue(((List<?>) during.get("rooms/")).contains("silent-room"));

        silent.autoPong(false);
        long start = System.nanoTime();
        assertNotNull(silent.closeCode(5000), "the server closes a client that does not answer pings");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 3000, "closed after " + ms + " ms, expected about pingInterval + pingTimeout (1300 ms)");

        Thread.sleep(200);
        Map<String, Object> after = stats(observer);
        assertEquals(before.get("connections"), after.get("connections"));
        assertEquals(before.get("sockets/"), after.get("sockets/"));
        assertEquals(before.get("rooms/"), after.get("rooms/"));
        assertTrue(!((List<?>) after.get("rooms/")).contains("silent-room"));
        assertEquals(before.get("timers"), after.get("timers"), "no timer of the closed session is left");

        observer.send("4297[\"last-disconnects\"]");
        assertTrue(observer.nextStartingWith("4397[").contains("ping timeout"));
        observer.close();
    }

    @Test
    void aConnectionThatJoinsNoNamespaceIsClosedAfterConnectTimeout() throws Exception {
        RawWebSocket ws = RawWebSocket.open(endpoints().ws("EIO=4&transport=websocket"));
        assertTrue(ws.nextText().startsWith("0{\"sid\":\""));
        long start = System.nanoTime();
        assertNotNull(ws.closeCode(4000));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 700 && ms < 3000, "closed after " + ms + " ms, connectTimeout is 1000 ms");
    }

    @Test
    void theWebSocketHandshakeOffersNoUpgrade() throws Exception {
        RawWebSocket ws = RawWebSocket.open(endpoints().ws("EIO=4&transport=websocket"));
        String open = ws.nextText();
        assertTrue(open.matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],\"pingInterval\":300,"
                + "\"pingTimeout\":1000,\"maxPayload\":1000000}"), open);
        ws.close();
    }

    @Test
    void aFrameAboveMaxHttpBufferSizeClosesWith1009() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(endpoints());
        ws.send("42[\"message\",\"" + "x".repeat(1_000_100) + "\"]");
        assertEquals(1009, ws.closeCode(5000));
    }

    @Test
    void invalidInputClosesOnlyTheOffendingSession() throws Exception {
        RawWebSocket bystander = RawWebSocket.connected(endpoints());
        String[] invalid = {
            "9",                                   // unknown Engine.IO packet type
            "48",                                  // unknown Socket.IO packet type
            "42{\"not\":\"an array\"}",            // event payload not an array
            "42[]",                                // event without a name
            "42[\"disconnect\"]",                  // reserved event name
            "42[\"message\",",                     // broken JSON
            "451-[\"message\",{\"_placeholder\":true,\"num\":5}]", // placeholder out of range (after attachment)
            "40",                                  // CONNECT to a namespace already joined
            "42/custom,[\"message\",1]",           // EVENT to a namespace not joined
            "2",                                   // a ping from the client (v4: the server pings)
        };
        for (String frame : invalid) {
            RawWebSocket bad = RawWebSocket.connected(endpoints());
            bad.send(frame);
            if (frame.startsWith("451-")) {
                bad.send(new byte[] {1, 2, 3});
            }
            assertNotNull(bad.closeCode(3000), "session not closed after " + frame);
            bystander.send("4210[\"message-with-ack\",\"" + frame.length() + "\"]");
            assertEquals("4310[\"" + frame.length() + "\"]", bystander.nextStartingWith("4310["),
                    "the other session still works after " + frame);
        }
        RawWebSocket binaryFirst = RawWebSocket.connected(endpoints());
        binaryFirst.send(new byte[] {9, 9}); // binary when no packet awaits attachments
        assertNotNull(binaryFirst.closeCode(3000));
        bystander.close();
    }

    @Test
    void binaryTravelsAsBinaryFrames() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(endpoints());
        ws.send("452-7[\"message-with-ack\",{\"a\":{\"_placeholder\":true,\"num\":0}},{\"_placeholder\":true,\"num\":1}]");
        ws.send(new byte[] {1, 2});
        ws.send(new byte[] {3});
        assertEquals("462-7[{\"a\":{\"_placeholder\":true,\"num\":0}},{\"_placeholder\":true,\"num\":1}]",
                ws.nextStartingWith("462-7"));
        assertTrue(java.util.Arrays.equals(new byte[] {1, 2}, (byte[]) ws.next()));
        assertTrue(java.util.Arrays.equals(new byte[] {3}, (byte[]) ws.next()));
        ws.close();
    }

    @Test
    void aBinaryAttachmentSentInSeveralFramesArrivesWhole() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(endpoints());
        byte[] whole = new byte[70_000];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = (byte) (i * 13 + 1);
        }
        ws.send("451-8[\"message-with-ack\",{\"_placeholder\":true,\"num\":0}]");
        ws.sendInFrames(java.util.Arrays.copyOfRange(whole, 0, 5),
                java.util.Arrays.copyOfRange(whole, 5, 40_000), java.util.Arrays.copyOfRange(whole, 40_000, 70_000));
        assertEquals("461-8[{\"_placeholder\":true,\"num\":0}]", ws.nextStartingWith("461-8"));
        assertTrue(java.util.Arrays.equals(whole, (byte[]) ws.next()));
        ws.close();
    }

    @Test
    void namespacesAndAuth() throws Exception {
        RawWebSocket ws = RawWebSocket.open(endpoints().ws("EIO=4&transport=websocket"));
        ws.nextText();
        ws.send("40/custom,{\"token\":\"abc\"}");
        assertTrue(ws.nextText().startsWith("40/custom,{\"sid\":\""));
        assertEquals("42/custom,[\"auth\",{\"token\":\"abc\"}]", ws.nextText());
        ws.send("40/nope,");
        assertEquals("44/nope,{\"message\":\"Invalid namespace\"}", ws.nextText());
        ws.send("40/guarded,{}");
        assertEquals("44/guarded,{\"message\":\"not authorized\",\"data\":{\"code\":401,\"hint\":\"send auth.token\"}}",
                normalize(ws.nextText()));
        ws.send("41/custom,");
        ws.send("40");
        assertTrue(ws.nextText().startsWith("40{\"sid\":\""), "the connection stays open for other namespaces");
        ws.close();
    }

    /** Map.of has no fixed order: put "code" before "hint" for the comparison. */
    private static String normalize(String connectError) {
        return connectError.replace("{\"hint\":\"send auth.token\",\"code\":401}", "{\"code\":401,\"hint\":\"send auth.token\"}");
    }
}
