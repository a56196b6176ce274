package io.socketeer.engineio;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-sent heartbeat (pingInterval 50 ms, pingTimeout 50 ms). */
class EngineSessionHeartbeatTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final EngineServer engine = new EngineServer(Engines.options(50, 50), scheduler);
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        engine.closeAll();
        patient.closeAll();
        scheduler.shutdownNow();
    }

    private long pings(FakeWebSocket c) {
        return c.texts().stream().filter("2"::equals).count();
    }

    @Test
    void pongKeepsTheSessionAliveAcrossSeveralIntervals() throws Exception {
        AtomicReference<WebSocketTransport> ws = new AtomicReference<>();
        FakeWebSocket conn = new FakeWebSocket().onText(t -> {
            if (t.equals("2")) {
                while (ws.get() == null) {
                    Thread.onSpinWait(); // the handshake call has not returned yet
                }
                ws.get().onText("3");
            }
        });
        engine.onConnection(s -> s.listener(listener));
        ws.set(engine.handshakeWebSocket(Engines.request("websocket"), conn));
        assertTrue(eventually(() -> pings(conn) >= 5), "pings: " + pings(conn));
        assertFalse(listener.closeReason.isDone());
        assertSame(EngineSession.State.OPEN, ws.get().session().state());
        assertEquals(1, engine.sessionCount());
    }

    @Test
    void noPongClosesWithPingTimeoutAndReleasesTheSession() {
        FakeWebSocket conn = new FakeWebSocket();
        engine.onConnection(s -> s.listener(listener));
        long start = System.nanoTime();
        WebSocketTransport ws = engine.handshakeWebSocket(Engines.request("websocket"), conn);
        assertEquals("ping timeout", listener.awaitClose());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 90, "closed after " + ms + " ms, before pingInterval + pingTimeout");
        assertEquals(1, pings(conn));
        assertEquals(0, engine.sessionCount());
        assertSame(EngineSession.State.CLOSED, ws.session().state());
        assertTrue(conn.awaitClosed(1000));
    }

    /** Pings every 50 ms, but a polling client has a whole second to answer. */
    private final EngineServer patient = new EngineServer(Engines.options(50, 1000), scheduler);

    @Test
    void pingGoesToAHeldGet() {
        EngineServer engine = patient;
        engine.onConnection(s -> s.listener(listener));
        FakePollExchange first = new FakePollExchange();
        EngineSession session = engine.handshakePolling(Engines.request("polling"), first);
        first.awaitPayload();
        FakePollExchange held = new FakePollExchange();
        engine.polling(session.id()).onPollRequest(held);
        assertEquals("2", held.awaitPayload());
        PollingTransport polling = engine.polling(session.id());
        assertTrue(polling.beginPost());
        polling.onData("3");
        FakePollExchange next = new FakePollExchange();
        polling.onPollRequest(next);
        assertEquals("2", next.awaitPayload(), "the heartbeat goes on after a pong");
        assertFalse(listener.closeReason.isDone());
    }

    @Test
    void pollingClientThatNeverAnswersTimesOut() {
        engine.onConnection(s -> s.listener(listener));
        FakePollExchange first = new FakePollExchange();
        engine.handshakePolling(Engines.request("polling"), first);
        first.awaitPayload();
        assertEquals("ping timeout", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void pongOnPollingAfterPingBufferedWithoutGet() throws Exception {
        EngineServer engine = patient;
        engine.onConnection(s -> s.listener(listener));
        FakePollExchange first = new FakePollExchange();
        EngineSession session = engine.handshakePolling(Engines.request("polling"), first);
        first.awaitPayload();
        Thread.sleep(70); // the ping is queued: no GET is held
        FakePollExchange get = new FakePollExchange();
        engine.polling(session.id()).onPollRequest(get);
        assertEquals("2", get.awaitPayload());
        PollingTransport polling = engine.polling(session.id());
        assertTrue(polling.beginPost());
        polling.onData("3");
        FakePollExchange next = new FakePollExchange();
        polling.onPollRequest(next);
        assertEquals("2", next.awaitPayload(), "the next ping comes after the pong");
        assertSame(EngineSession.State.OPEN, session.state());
    }
}
