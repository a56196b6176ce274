package io.socketeer.engineio;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long-polling: handshake, held GETs, batching, overlapping requests and closes. */
class PollingTransportTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final EngineServer engine = new EngineServer(Engines.options(10_000, 5_000), scheduler);
    private final RecordingListener listener = new RecordingListener();
    private EngineSession session;
    private PollingTransport polling;

    @AfterEach
    void stop() {
        engine.closeAll();
        scheduler.shutdownNow();
    }

    /** Handshake; returns the OPEN payload. */
    private String open() {
        engine.onConnection(s -> s.listener(listener));
        FakePollExchange first = new FakePollExchange();
        session = engine.handshakePolling(Engines.request("polling"), first);
        polling = engine.polling(session.id());
        return first.awaitPayload();
    }

    private FakePollExchange get() {
        FakePollExchange ex = new FakePollExchange();
        polling.onPollRequest(ex);
        return ex;
    }

    private void post(String payload) {
        assertTrue(polling.beginPost());
        polling.onData(payload);
    }

    @Test
    void handshakeAnswersOpenPacketWithUpgradeOffer() {
        String payload = open();
        assertEquals("0{\"sid\":\"" + session.id() + "\",\"upgrades\":[\"websocket\"],\"pingInterval\":10000,"
                + "\"pingTimeout\":5000,\"maxPayload\":1000000}", payload);
        assertEquals("polling", session.transportName());
        assertSame(EngineSession.State.OPEN, session.state());
        assertEquals(1, engine.sessionCount());
    }

    @Test
    void handshakeOffersNoUpgradeWithoutWebSocket() {
        EngineServer pollingOnly = new EngineServer(EngineOptions.builder()
                .transports(java.util.Set.of("polling")).maxHttpBufferSize(500).build(), scheduler);
        FakePollExchange ex = new FakePollExchange();
        EngineSession s = pollingOnly.handshakePolling(Engines.request("polling"), ex);
        assertEquals("0{\"sid\":\"" + s.id() + "\",\"upgrades\":[],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":500}", ex.awaitPayload());
        pollingOnly.closeAll();
    }

    @Test
    void aClientThatStopsPollingIsClosedPastMaxWriteBufferSize() {
        EngineServer small = new EngineServer(EngineOptions.builder().maxWriteBufferSize(5_000).build(), scheduler);
        RecordingListener closes = new RecordingListener();
        small.onConnection(s -> s.listener(closes));
        FakePollExchange ex = new FakePollExchange();
        EngineSession s = small.handshakePolling(Engines.request("polling"), ex);
        ex.awaitPayload();
        EnginePacket kilobyte = EnginePacket.message("x".repeat(999));
        for (int i = 0; i < 5; i++) {
            s.send(kilobyte); // no GET comes for them
        }
        assertSame(EngineSession.State.OPEN, s.state(), "5,000 bytes wait: at the limit, not over it");
        s.send("!");
        assertEquals("transport error", closes.awaitClose());
        assertNull(small.session(s.id()));
        assertNull(small.polling(s.id()), "a GET coming now finds no session");
        small.closeAll();
    }

    @Test
    void connectionListenerSeesSessionBeforeHandshakeIsSent() {
        FakePollExchange first = new FakePollExchange();
        boolean[] answeredAtConnection = {true};
        engine.onConnection(s -> answeredAtConnection[0] = first.answered());
        engine.handshakePolling(Engines.request("polling"), first);
        assertFalse(answeredAtConnection[0]);
        assertTrue(first.answered());
    }

    @Test
    void heldGetIsAnsweredWhenAMessageIsSent() throws Exception {
        open();
        FakePollExchange ex = get();
        Thread.sleep(30);
        assertFalse(ex.answered(), "a GET with nothing queued must be held");
        session.send("hello");
        assertEquals("4hello", ex.awaitPayload());
    }

    @Test
    void queuedPacketsGoInOnePayload() {
        open();
        session.send("a");
        session.send(new byte[] {1, 2, 3});
        session.sendAll(List.of(EnginePacket.messageFrame("42[\"x\"]"), EnginePacket.message("b")));
        assertEquals("4a\u001ebAQID\u001e42[\"x\"]\u001e4b", get().awaitPayload());
        FakePollExchange next = get();
        assertFalse(next.answered());
        session.send("c");
        assertEquals("4c", next.awaitPayload());
    }

    @Test
    void postDeliversPacketsInOrder() {
        open();
        post("4one\u001ebAQID\u001e4two");
        assertEquals("one", listener.nextMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) listener.nextMessage());
        assertEquals("two", listener.nextMessage());
        assertTrue(polling.beginPost(), "a finished POST frees the slot");
        polling.endPost();
    }

    @Test
    void overlappingGetFailsAndClosesSession() {
        open();
        FakePollExchange first = get();
        FakePollExchange second = get();
        assertSame(EngineError.BAD_REQUEST, second.awaitError());
        assertEquals("1", first.awaitPayload());
        assertEquals("transport error", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
        assertSame(EngineSession.State.CLOSED, session.state());
        assertEquals(1, first.answerCount());
        assertEquals(1, second.answerCount());
    }

    @Test
    void overlappingPostFailsAndClosesSession() {
        open();
        FakePollExchange pending = get();
        assertTrue(polling.beginPost());
        assertFalse(polling.beginPost());
        assertEquals("transport error", listener.awaitClose());
        assertEquals("1", pending.awaitPayload());
        assertEquals(0, engine.sessionCount());
        assertNull(engine.polling(session.id()));
    }

    @Test
    void clientCloseAnswersPendingGetWithNoop() {
        open();
        FakePollExchange pending = get();
        post("1");
        assertEquals("6", pending.awaitPayload());
        assertEquals("transport close", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
        FakePollExchange later = get();
        assertSame(EngineError.BAD_REQUEST, later.awaitError());
    }

    @Test
    void clientCloseWithoutPendingGet() {
        open();
        post("4bye\u001e1");
        assertEquals("bye", listener.nextMessage());
        assertEquals("transport close", listener.awaitClose());
        assertSame(EngineError.BAD_REQUEST, get().awaitError());
    }

    @Test
    void invalidPayloadIsParseError() {
        open();
        FakePollExchange pending = get();
        post("4ok\u001e9bad");
        assertEquals("parse error", listener.awaitClose());
        assertTrue(listener.messages.isEmpty(), "nothing of an invalid payload is delivered");
        assertEquals("1", pending.awaitPayload());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void brokenBase64IsParseError() {
        open();
        post("b%%%");
        assertEquals("parse error", listener.awaitClose());
    }

    @Test
    void clientPingIsATransportError() {
        open();
        post("2");
        assertEquals("transport error", listener.awaitClose());
    }

    @Test
    void serverCloseWithPendingGetSendsClosePacket() {
        open();
        FakePollExchange pending = get();
        session.close();
        assertEquals("1", pending.awaitPayload());
        assertEquals("forced close", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void serverCloseWaitsForNextGetAndFlushesFirst() {
        open();
        session.send("last");
        session.close();
        assertSame(EngineSession.State.CLOSING, session.state());
        assertFalse(listener.closeReason.isDone());
        session.send("dropped: session is closing");
        // the buffered packets go out alone; the close packet waits for the next GET (as engine.io
        // does: in one payload, the client would act on the close before the packets ahead of it)
        assertEquals("4last", get().awaitPayload());
        assertFalse(listener.closeReason.isDone());
        assertEquals("1", get().awaitPayload());
        assertEquals("forced close", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
        assertEquals(1, listener.closeCalls());
    }

    @Test
    void serverCloseWithNothingQueuedAnswersNextGetWithClose() {
        open();
        session.close();
        assertEquals("1", get().awaitPayload());
        assertEquals("forced close", listener.awaitClose());
    }

    @Test
    void serverCloseWithoutAnyGetEndsAfterHeartbeatTime() {
        EngineServer quick = new EngineServer(Engines.options(40, 40), scheduler);
        RecordingListener l = new RecordingListener();
        quick.onConnection(s -> s.listener(l));
        FakePollExchange ex = new FakePollExchange();
        EngineSession s = quick.handshakePolling(Engines.request("polling"), ex);
        ex.awaitPayload();
        s.close();
        assertEquals("forced close", l.awaitClose());
        assertEquals(0, quick.sessionCount());
    }

    @Test
    void messagesSentAfterCloseAreDropped() {
        open();
        FakePollExchange pending = get();
        post("1");
        pending.awaitPayload();
        session.send("late");
        assertFalse(session.isWritable());
    }

    @Test
    void isWritableOnlyWithHeldGetAndEmptyBuffer() {
        open();
        assertFalse(session.isWritable());
        FakePollExchange ex = get();
        assertTrue(session.isWritable());
        session.send("x");
        ex.awaitPayload();
        assertFalse(session.isWritable());
    }

    @Test
    void requestIsKept() {
        open();
        assertEquals(Map.of("EIO", "4", "transport", "polling"), session.request().query());
        assertEquals("test", session.request().header("User-Agent"));
        assertNull(session.request().header("origin"));
    }

    @Test
    void closeAllClosesEverySession() {
        open();
        FakePollExchange pending = get();
        engine.closeAll();
        assertEquals("1", pending.awaitPayload());
        assertEquals("forced close", listener.awaitClose());
        assertTrue(eventually(() -> engine.sessionCount() == 0));
    }
}
