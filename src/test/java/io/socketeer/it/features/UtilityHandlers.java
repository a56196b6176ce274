package io.socketeer.it.features;

import static io.socketeer.it.features.HandlerSupport.select;
import static io.socketeer.it.features.HandlerSupport.sorted;
import static io.socketeer.it.features.HandlerSupport.strings;

import io.socketeer.api.EventContext;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Namespaces {@code /utility} and {@code /utility-other}: fetchSockets, RemoteSocket operations,
 * socketsJoin, socketsLeave and disconnectSockets, each with a selection
 * {@code {"in": [...], "to": [...], "except": [...]}}.
 */
@ApplicationScoped
public class UtilityHandlers {
    static final String NSP = "/utility";
    static final String OTHER = "/utility-other";

    @Inject
    SocketIoServer io;

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    void syncOther(@Observes @OnEvent(value = "sync", namespace = OTHER) EventContext ev) {
        ev.ack();
    }

    /** {@code join(rooms)}. */
    void join(@Observes @OnEvent(value = "join", namespace = NSP) EventContext ev) {
        ev.socket().join(strings(ev, 0));
        ev.ack();
    }

    /** {@code set-data(map)}: puts the entries into {@code socket.data()}. */
    @SuppressWarnings("unchecked")
    void setData(@Observes @OnEvent(value = "set-data", namespace = NSP) EventContext ev) {
        ev.socket().data().putAll((Map<String, Object>) ev.arg(0));
        ev.ack();
    }

    /** {@code rooms-of(id)}: the rooms of that socket (sorted), from the adapter. */
    void roomsOf(@Observes @OnEvent(value = "rooms-of", namespace = NSP) EventContext ev) {
        ev.ack(sorted(io.of(NSP).adapter().socketRooms(ev.arg(0, String.class))));
    }

    /** {@code fetch(spec)}: fetchSockets; acks {@code [{id, rooms (sorted), data, handshake}]} sorted by id. */
    void fetch(@Observes @OnEvent(value = "fetch", namespace = NSP) EventContext ev) {
        select(io.of(NSP), ev.arg(0)).fetchSockets().whenComplete((sockets, error) -> {
            if (error != null) {
                ev.ack("failed", String.valueOf(error));
                return;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (RemoteSocket s : sockets) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("rooms", sorted(s.rooms()));
                m.put("data", s.data());
                m.put("handshake", s.handshake());
                out.add(m);
            }
            out.sort(Comparator.comparing(m -> (String) m.get("id")));
            ev.ack(out);
        });
    }

    /**
     * {@code remote(spec, op, args...)}: fetches the selected sockets and applies to each RemoteSocket
     * {@code emit("remote", args...)}, {@code join(args)}, {@code leave(args)} or
     * {@code disconnect(args[0])}; acks how many it reached. The ack goes first, so a sender that
     * disconnects itself still gets it.
     */
    void remote(@Observes @OnEvent(value = "remote", namespace = NSP) EventContext ev) {
        String op = ev.arg(1, String.class);
        List<Object> args = ev.args().list().subList(2, ev.args().size());
        select(io.of(NSP), ev.arg(0)).fetchSockets().thenAccept(sockets -> {
            ev.ack(sockets.size());
            for (RemoteSocket s : sockets) {
                switch (op) {
                    case "emit" -> s.emit("remote", args.toArray());
                    case "join" -> s.join(strings(args));
                    case "leave" -> s.leave(strings(args));
                    case "disconnect" -> s.disconnect(Boolean.TRUE.equals(args.get(0)));
                    default -> throw new IllegalArgumentException(op);
                }
            }
        });
    }

    /** {@code sockets-join(spec, rooms)}. */
    void socketsJoin(@Observes @OnEvent(value = "sockets-join", namespace = NSP) EventContext ev) {
        select(io.of(NSP), ev.arg(0)).socketsJoin(strings(ev, 1));
        ev.ack();
    }

    /** {@code sockets-leave(spec, rooms)}. */
    void socketsLeave(@Observes @OnEvent(value = "sockets-leave", namespace = NSP) EventContext ev) {
        select(io.of(NSP), ev.arg(0)).socketsLeave(strings(ev, 1));
        ev.ack();
    }

    /** {@code disconnect-sockets(spec, close)}: acks first, then disconnects the selected sockets. */
    void disconnectSockets(@Observes @OnEvent(value = "disconnect-sockets", namespace = NSP) EventContext ev) {
        ev.ack();
        select(io.of(NSP), ev.arg(0)).disconnectSockets(Boolean.TRUE.equals(ev.arg(1)));
    }
}
