package io.socketeer.it.features;

import io.socketeer.api.Disconnection;
import io.socketeer.api.Emitter;
import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnDisconnect;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespaces {@code /dc}, {@code /dc-other} and {@code /dc-all}: disconnects from both sides, with the
 * reasons the server saw kept by socket id, and the reserved event names.
 */
@ApplicationScoped
public class DisconnectHandlers {
    static final String NSP = "/dc";
    static final String OTHER = "/dc-other";
    /** Only the sockets of the test that disconnects the whole namespace. */
    static final String ALL = "/dc-all";

    @Inject
    SocketIoServer io;

    /** Socket id -> the reason the server gave for its disconnect. */
    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    void syncOther(@Observes @OnEvent(value = "sync", namespace = OTHER) EventContext ev) {
        ev.ack();
    }

    void syncAll(@Observes @OnEvent(value = "sync", namespace = ALL) EventContext ev) {
        ev.ack();
    }

    void disconnected(@Observes @OnDisconnect(namespace = NSP) Disconnection d) {
        reasons.put(d.socket().id(), d.reason().toString());
    }

    void disconnectedOther(@Observes @OnDisconnect(namespace = OTHER) Disconnection d) {
        reasons.put(d.socket().id(), d.reason().toString());
    }

    void disconnectedAll(@Observes @OnDisconnect(namespace = ALL) Disconnection d) {
        reasons.put(d.socket().id(), d.reason().toString());
    }

    /** {@code reason(id)}: the reason the server gave for that socket's disconnect, or null. */
    void reason(@Observes @OnEvent(value = "reason", namespace = NSP) EventContext ev) {
        ev.ack(reasons.get(ev.arg(0, String.class)));
    }

    /** {@code disconnect-me(close)}: acks, then {@code socket.disconnect(close)}. */
    void disconnectMe(@Observes @OnEvent(value = "disconnect-me", namespace = NSP) EventContext ev) {
        ev.ack();
        ev.socket().disconnect(Boolean.TRUE.equals(ev.arg(0)));
    }

    /** {@code disconnect-namespace(nsp, close)}: acks, then {@code io.of(nsp).disconnectSockets(close)}. */
    void disconnectNamespace(@Observes @OnEvent(value = "disconnect-namespace", namespace = NSP) EventContext ev) {
        ev.ack();
        io.of(ev.arg(0, String.class)).disconnectSockets(Boolean.TRUE.equals(ev.arg(1)));
    }

    /**
     * {@code reserved(name)}: tries to emit {@code name} every way there is; acks, per way, the
     * exception's class and message, or "emitted".
     */
    void reserved(@Observes @OnEvent(value = "reserved", namespace = NSP) EventContext ev) {
        String name = ev.arg(0, String.class);
        Socket s = ev.socket();
        Emitter timed = s.timeout(Duration.ofSeconds(1));
        List<Object> outcomes = new ArrayList<>();
        outcomes.add(attempt(() -> s.emit(name, "x")));
        outcomes.add(attempt(() -> s.emitWithAck(name, "x")));
        outcomes.add(attempt(() -> timed.emitWithAck(name)));
        outcomes.add(attempt(() -> s.volatile_().emit(name)));
        outcomes.add(attempt(() -> s.broadcast().emit(name)));
        outcomes.add(attempt(() -> s.to(s.id()).emit(name)));
        outcomes.add(attempt(() -> io.emit(name)));
        outcomes.add(attempt(() -> io.of(NSP).to(s.id()).emit(name)));
        outcomes.add(attempt(() -> io.of(NSP).timeout(Duration.ofSeconds(1)).emitWithAck(name)));
        ev.ack(outcomes);
    }

    private static Object attempt(Runnable emit) {
        try {
            emit.run();
            return "emitted";
        } catch (RuntimeException e) {
            return List.of(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }
}
