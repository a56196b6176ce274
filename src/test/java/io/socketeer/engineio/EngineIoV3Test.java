package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO v3 sessions ({@code allowEIO3}): the client pings and the server answers, payloads and
 * binary frames are framed as in v3, and v3 is refused unless allowed.
 */
class EngineIoV3Test {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final EngineServer engine = new EngineServer(EngineOptions.builder().pingInterval(300).pingTimeout(200)
            .allowEIO3(true).build(), scheduler);
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        engine.closeAll();
        scheduler.shutdownNow();
    }

    private static EngineRequest v3Request(String transport, String... extra) {
        Map<String, String> q = Engines.query(extra);
        q.put("EIO", "3");
        q.put("transport", transport);
        return new EngineRequest("GET", "/socket.io/?EIO=3&transport=" + transport, q, Map.of(), "127.0.0.1", false,
                System.currentTimeMillis(), null);
    }

    private EngineSession openPolling(String... extra) {
        engine.onConnection(s -> s.listener(listener));
        FakePollExchange first = new FakePollExchange();
        EngineSession s = engine.handshakePolling(v3Request("polling", extra), first);
        String open = "0{\"sid\":\"" + s.id() + "\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,"
                + "\"pingTimeout\":200,\"maxPayload\":1000000}";
        assertEquals(open.length() + ":" + open, first.awaitPayload());
        assertEquals(3, s.protocol());
        return s;
    }

    private FakePollExchange get(EngineSession s) {
        FakePollExchange ex = new FakePollExchange();
        engine.polling(s.id()).onPollRequest(ex);
        return ex;
    }

    private void post(EngineSession s, String payload) {
        PollingTransport p = engine.polling(s.id());
        assertTrue(p.beginPost());
        p.onData(payload);
    }

    @Test
    void v3IsRefusedUnlessAllowed() {
        EngineServer v4Only = new EngineServer(EngineOptions.defaults(), scheduler);
        assertSame(EngineError.UNSUPPORTED_PROTOCOL_VERSION,
                v4Only.verify("GET", Engines.query("EIO", "3", "transport", "polling"), false));
        assertNull(engine.verify("GET", Engines.query("EIO", "3", "transport", "polling"), false));
        assertSame(EngineError.UNSUPPORTED_PROTOCOL_VERSION,
                engine.verify("GET", Engines.query("EIO", "2", "transport", "polling"), false));
        v4Only.closeAll();
    }

    @Test
    void theClientPingsAndTheServerAnswersWithAPong() throws Exception {
        EngineSession s = openPolling();
        FakePollExchange held = get(s);
        Thread.sleep(400); // past pingInterval: a v3 server sends no ping of its own
        assertFalse(held.answered());
        post(s, "1:2");
        assertEquals("1:3", held.awaitPayload());
        assertSame(EngineSession.State.OPEN, s.state());
    }

    @Test
    void aClientThatStopsPingingTimesOutAfterPingIntervalPlusPingTimeout() throws Exception {
        EngineSession s = openPolling();
        for (int i = 0; i < 3; i++) { // pings keep it open well past 500 ms
            Thread.sleep(250);
            post(s, "1:2");
            assertEquals("1:3", get(s).awaitPayload());
        }
        long silentSince = System.nanoTime();
        assertEquals("ping timeout", listener.awaitClose());
        assertTrue((System.nanoTime() - silentSince) / 1_000_000 >= 450, "closed before pingInterval + pingTimeout");
    }

    @Test
    void aPongFromAV3ClientIsATransportError() {
        EngineSession s = openPolling();
        post(s, "1:3");
        assertEquals("transport error", listener.awaitClose());
        assertSame(EngineSession.State.CLOSED, s.state());
    }

    @Test
    void binaryGoesOutAsABinaryPayloadOrAsBase64WhenTheClientAskedForB64() {
        EngineSession s = openPolling();
        s.sendAll(List.of(EnginePacket.message("451-[\"b\",{\"_placeholder\":true,\"num\":0}]"),
                EnginePacket.message(new byte[] {0, 1, 2, (byte) 255})));
        FakePollExchange ex = get(s);
        ex.awaitPayload();
        assertEquals("000400ff343435312d5b2262222c7b225f706c616365686f6c646572223a747275652c226e756d223a307d5d0105ff04000102ff",
                HexFormat.of().formatHex(ex.binaryPayloadNow()));

        EngineSession b64 = engine.handshakePolling(v3Request("polling", "b64", "1"), new FakePollExchange());
        b64.send(new byte[] {0, 1, 2, (byte) 255});
        FakePollExchange ex2 = get(b64);
        assertEquals("10:b4AAEC/w==", ex2.awaitPayload());
    }

    @Test
    void aBinaryPostIsDecoded() throws Exception {
        EngineSession s = openPolling();
        PollingTransport p = engine.polling(s.id());
        assertTrue(p.beginPost());
        p.onBinaryData(HexFormat.of().parseHex("0003ff3468690104ff04010203"));
        assertEquals("hi", listener.nextMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) listener.nextMessage());
    }

    @Test
    void aBinaryPostFromAV4ClientIsAParseError() {
        engine.onConnection(s -> s.listener(listener));
        EngineSession s = engine.handshakePolling(Engines.request("polling"), new FakePollExchange());
        PollingTransport p = engine.polling(s.id());
        assertTrue(p.beginPost());
        p.onBinaryData(HexFormat.of().parseHex("0003ff346869"));
        assertEquals("parse error", listener.awaitClose());
    }

    @Test
    void overWebSocketBinaryFramesCarryTheTypeByte() {
        engine.onConnection(s -> s.listener(listener));
        FakeWebSocket socket = new FakeWebSocket();
        WebSocketTransport ws = engine.handshakeWebSocket(v3Request("websocket"), socket);
        assertTrue(socket.nextText().startsWith("0{\"sid\""));
        ws.onBinary(new byte[] {4, 9, 8});
        assertArrayEquals(new byte[] {9, 8}, (byte[]) listener.nextMessage());
        ws.onText("2");
        assertEquals("3", socket.nextText());
        ws.session().send(new byte[] {7});
        assertArrayEquals(new byte[] {4, 7}, socket.nextBinary());
    }

    @Test
    void whatIsSentWhileOpeningFollowsTheOpenPacket() {
        engine.onConnection(s -> s.send("0")); // as Socket.IO's CONNECT to "/" for a v2 client
        FakePollExchange first = new FakePollExchange();
        EngineSession s = engine.handshakePolling(v3Request("polling"), first);
        String payload = first.awaitPayload();
        assertTrue(payload.matches("\\d+:0\\{\"sid\":\"" + s.id() + "\".*\\}2:40"), payload);
    }
}
