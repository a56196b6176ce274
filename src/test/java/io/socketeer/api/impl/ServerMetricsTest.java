package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.ServerMetrics;
import io.socketeer.api.Socket;
import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.Engines;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@link SocketIoServerImpl#metrics()}: what it counts and what it reads from the live state. */
class ServerMetricsTest extends ServerFixture {

    @Test
    void connectionsSocketsRoomsAndMessagesAreCounted() {
        ServerMetrics before = io.metrics();
        assertEquals(0, before.connections());
        TestClient a = client();
        TestClient b = client();
        a.connect();
        b.connect();
        b.connect("/admin");
        Socket sa = handlers.nextConnected();
        handlers.nextConnected();
        handlers.nextConnected();
        sa.join("room-1");
        sa.join("room-2");
        a.send("42[\"hello\",\"abc\"]");
        RecordingHandlers.next(handlers.events);
        io.to("room-1").emit("news", "x");
        a.next();

        ServerMetrics m = io.metrics();
        assertEquals(2, m.connections());
        assertEquals(2, m.websocketConnections());
        assertEquals(0, m.pollingConnections());
        assertEquals(2, m.connectionsOpened() - before.connectionsOpened());
        assertEquals(Map.of("/", 2, "/admin", 1), m.socketsByNamespace());
        assertEquals(Map.of("/", 2, "/admin", 0), m.roomsByNamespace());
        // in: 3 CONNECTs and the event; out: 3 CONNECT answers and the broadcast
        assertEquals(4, m.messagesIn() - before.messagesIn());
        assertEquals(4, m.messagesOut() - before.messagesOut());
        // sizes are those of the Engine.IO frames: 40, 40, 40/admin, and the event
        assertEquals("40".length() * 2 + "40/admin,".length() + "42[\"hello\",\"abc\"]".length(),
                m.bytesIn() - before.bytesIn());
        assertNull(m.adapterProblem());
    }

    @Test
    void refusedRequestsAreCountedByCode() {
        io.engine().verify("GET", Engines.query("EIO", "2", "transport", "polling"), false);
        io.engine().verify("GET", Engines.query("EIO", "4", "transport", "carrier-pigeon"), false);
        io.engine().verify("GET", Engines.query("EIO", "4", "transport", "polling", "sid", "nope"), false);
        io.engine().verify("GET", Engines.query("EIO", "4", "transport", "polling", "sid", "nope"), false);
        io.engine().metrics().refused(EngineError.FORBIDDEN);
        Map<String, Long> errors = io.metrics().connectionErrors();
        assertEquals(Map.of("0", 1L, "1", 2L, "2", 0L, "3", 0L, "4", 1L, "5", 1L), errors);
    }

    @Test
    void ackTimeoutsAreCounted() {
        TestClient a = client();
        a.connect();
        Socket s = handlers.nextConnected();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> s.timeout(Duration.ofMillis(50)).emitWithAck("question").toCompletableFuture().join());
        assertTrue(e.getCause() instanceof io.socketeer.api.AckTimeoutException, String.valueOf(e.getCause()));
        io.timeout(Duration.ofMillis(50)).emitWithAck("poll").toCompletableFuture().handle((r, x) -> x).join();
        assertEquals(2, io.metrics().ackTimeouts());
    }
}
