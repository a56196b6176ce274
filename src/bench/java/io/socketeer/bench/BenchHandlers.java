package io.socketeer.bench;

import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.EventContext;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark contract as a user would write it: {@code echo} acknowledges its arguments,
 * {@code join}/{@code leave} manage rooms, {@code blast} broadcasts {@code count} ticks to a room.
 */
@ApplicationScoped
public class BenchHandlers {
    private static final int MAX_COUNT = 1_000_000;
    private static final int MAX_SIZE = 1 << 20;

    @Inject
    SocketIoServer io;

    private final Map<Integer, String> pads = new ConcurrentHashMap<>();

    void echo(@Observes @OnEvent("echo") EventContext ev) {
        Object[] args = ev.args().list().toArray();
        if (ev.hasAck()) {
            ev.ack(args);
        } else {
            ev.socket().emit("echo", args);
        }
    }

    void join(@Observes @OnEvent("join") EventContext ev) {
        String room = room(ev.arg(0));
        if (room == null) {
            ev.ack(Map.of("ok", false, "error", "room required"));
            return;
        }
        ev.socket().join(room);
        ev.ack(Map.of("ok", true, "room", room));
    }

    void leave(@Observes @OnEvent("leave") EventContext ev) {
        String room = room(ev.arg(0));
        if (room != null) {
            ev.socket().leave(room);
        }
        ev.ack(Map.of("ok", true));
    }

    void blast(@Observes @OnEvent("blast") EventContext ev) {
        Map<?, ?> o = ev.arg(0) instanceof Map<?, ?> m ? m : Map.of();
        int count = clamp(o.get("count"), MAX_COUNT);
        String pad = pads.computeIfAbsent(clamp(o.get("size"), MAX_SIZE), n -> "x".repeat(n));
        Object id = o.get("id");
        Object t = o.get("t");
        BroadcastOperator target = io.to(String.valueOf(o.get("room")));
        for (int seq = 0; seq < count; seq++) {
            Map<String, Object> tick = new LinkedHashMap<>(8);
            tick.put("id", id);
            tick.put("seq", seq);
            tick.put("t", t);
            tick.put("p", pad);
            target.emit("tick", tick);
        }
        ev.ack(Map.of("ok", true, "sent", count));
    }

    private static String room(Object arg) {
        if (arg instanceof String s) {
            return s;
        }
        return arg instanceof Map<?, ?> m && m.get("room") instanceof String s ? s : null;
    }

    private static int clamp(Object v, int max) {
        return v instanceof Number n ? (int) Math.max(0, Math.min(n.longValue(), max)) : 0;
    }
}
