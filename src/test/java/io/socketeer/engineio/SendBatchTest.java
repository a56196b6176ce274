package io.socketeer.engineio;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames sent while a message is dispatched: each WebSocket writes the first at once and the rest
 * together when the dispatch ends, or {@link SendBatch#HOLD_MS} after the first was held.
 */
class SendBatchTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final CountDownLatch schedulerFree = new CountDownLatch(1);
    private final EngineServer engine = new EngineServer(Engines.options(60_000, 60_000), scheduler);
    private final FakeWebSocket connA = new FakeWebSocket();
    private final FakeWebSocket connB = new FakeWebSocket();
    private volatile Consumer<String> handler = m -> { };
    private WebSocketTransport wsA;
    private EngineSession a;
    private EngineSession b;

    @AfterEach
    void stop() {
        schedulerFree.countDown();
        engine.closeAll();
        scheduler.shutdownNow();
    }

    private void open() {
        engine.onConnection(s -> s.listener(new SessionListener() {
            @Override
            public void onMessage(EngineSession session, String text) {
                handler.accept(text);
            }

            @Override
            public void onMessage(EngineSession session, byte[] data) {
            }

            @Override
            public void onClose(EngineSession session, String reason) {
            }
        }));
        wsA = engine.handshakeWebSocket(Engines.request("websocket"), connA);
        a = wsA.session();
        b = engine.handshakeWebSocket(Engines.request("websocket"), connB).session();
        connA.nextText();
        connB.nextText();
    }

    /** Keeps the scheduler's threads busy, so that no release timer can run before the test says. */
    private void holdTheScheduler() {
        for (int i = 0; i < scheduler.getCorePoolSize(); i++) {
            scheduler.execute(() -> {
                try {
                    schedulerFree.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void aDispatchWritesEachSocketsFirstFrameAtOnceAndTheRestWhenItEnds() {
        open();
        holdTheScheduler();
        List<List<String>> seenInside = new java.util.ArrayList<>();
        handler = m -> {
            for (int i = 1; i <= 3; i++) {
                a.send("a" + i);
                b.send("b" + i);
            }
            seenInside.add(texts(connA));
            seenInside.add(texts(connB));
        };
        wsA.onText("4go");
        assertEquals(List.of(List.of("4a1"), List.of("4b1")), seenInside, "while the handler runs");
        assertEquals(List.of("4a1", "4a2", "4a3"), texts(connA));
        assertEquals(List.of("4b1", "4b2", "4b3"), texts(connB));
        // the open packet, the first frame alone, then the held ones with "more behind" but the last
        assertEquals(List.of(false, false, true, false), connA.moreFlags());
        assertEquals(List.of(false, false, true, false), connB.moreFlags());
    }

    @Test
    void framesFromAThreadThatDispatchesNothingGoAtOnce() {
        open();
        holdTheScheduler();
        a.send("x");
        a.send("y");
        assertEquals(List.of("4x", "4y"), texts(connA));
    }

    @Test
    void writeTogetherBatchesTheFramesOfWorkThatIsNoDispatch() {
        open();
        holdTheScheduler();
        List<String> seenInside = new java.util.ArrayList<>();
        SendBatch.writeTogether(scheduler, () -> {
            a.send("r1"); // e.g. broadcasts another node sent through Redis
            a.send("r2");
            a.send("r3");
            seenInside.addAll(texts(connA));
        });
        assertEquals(List.of("4r1"), seenInside);
        assertEquals(List.of("4r1", "4r2", "4r3"), texts(connA));
        assertEquals(List.of(false, false, true, false), connA.moreFlags());
    }

    @Test
    void aHandlerThatBlocksDoesNotKeepItsFramesBack() throws Exception {
        open();
        CountDownLatch secondOut = new CountDownLatch(1);
        handler = m -> {
            a.send("first");
            a.send("second");
            try {
                // as a handler that goes on with slow work: the timer releases the held frame
                assertTrue(eventually(() -> texts(connA).contains("4second")), "released while the handler runs");
                secondOut.countDown();
            } finally {
                a.send("third");
            }
        };
        wsA.onText("4go");
        assertEquals(0, secondOut.getCount());
        assertTrue(eventually(() -> texts(connA).size() == 3));
        assertEquals(List.of("4first", "4second", "4third"), texts(connA));
    }

    @Test
    void aCloseInsideTheDispatchWritesTheHeldFramesFirst() {
        open();
        holdTheScheduler();
        handler = m -> {
            a.send("bye1");
            a.send("bye2");
            a.close();
            assertEquals(List.of("4bye1"), texts(connA), "the close waits for the held frame");
        };
        wsA.onText("4go");
        assertTrue(connA.awaitClosed(2000));
        List<String> all = connA.texts();
        assertEquals(List.of("4bye1", "4bye2"), all.subList(1, 3));
    }

    private static List<String> texts(FakeWebSocket c) {
        List<String> t = c.texts();
        return t.subList(1, t.size()); // without the open packet
    }
}
