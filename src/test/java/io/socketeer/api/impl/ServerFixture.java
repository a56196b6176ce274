package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineRequest;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.PollingTransport;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;

/** A SocketIoServerImpl without a container: namespaces {@code /} and {@code /admin}, short timeouts. */
abstract class ServerFixture {
    static final JsonbMapper MAPPER = new JsonbMapper();

    final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    final RecordingHandlers handlers = new RecordingHandlers();
    SocketIoServerImpl io = server(2_000);

    SocketIoServerImpl server(long connectTimeout) {
        EngineOptions engine = EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000).build();
        SocketIoOptions options = new SocketIoOptions(engine, connectTimeout, Set.of("/admin"), 10);
        return new SocketIoServerImpl(options, scheduler, handlers, MAPPER, AdapterFactory.IN_MEMORY);
    }

    /**
     * Holds every scheduler thread until the returned action runs: timers that come due meanwhile
     * fire only after it, so a test can set up clients without racing a short timeout.
     */
    Runnable holdScheduler() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(
                scheduler.getCorePoolSize());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < scheduler.getCorePoolSize(); i++) {
            scheduler.execute(() -> {
                started.countDown();
                try {
                    release.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            started.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return release::countDown;
    }

    TestClient client() {
        return new TestClient(io);
    }

    /** The long-polling session of {@link #handshakePolling}, which {@link #post} and {@link #poll} use. */
    EngineSession session;

    /** A long-polling handshake with this request; returns the answer to its first GET. */
    String handshakePolling(EngineRequest request) {
        FakePollExchange ex = new FakePollExchange();
        session = io.engine().handshakePolling(request, ex);
        return ex.awaitPayload();
    }

    PollingTransport polling() {
        return io.engine().polling(session.id());
    }

    /** A POST with this payload to the session. */
    void post(String payload) {
        assertTrue(polling().beginPost());
        polling().onData(payload);
    }

    /** A GET to the session; returns its answer (a binary payload's answer is "<binary>"). */
    FakePollExchange pollExchange() {
        FakePollExchange ex = new FakePollExchange();
        polling().onPollRequest(ex);
        ex.awaitPayload();
        return ex;
    }

    String poll() {
        return pollExchange().awaitPayload();
    }

    @AfterEach
    void stopServer() {
        io.close();
        scheduler.shutdownNow();
    }
}
