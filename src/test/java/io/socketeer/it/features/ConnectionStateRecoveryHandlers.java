package io.socketeer.it.features;

import io.socketeer.adapter.SessionAwareAdapter;
import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnDisconnect;
import io.socketeer.cdi.OnEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Namespace {@code /recovery} of {@link ConnectionStateRecoveryIT}: a fresh socket joins
 * {@code stream} (a recovered one is in its rooms again); {@code start(count, everyMs)} sends
 * {@code tick(0..count-1)} from a timer, two of three to the room {@code stream}, every third to the
 * socket's own room, whether the socket is connected at that moment or not.
 */
@ApplicationScoped
public class ConnectionStateRecoveryHandlers {
    static final String NSP = "/recovery";

    @Inject
    SocketIoServer io;

    /** Socket id -> what the {@code @OnConnect} observer saw of {@code recovered()}, connection by connection. */
    private final Map<String, List<Boolean>> recoveredAtConnect = new ConcurrentHashMap<>();
    /** Socket id -> the reasons of its disconnects, as the {@code @OnDisconnect} observer saw them. */
    private final Map<String, List<String>> disconnectReasons = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    void connected(@Observes @OnConnect(namespace = NSP) Socket socket) {
        recoveredAtConnect.computeIfAbsent(socket.id(), k -> new CopyOnWriteArrayList<>()).add(socket.recovered());
        if (!socket.recovered()) {
            socket.join("stream");
        }
    }

    void disconnected(@Observes @OnDisconnect(namespace = NSP) Disconnection d) {
        disconnectReasons.computeIfAbsent(d.socket().id(), k -> new CopyOnWriteArrayList<>()).add(d.reason().toString());
    }

    /** {@code join(room)} */
    void join(@Observes @OnEvent(value = "join", namespace = NSP) EventContext ev) {
        ev.socket().join(ev.arg(0, String.class));
        ev.ack();
    }

    /** {@code set(key, value)}: into the socket's data. */
    void set(@Observes @OnEvent(value = "set", namespace = NSP) EventContext ev) {
        ev.socket().data().put(ev.arg(0, String.class), ev.arg(1));
        ev.ack();
    }

    /** {@code start(count, everyMs)} */
    void start(@Observes @OnEvent(value = "start", namespace = NSP) EventContext ev) {
        String id = ev.socket().id();
        int count = ev.arg(0, Integer.class);
        long everyMs = ev.arg(1, Long.class);
        tick(id, 0, count, everyMs);
        ev.ack();
    }

    private void tick(String id, int i, int count, long everyMs) {
        if (i >= count) {
            return;
        }
        if (i % 3 == 0) {
            io.of(NSP).to(id).emit("tick", i);
        } else {
            io.of(NSP).to("stream").emit("tick", i);
        }
        timer().schedule(() -> tick(id, i + 1, count, everyMs), everyMs, TimeUnit.MILLISECONDS);
    }

    /** {@code state()} -> {id, rooms, data, recoveredAtConnect, disconnectReasons} of the asking socket. */
    void state(@Observes @OnEvent(value = "state", namespace = NSP) EventContext ev) {
        Socket s = ev.socket();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("rooms", HandlerSupport.sorted(s.rooms()));
        out.put("data", Map.copyOf(s.data()));
        out.put("recoveredAtConnect", List.copyOf(recoveredAtConnect.getOrDefault(s.id(), List.of())));
        out.put("disconnectReasons", List.copyOf(disconnectReasons.getOrDefault(s.id(), List.of())));
        ev.ack(out);
    }

    /** {@code stored()} -> {sessions, packets, cleanupScheduled} of the namespace's adapter. */
    void stored(@Observes @OnEvent(value = "stored", namespace = NSP) EventContext ev) {
        SessionAwareAdapter a = (SessionAwareAdapter) io.of(NSP).adapter();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", a.sessionCount());
        out.put("packets", a.packetCount());
        out.put("cleanupScheduled", a.cleanupScheduled());
        ev.ack(out);
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "recovery-it-ticks");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
