package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A ping timeout whose timer has already started when the pong comes in (its task waiting for the
 * session lock that onPong holds) must not close the session: cancelling the timer cannot stop it.
 */
class PingTimeoutRaceTest {
    /** Records every scheduled task; the test runs them by hand, in the order it chooses. */
    static final class ManualScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();

        ManualScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            tasks.add(command);
            return super.schedule(() -> { }, 1, TimeUnit.DAYS); // cancellable, never runs
        }
    }

    final ManualScheduler scheduler = new ManualScheduler();
    final List<String> closes = new ArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    WebSocketTransport open() {
        EngineServer engine = new EngineServer(EngineOptions.builder().pingInterval(300).pingTimeout(200).build(),
                scheduler);
        engine.onConnection(s -> s.listener(new SessionListener() {
            @Override
            public void onMessage(EngineSession session, String text) {
            }

            @Override
            public void onMessage(EngineSession session, byte[] data) {
            }

            @Override
            public void onClose(EngineSession session, String reason) {
                closes.add(reason);
            }
        }));
        WebSocketConnection connection = new WebSocketConnection() {
            @Override
            public void sendText(String text, boolean more, SendCallback done) {
                done.done(null);
            }

            @Override
            public void sendBinary(byte[] data, boolean more, SendCallback done) {
                done.done(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        EngineRequest request = new EngineRequest("GET", "/socket.io/?EIO=4&transport=websocket", Map.of(),
                Map.of(), "127.0.0.1", false, 0, null);
        return engine.handshakeWebSocket(request, connection);
    }

    @Test
    void aPongThatWinsTheLockKeepsTheSessionOpen() {
        WebSocketTransport ws = open();
        scheduler.tasks.get(0).run(); // ping; schedules its timeout (task 1)
        assertEquals(2, scheduler.tasks.size());
        ws.onText("3"); // the pong cancels the timeout, but its task is already running...
        scheduler.tasks.get(1).run(); // ...and gets the lock now
        assertEquals(EngineSession.State.OPEN, ws.session().state());
        assertEquals(List.of(), closes);
    }

    @Test
    void noPongStillTimesOut() {
        WebSocketTransport ws = open();
        scheduler.tasks.get(0).run(); // ping
        scheduler.tasks.get(1).run(); // its timeout
        assertEquals(EngineSession.State.CLOSED, ws.session().state());
        assertEquals(List.of("ping timeout"), closes);
    }

    @Test
    void anOldTimeoutDoesNotCloseAfterTheNextPing() {
        WebSocketTransport ws = open();
        scheduler.tasks.get(0).run(); // ping 1, timeout 1 = task 1
        ws.onText("3"); // pong 1: next ping = task 2
        scheduler.tasks.get(2).run(); // ping 2, timeout 2 = task 3
        scheduler.tasks.get(1).run(); // the stale timeout of ping 1
        assertEquals(EngineSession.State.OPEN, ws.session().state());
        ws.onText("3");
        assertEquals(List.of(), closes);
    }
}
