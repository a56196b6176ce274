package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.PollingTransport;
import io.socketeer.fuzz.Warnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A server without a container for the hostile-input property tests (one per property, its tries
 * share it): a bystander client joined to {@code /} from the start, what Socketeer logs at WARNING
 * collected, and the checks each try ends with.
 */
final class HostileFixture implements AutoCloseable {
    final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    final RecordingHandlers handlers = new RecordingHandlers();
    final SocketIoServerImpl io;
    final TestClient bystander;
    private final String bystanderId;
    private final Warnings warnings = new Warnings();
    private int ticks;

    HostileFixture() {
        EngineOptions engine = EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000).build();
        SocketIoOptions options = new SocketIoOptions(engine, 10_000, Set.of("/admin"), 10);
        io = new SocketIoServerImpl(options, scheduler, handlers, ServerFixture.MAPPER, AdapterFactory.IN_MEMORY);
        bystander = new TestClient(io);
        bystanderId = bystander.connect();
    }

    /** A polling session, its open packet read. */
    EngineSession pollingSession() {
        FakePollExchange open = new FakePollExchange();
        EngineSession session = io.engine().handshakePolling(Engines.request(EngineOptions.POLLING), open);
        open.awaitPayload();
        return session;
    }

    /** POSTs {@code body} to the session, if it still polls and no POST is in flight. */
    void post(EngineSession session, String body) {
        PollingTransport polling = io.engine().polling(session.id());
        if (polling != null && polling.beginPost()) {
            polling.onData(body);
        }
    }

    /** Sends a GET to the session if it still polls; returns it (null when there was none to send). */
    FakePollExchange get(EngineSession session) {
        PollingTransport polling = io.engine().polling(session.id());
        if (polling == null) {
            return null;
        }
        FakePollExchange ex = new FakePollExchange();
        polling.onPollRequest(ex);
        return ex;
    }

    /** Closes a polling session from the server, with the GETs that carry its close packet; returns them. */
    List<FakePollExchange> closeAndDrain(EngineSession session) {
        session.close();
        // the close packet goes out in a GET of its own, after what is still buffered
        List<FakePollExchange> gets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakePollExchange ex = get(session);
            if (ex != null) {
                gets.add(ex);
            }
        }
        return gets;
    }

    /** Nothing logged at WARNING; the bystander's event reaches the server and one emitted to it arrives. */
    void assertNoWarningAndBystanderServed() {
        warnings.assertNone();
        int n = ticks++;
        bystander.send("42[\"still here\"," + n + "]");
        assertEquals("still here", handlers.events.stream().reduce((a, b) -> b).orElseThrow().event());
        io.to(bystanderId).emit("tick", n);
        String frame = bystander.next();
        while (!frame.startsWith("42[\"tick\"")) {
            frame = bystander.next(); // a ping, a broadcast of the test
        }
        assertEquals("42[\"tick\"," + n + "]", frame);
    }

    /** Of the sessions and connections, only the bystander's are left. */
    void assertOnlyTheBystanderIsLeft() {
        assertTrue(eventually(() -> io.engine().sessionCount() == 1 && io.connectionCount() == 1),
                "sessions " + io.engine().sessionCount() + ", connections " + io.connectionCount());
    }

    @Override
    public void close() {
        warnings.close();
        io.close();
        scheduler.shutdownNow();
    }
}
