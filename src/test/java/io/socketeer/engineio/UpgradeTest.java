package io.socketeer.engineio;

import static io.socketeer.engineio.Engines.eventually;
import static io.socketeer.engineio.Engines.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upgrade from long-polling to WebSocket with the same sid. */
class UpgradeTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final EngineServer engine = new EngineServer(
            EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000).upgradeTimeout(2000).build(), scheduler);
    private final RecordingListener listener = new RecordingListener();
    private EngineSession session;

    @AfterEach
    void stop() {
        engine.closeAll();
        scheduler.shutdownNow();
    }

    private void openPolling() {
        engine.onConnection(s -> s.listener(listener));
        FakePollExchange first = new FakePollExchange();
        session = engine.handshakePolling(Engines.request("polling"), first);
        assertTrue(first.awaitPayload().contains("\"upgrades\":[\"websocket\"]"));
    }

    private FakePollExchange get() {
        FakePollExchange ex = new FakePollExchange();
        engine.polling(session.id()).onPollRequest(ex);
        return ex;
    }

    @Test
    void probeThenUpgradeSwitchesTransport() {
        openPolling();
        FakePollExchange held = get();
        FakeWebSocket conn = new FakeWebSocket();
        assertNull(engine.verify("GET", query("EIO", "4", "transport", "websocket", "sid", session.id()), true));
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        assertEquals("3probe", conn.nextText());
        assertEquals("6", held.awaitPayload(), "the held GET is released with a noop");
        assertEquals("polling", session.transportName());
        ws.onText("5");
        assertEquals("websocket", session.transportName());
        assertTrue(session.upgraded());

        session.send("over ws");
        assertEquals("4over ws", conn.nextText());
        ws.onText("4from client");
        assertEquals("from client", listener.nextMessage());

        assertSame(EngineError.BAD_REQUEST,
                engine.verify("GET", query("EIO", "4", "transport", "polling", "sid", session.id()), false));
        assertSame(EngineError.BAD_REQUEST,
                engine.verify("POST", query("EIO", "4", "transport", "polling", "sid", session.id()), false));
        assertNull(engine.polling(session.id()));
        assertFalse(conn.isClosed());
    }

    @Test
    void packetsQueuedDuringUpgradeComeOutOnWebSocket() {
        openPolling();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        assertEquals("3probe", conn.nextText());
        session.send("a");
        session.send("b");
        assertTrue(conn.silentFor(20), "nothing goes over the WebSocket before the upgrade packet");
        ws.onText("5");
        assertEquals("4a", conn.nextText());
        assertEquals("4b", conn.nextText());
    }

    @Test
    void messagesFromTheCandidateBeforeUpgradeCancelIt() {
        openPolling();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        conn.nextText();
        ws.onText("4too early");
        assertTrue(conn.awaitClosed(1000));
        assertEquals("polling", session.transportName());
        assertSame(EngineSession.State.OPEN, session.state());
        assertTrue(listener.messages.isEmpty());
        session.send("still polling");
        assertEquals("4still polling", get().awaitPayload());
    }

    @Test
    void secondCandidateIsRefused() {
        openPolling();
        FakeWebSocket first = new FakeWebSocket();
        engine.upgrade(session.id(), first);
        FakeWebSocket second = new FakeWebSocket();
        engine.upgrade(session.id(), second);
        assertTrue(second.awaitClosed(1000));
        assertFalse(first.isClosed());
    }

    @Test
    void secondWebSocketAfterUpgradeIsClosed() {
        openPolling();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        ws.onText("5");
        assertEquals("websocket", session.transportName());
        FakeWebSocket again = new FakeWebSocket();
        WebSocketTransport second = engine.upgrade(session.id(), again);
        assertTrue(again.awaitClosed(1000));
        second.onText("4ignored");
        assertTrue(listener.messages.isEmpty());
        assertFalse(conn.isClosed());
    }

    @Test
    void upgradeTimesOut() {
        EngineServer quick = new EngineServer(EngineOptions.builder().upgradeTimeout(50).build(), scheduler);
        FakePollExchange first = new FakePollExchange();
        EngineSession s = quick.handshakePolling(Engines.request("polling"), first);
        first.awaitPayload();
        FakeWebSocket conn = new FakeWebSocket();
        quick.upgrade(s.id(), conn);
        assertTrue(conn.awaitClosed(1000), "no probe within upgradeTimeout");
        assertEquals("polling", s.transportName());
        assertSame(EngineSession.State.OPEN, s.state());
        quick.closeAll();
    }

    @Test
    void candidateClosingDoesNotCloseTheSession() {
        openPolling();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        ws.onClosed();
        assertSame(EngineSession.State.OPEN, session.state());
        assertFalse(listener.closeReason.isDone());
        ws.onText("x");
        assertSame(EngineSession.State.OPEN, session.state());
    }

    @Test
    void sessionCloseAlsoClosesTheCandidate() {
        openPolling();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        assertEquals("3probe", conn.nextText());
        session.close();
        assertEquals("1", get().awaitPayload(), "the next GET carries the close packet");
        assertEquals("forced close", listener.awaitClose());
        assertTrue(conn.awaitClosed(1000));
        assertEquals("polling", session.transportName());
    }

    @Test
    void serverCloseAfterUpgradeClosesTheWebSocket() {
        openPolling();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        ws.onText("5");
        session.close();
        assertEquals("forced close", listener.awaitClose());
        assertTrue(conn.awaitClosed(1000));
        assertEquals(0, engine.sessionCount());
    }

    /**
     * A numbered stream is sent from another thread while a polling client polls, probes, pauses and
     * upgrades: what polling and the WebSocket received together is exactly 0..N-1, in order.
     */
    @Test
    void noMessageLostOrDuplicatedAcrossTheSwitch() throws Exception {
        openPolling();
        int n = 3000;
        AtomicInteger sent = new AtomicInteger();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                session.send(String.valueOf(i));
                sent.incrementAndGet();
                if (i % 8 == 0) {
                    LockSupport.parkNanos(50_000);
                }
            }
        });
        List<Integer> viaPolling = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean paused = new AtomicBoolean();
        List<String> pollingErrors = Collections.synchronizedList(new ArrayList<>());
        Thread poller = new Thread(() -> {
            while (!paused.get()) {
                FakePollExchange ex = new FakePollExchange();
                engine.polling(session.id()).onPollRequest(ex);
                String payload;
                try {
                    payload = ex.awaitPayload();
                } catch (AssertionError e) {
                    pollingErrors.add(String.valueOf(e));
                    return;
                }
                for (String rec : payload.split("\u001e")) {
                    if (rec.equals("6")) {
                        continue;
                    }
                    if (!rec.startsWith("4")) {
                        pollingErrors.add("unexpected record " + rec);
                        continue;
                    }
                    viaPolling.add(Integer.parseInt(rec.substring(1)));
                }
            }
        });
        sender.start();
        poller.start();
        assertTrue(eventually(() -> sent.get() > n / 4));

        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = engine.upgrade(session.id(), conn);
        ws.onText("2probe");
        assertEquals("3probe", conn.nextText());
        paused.set(true);               // the client pauses polling: the GET in flight ends, no new one
        poller.join(2000);
        assertFalse(poller.isAlive(), "the last GET was never answered");
        ws.onText("5");
        sender.join(5000);
        assertFalse(sender.isAlive());
        assertTrue(pollingErrors.isEmpty(), pollingErrors.toString());

        assertTrue(eventually(() -> viaPolling.size() + conn.texts().size() - 1 >= n),
                "polling " + viaPolling.size() + ", ws " + (conn.texts().size() - 1));
        List<Integer> all = new ArrayList<>(viaPolling);
        List<String> frames = conn.texts();
        assertEquals("3probe", frames.get(0));
        for (String f : frames.subList(1, frames.size())) {
            if (!f.startsWith("4")) {
                fail("unexpected frame " + f);
            }
            all.add(Integer.parseInt(f.substring(1)));
        }
        assertEquals(n, all.size(), "lost or duplicated messages");
        for (int i = 0; i < n; i++) {
            if (all.get(i) != i) {
                fail("out of order at " + i + ": " + all.subList(Math.max(0, i - 3), Math.min(n, i + 3)));
            }
        }
        assertFalse(viaPolling.isEmpty(), "the stream started over polling");
        assertTrue(frames.size() > 1, "the stream ended over the WebSocket");
        assertEquals("websocket", session.transportName());
    }
}
