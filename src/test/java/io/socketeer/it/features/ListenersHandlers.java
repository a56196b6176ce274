package io.socketeer.it.features;

import io.socketeer.api.EventContext;
import io.socketeer.api.EventListener;
import io.socketeer.api.Socket;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespace {@code /listen}: every socket gets, on connect, listeners in code: {@code add} (sum, acked),
 * {@code once} (acked once), a catch-all recording incoming events, an outgoing listener recording
 * what is sent, and {@code disconnecting} / {@code disconnect} listeners. The CDI observer of
 * {@code add} and {@code once} answers only when no listener did (an ack counts once).
 */
@ApplicationScoped
public class ListenersHandlers {
    static final String NSP = "/listen";

    private final Map<String, List<Object>> leaving = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static List<String> list(Socket s, String key) {
        return (List<String>) s.data().computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()));
    }

    void connected(@Observes @OnConnect(namespace = NSP) Socket socket) {
        EventListener add = ev -> ev.ack(ev.arg(0, Integer.class) + ev.arg(1, Integer.class));
        socket.data().put("add", add);
        socket.on("add", add);
        socket.once("once", ev -> ev.ack("listener"));
        socket.onAny(ev -> list(socket, "incoming").add(ev.event()));
        socket.onAnyOutgoing((event, args) -> list(socket, "outgoing").add(event));
        socket.on("disconnecting", ev -> leaving.put(socket.id(), List.of("disconnecting", ev.arg(0),
                HandlerSupport.sorted(socket.rooms()))));
        socket.on("disconnect", ev -> leaving.computeIfPresent(socket.id(), (k, v) -> {
            List<Object> all = new ArrayList<>(v);
            all.add("disconnect");
            all.add(HandlerSupport.sorted(socket.rooms()));
            return all;
        }));
        socket.join("listeners-room");
        socket.emit("ready");
    }

    /** Answers what no listener answered (an acknowledgement is sent once). */
    void add(@Observes @OnEvent(value = "add", namespace = NSP) EventContext ev) {
        ev.ack("observer");
    }

    void once(@Observes @OnEvent(value = "once", namespace = NSP) EventContext ev) {
        ev.ack("observer");
    }

    /** {@code off()}: removes the {@code add} listener. */
    void off(@Observes @OnEvent(value = "off", namespace = NSP) EventContext ev) {
        ev.socket().off("add", (EventListener) ev.socket().data().get("add"));
        ev.ack(ev.socket().listeners("add").size());
    }

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    /** {@code seen()}: the incoming and outgoing events the catch-all listeners recorded. */
    void seen(@Observes @OnEvent(value = "seen", namespace = NSP) EventContext ev) {
        ev.ack(new ArrayList<>(list(ev.socket(), "incoming")), new ArrayList<>(list(ev.socket(), "outgoing")));
    }

    /** {@code left(id)}: what the disconnecting and disconnect listeners of that socket saw. */
    void left(@Observes @OnEvent(value = "left", namespace = NSP) EventContext ev) {
        List<Object> l = leaving.get(ev.arg(0, String.class));
        ev.ack(l == null ? List.of() : l);
    }
}
