package io.socketeer.it.features;

import static io.socketeer.it.features.HandlerSupport.select;
import static io.socketeer.it.features.HandlerSupport.sorted;
import static io.socketeer.it.features.HandlerSupport.strings;

import io.socketeer.adapter.Adapter;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Namespace {@code /rooms}: joining and leaving rooms, and broadcasts built every way. */
@ApplicationScoped
public class RoomsHandlers {
    static final String NSP = "/rooms";

    @Inject
    SocketIoServer io;

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    /** {@code join(rooms)}: joins; acks the socket's rooms, sorted. */
    void join(@Observes @OnEvent(value = "join", namespace = NSP) EventContext ev) {
        ev.socket().join(strings(ev, 0));
        ev.ack(sorted(ev.socket().rooms()));
    }

    /** {@code leave(rooms)}: leaves each; acks the socket's rooms, sorted. */
    void leave(@Observes @OnEvent(value = "leave", namespace = NSP) EventContext ev) {
        for (String room : strings(ev, 0)) {
            ev.socket().leave(room);
        }
        ev.ack(sorted(ev.socket().rooms()));
    }

    /** {@code rooms()}: acks the socket's rooms, sorted. */
    void rooms(@Observes @OnEvent(value = "rooms", namespace = NSP) EventContext ev) {
        ev.ack(sorted(ev.socket().rooms()));
    }

    /** {@code io-emit(spec, payload)}: {@code io.of("/rooms").in(..).to(..).except(..).emit("hello", payload)}. */
    void ioEmit(@Observes @OnEvent(value = "io-emit", namespace = NSP) EventContext ev) {
        select(io.of(NSP), ev.arg(0)).emit("hello", ev.arg(1));
        ev.ack("sent");
    }

    /**
     * {@code socket-emit(via, rooms, payload)}: from the sender's socket: {@code socket.to(rooms)},
     * {@code socket.in(rooms)}, {@code socket.except(rooms)} or {@code socket.broadcast()}, then emit.
     */
    void socketEmit(@Observes @OnEvent(value = "socket-emit", namespace = NSP) EventContext ev) {
        Socket s = ev.socket();
        String[] rooms = strings(ev, 1);
        BroadcastOperator op = switch (ev.arg(0, String.class)) {
            case "to" -> s.to(rooms);
            case "in" -> s.in(rooms);
            case "except" -> s.except(rooms);
            case "broadcast" -> s.broadcast();
            default -> throw new IllegalArgumentException("via " + ev.arg(0));
        };
        op.emit("hello", ev.arg(2));
        ev.ack("sent");
    }

    /** {@code room(name)}: acks {@code {"exists": bool, "members": [ids, sorted]}} from the adapter. */
    void room(@Observes @OnEvent(value = "room", namespace = NSP) EventContext ev) {
        Adapter adapter = io.of(NSP).adapter();
        String name = ev.arg(0, String.class);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("exists", adapter.rooms().contains(name));
        r.put("members", sorted(adapter.sockets(Set.of(name))));
        ev.ack(r);
    }
}
