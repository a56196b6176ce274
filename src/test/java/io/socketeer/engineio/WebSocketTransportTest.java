package io.socketeer.engineio;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebSocket: handshake, one packet per frame, one send in flight, closes. */
class WebSocketTransportTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final EngineServer engine = new EngineServer(Engines.options(10_000, 5_000), scheduler);
    private final RecordingListener listener = new RecordingListener();
    private final FakeWebSocket conn = new FakeWebSocket();
    private WebSocketTransport ws;
    private EngineSession session;

    @AfterEach
    void stop() {
        engine.closeAll();
        scheduler.shutdownNow();
    }

    private String open(FakeWebSocket c) {
        engine.onConnection(s -> s.listener(listener));
        ws = engine.handshakeWebSocket(Engines.request("websocket"), c);
        session = ws.session();
        return c.nextText();
    }

    @Test
    void handshakeOffersNoUpgrade() {
        String open = open(conn);
        assertEquals("0{\"sid\":\"" + session.id() + "\",\"upgrades\":[],\"pingInterval\":10000,"
                + "\"pingTimeout\":5000,\"maxPayload\":1000000}", open);
        assertEquals("websocket", session.transportName());
        assertFalse(session.upgraded());
        assertSame(session, engine.session(session.id()));
        assertNull(engine.polling(session.id()), "a WebSocket session has no polling transport");
    }

    @Test
    void onePacketPerFrameAndBinaryAsBinaryFrames() {
        open(conn);
        session.send("a");
        session.send(new byte[] {1, 2});
        session.sendAll(List.of(EnginePacket.messageFrame("451-[\"f\",{\"_placeholder\":true,\"num\":0}]"),
                EnginePacket.message(new byte[] {7})));
        assertEquals("4a", conn.nextText());
        assertArrayEquals(new byte[] {1, 2}, conn.nextBinary());
        assertEquals("451-[\"f\",{\"_placeholder\":true,\"num\":0}]", conn.nextText());
        assertArrayEquals(new byte[] {7}, conn.nextBinary());
    }

    @Test
    void receivesTextAndBinaryMessages() {
        open(conn);
        ws.onText("4hello");
        ws.onBinary(new byte[] {3, 4});
        ws.onText("4");
        assertEquals("hello", listener.nextMessage());
        assertArrayEquals(new byte[] {3, 4}, (byte[]) listener.nextMessage());
        assertEquals("", listener.nextMessage());
    }

    @Test
    void noopAndUpgradeOnCurrentTransportAreIgnored() {
        open(conn);
        ws.onText("6");
        ws.onText("5");
        ws.onText("4still open");
        assertEquals("still open", listener.nextMessage());
        assertSame(EngineSession.State.OPEN, session.state());
    }

    @Test
    void onlyOneSendInFlightAndOrderKept() {
        FakeWebSocket slow = new FakeWebSocket().manual();
        open(slow);
        for (int i = 0; i < 20; i++) {
            session.send(String.valueOf(i));
        }
        assertEquals(1, slow.all().size(), "only the handshake is out before it completes");
        assertFalse(session.isWritable());
        List<String> texts = new ArrayList<>();
        while (slow.completeOne()) {
            // each completion starts the next send
        }
        for (String t : slow.texts()) {
            texts.add(t);
        }
        List<String> expected = new ArrayList<>();
        expected.add(texts.get(0));
        for (int i = 0; i < 20; i++) {
            expected.add("4" + i);
        }
        assertEquals(expected, texts);
        assertEquals(1, slow.maxInFlight());
        assertEquals(0, ws.queuedFrames());
        assertTrue(session.isWritable());
    }

    @Test
    void aClientThatDoesNotReadIsClosedPastMaxWriteBufferSizeAndOthersGoOn() {
        EngineServer small = new EngineServer(EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000)
                .maxWriteBufferSize(10_000).build(), scheduler);
        RecordingListener stuckListener = new RecordingListener();
        RecordingListener otherListener = new RecordingListener();
        FakeWebSocket stuck = new FakeWebSocket().manual(); // nothing it is sent completes
        FakeWebSocket other = new FakeWebSocket();
        java.util.Iterator<RecordingListener> listeners = List.of(stuckListener, otherListener).iterator();
        small.onConnection(s -> s.listener(listeners.next()));
        WebSocketTransport stuckWs = small.handshakeWebSocket(Engines.request("websocket"), stuck);
        WebSocketTransport otherWs = small.handshakeWebSocket(Engines.request("websocket"), other);
        other.nextText();
        EnginePacket kilobyte = EnginePacket.message("x".repeat(999)); // a frame of 1,000 characters, shared

        for (int i = 0; i < 9; i++) {
            stuckWs.session().send(kilobyte);
            otherWs.session().send(kilobyte);
        }
        assertEquals(EngineSession.State.OPEN, stuckWs.session().state(), "9,000 bytes and the handshake: under 10,000");
        assertFalse(stuckWs.session().isWritable(), "volatile packets are dropped already");
        stuckWs.session().send(kilobyte);
        stuckWs.session().send(kilobyte);

        assertEquals("transport error", stuckListener.awaitClose());
        assertEquals(EngineSession.State.CLOSED, stuckWs.session().state());
        assertEquals(1, stuckWs.queuedFrames(), "what waited for it is dropped; only the frame the container has is left");
        assertEquals(0, stuckWs.bufferedBytes());
        assertNull(small.session(stuckWs.session().id()));
        // the close runs on a socketeer-close thread (it may wait for a hanging write): wait for it
        assertTrue(stuck.awaitClosed(5000) && stuck.closeCode() >= 0, "its WebSocket is closed");
        otherWs.session().send("still here");
        for (int i = 0; i < 9; i++) {
            assertEquals(kilobyte.wireText(), other.nextText());
        }
        assertEquals("4still here", other.nextText());
        assertEquals(EngineSession.State.OPEN, otherWs.session().state());
        small.closeAll();
    }

    @Test
    void aCloseThatWaitsForAHangingWriteDoesNotHoldTheSender() throws Exception {
        EngineServer small = new EngineServer(EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000)
                .maxWriteBufferSize(5_000).build(), scheduler);
        small.onConnection(s -> s.listener(listener));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> closedOn = new java.util.concurrent.atomic.AtomicReference<>();
        // as Tomcat: close waits for the write in flight, which never completes
        FakeWebSocket stuck = new FakeWebSocket().manual().onClose(() -> {
            closedOn.set(Thread.currentThread().getName());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        WebSocketTransport w = small.handshakeWebSocket(Engines.request("websocket"), stuck);
        EnginePacket kilobyte = EnginePacket.message("x".repeat(999));
        for (int i = 0; i < 6; i++) {
            w.session().send(kilobyte); // the sixth goes over the limit: this thread closes the session
        }
        assertEquals("transport error", listener.awaitClose());
        assertTrue(eventually(() -> closedOn.get() != null), "the WebSocket is closed");
        assertEquals("socketeer-close", closedOn.get(), "on a thread of its own, not the sender's");
        release.countDown();
        small.closeAll();
    }

    @Test
    void whatWasWrittenLeavesTheWriteBuffer() {
        EngineServer small = new EngineServer(EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000)
                .maxWriteBufferSize(3_000).build(), scheduler);
        small.onConnection(s -> s.listener(listener));
        FakeWebSocket slow = new FakeWebSocket().manual();
        WebSocketTransport w = small.handshakeWebSocket(Engines.request("websocket"), slow);
        EnginePacket kilobyte = EnginePacket.message("x".repeat(999));
        for (int round = 0; round < 10; round++) {
            w.session().send(kilobyte);
            w.session().send(kilobyte);
            while (slow.completeOne()) {
                // the client reads: 2,000 bytes at a time never reach 3,000
            }
        }
        assertEquals(EngineSession.State.OPEN, w.session().state());
        assertEquals(21, slow.all().size(), "the handshake and 20 frames");
        small.closeAll();
    }

    @Test
    void eachSendSaysWhetherMoreFramesWaitBehindIt() {
        FakeWebSocket slow = new FakeWebSocket().manual();
        open(slow);
        session.send("a");
        session.send(new byte[] {1});
        session.send("c");
        assertTrue(slow.completeOne(), "the handshake completes");
        while (slow.completeOne()) {
            // the queued frames go out one by one
        }
        // the handshake went out alone, then "a" and the binary with a frame behind them, "c" last
        assertEquals(List.of(false, true, true, false), slow.moreFlags());
        session.send("d");
        assertEquals(List.of(false, true, true, false, false), slow.moreFlags(), "an idle socket's one frame");
    }

    @Test
    void sendsFromManyThreadsAreAllDeliveredOnceWithOneInFlight() throws Exception {
        open(conn);
        int threads = 4;
        int per = 250;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < per; i++) {
                    session.send(id + ":" + i);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread t : ts) {
            t.join(2000);
        }
        assertTrue(eventually(() -> conn.texts().size() == 1 + threads * per));
        List<String> texts = conn.texts();
        for (int t = 0; t < threads; t++) {
            int last = -1;
            for (String s : texts) {
                if (s.startsWith("4" + t + ":")) {
                    int n = Integer.parseInt(s.substring(s.indexOf(':') + 1));
                    assertEquals(last + 1, n, "order of thread " + t);
                    last = n;
                }
            }
            assertEquals(per - 1, last);
        }
        assertEquals(1, conn.maxInFlight());
    }

    @Test
    void completionsOnAnotherThreadKeepOrderAndOneInFlight() throws Exception {
        java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            FakeWebSocket async = new FakeWebSocket().completeOn(io);
            open(async);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        session.send(id + ":" + i);
                    }
                });
                th.start();
                ts.add(th);
            }
            for (Thread t : ts) {
                t.join(2000);
            }
            assertTrue(eventually(() -> async.texts().size() == 1 + 3 * 500), "sent " + async.texts().size());
            int[] last = {-1, -1, -1};
            for (String s : async.texts().subList(1, 1 + 3 * 500)) {
                int id = s.charAt(1) - '0';
                int n = Integer.parseInt(s.substring(3));
                assertEquals(last[id] + 1, n);
                last[id] = n;
            }
            assertEquals(1, async.maxInFlight());
            assertTrue(eventually(() -> ws.queuedFrames() == 0));
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void serverCloseClosesTheWebSocket() {
        open(conn);
        session.close();
        assertEquals("forced close", listener.awaitClose());
        assertTrue(conn.awaitClosed(1000));
        assertEquals(WebSocketTransport.NORMAL_CLOSURE, conn.closeCode());
        assertEquals(0, engine.sessionCount());
        assertSame(EngineSession.State.CLOSED, session.state());
    }

    /** Tyrus may report the WebSocket closed before {@code close()} returns (the client answered fast). */
    @Test
    void serverCloseIsForcedCloseEvenWhenTheSocketIsReportedClosedAtOnce() {
        open(conn);
        conn.onClose(() -> ws.onClosed());
        session.close();
        assertEquals("forced close", listener.awaitClose());
        assertEquals(1, listener.closeCalls());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void serverCloseDrainsQueuedFramesFirst() {
        FakeWebSocket slow = new FakeWebSocket().manual();
        open(slow);
        session.send("a");
        session.send("b");
        session.close();
        assertEquals("forced close", listener.awaitClose());
        assertFalse(slow.isClosed(), "frames still in the queue");
        while (slow.completeOne()) {
            // drain
        }
        assertTrue(slow.awaitClosed(1000));
        assertEquals(List.of("4a", "4b"), slow.texts().subList(1, 3));
        assertEquals(3, slow.all().size());
    }

    @Test
    void clientClosePacket() {
        open(conn);
        ws.onText("1");
        assertEquals("transport close", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void socketClosedByClient() {
        open(conn);
        ws.onClosed();
        assertEquals("transport close", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void socketError() {
        open(conn);
        ws.onError(new java.io.IOException("reset"));
        assertEquals("transport error", listener.awaitClose());
    }

    @Test
    void failedWriteIsTransportError() {
        open(conn);
        conn.failNextSend(new java.io.IOException("broken pipe"));
        session.send("x");
        assertEquals("transport error", listener.awaitClose());
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void invalidFrameIsParseError() {
        open(conn);
        ws.onText("x");
        assertEquals("parse error", listener.awaitClose());
        assertTrue(conn.awaitClosed(1000));
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void emptyFrameIsParseError() {
        open(conn);
        ws.onText("");
        assertEquals("parse error", listener.awaitClose());
    }

    @Test
    void closeIsReportedOnce() {
        open(conn);
        session.close();
        ws.onClosed();
        ws.onError(new RuntimeException());
        session.close();
        assertEquals("forced close", listener.awaitClose());
        assertEquals(1, listener.closeCalls());
    }

    @Test
    void listenerFailureDoesNotCloseTheSession() {
        engine.onConnection(s -> s.listener(new SessionListener() {
            @Override
            public void onMessage(EngineSession session, String text) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onMessage(EngineSession session, byte[] data) {
            }

            @Override
            public void onClose(EngineSession session, String reason) {
            }
        }));
        ws = engine.handshakeWebSocket(Engines.request("websocket"), conn);
        conn.nextText();
        try (QuietLog q = QuietLog.of(EngineSession.class)) {
            ws.onText("4x");
        }
        assertSame(EngineSession.State.OPEN, ws.session().state());
    }

    @Test
    void upgradeWithUnknownSidClosesTheWebSocket() {
        FakeWebSocket c = new FakeWebSocket();
        assertNull(engine.upgrade("nope", c));
        assertTrue(c.isClosed());
    }

    @Test
    void secondWebSocketForAWebSocketSessionIsClosed() {
        open(conn);
        FakeWebSocket other = new FakeWebSocket();
        WebSocketTransport second = engine.upgrade(session.id(), other);
        assertTrue(other.awaitClosed(1000));
        second.onText("2probe");
        assertTrue(other.texts().isEmpty());
        assertSame(EngineSession.State.OPEN, session.state());
    }
}
