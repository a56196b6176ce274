package io.socketeer.it;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnDisconnect;
import io.socketeer.cdi.OnEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The main namespace of {@link SlowConsumerIT}: {@code join} puts the socket into the room
 * {@code flood}; {@code flood(count, size)} sends {@code chunk(i, text)} of {@code size} characters
 * to that room from a timer, 2 ms apart (as a live feed would, not from the handler's thread); {@code reason(id)} answers how that socket was disconnected (null while connected);
 * {@code sockets()} how many sockets the namespace has.
 */
@ApplicationScoped
public class SlowConsumerHandlers {
    @Inject
    SocketIoServer io;

    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-consumer-it-flood");
        t.setDaemon(true);
        return t;
    });

    void disconnected(@Observes @OnDisconnect Disconnection d) {
        reasons.put(d.socket().id(), d.reason().toString());
    }

    void join(@Observes @OnEvent("join") EventContext ev) {
        ev.socket().join("flood");
        ev.ack();
    }

    void flood(@Observes @OnEvent("flood") EventContext ev) {
        int count = ev.arg(0, Integer.class);
        String text = "x".repeat(ev.arg(1, Integer.class));
        int[] next = {0};
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        ev.ack(); // before the first chunk, which the timer may send at once
        synchronized (task) {
            task[0] = timer.scheduleWithFixedDelay(() -> {
                int i = next[0]++;
                if (i < count) {
                    io.of("/").to("flood").emit("chunk", i, text);
                } else {
                    synchronized (task) {
                        task[0].cancel(false);
                    }
                }
            }, 0, 2, TimeUnit.MILLISECONDS);
        }
    }

    void reason(@Observes @OnEvent("reason") EventContext ev) {
        ev.ack(reasons.get(ev.arg(0, String.class)));
    }

    void sockets(@Observes @OnEvent("sockets") EventContext ev) {
        ev.ack(io.of("/").sockets().size());
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
