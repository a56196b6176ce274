package io.socketeer.it.admin;

import io.socketeer.api.EventContext;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the ordinary clients of {@code AdminUiIT} do on {@code /}, so that the dashboard has rooms and
 * events to see: {@code join(room)} and {@code leave(room)} (acked with the socket's rooms),
 * {@code rooms()} (acked with them), {@code hello(x)} (answered with a {@code welcome} event) and
 * {@code shout(room)} (a {@code shouted} broadcast to that room).
 */
@ApplicationScoped
public class AdminUiHandlers {
    @Inject
    SocketIoServer io;

    void join(@Observes @OnEvent("join") EventContext ev) {
        ev.socket().join((String) ev.arg(0));
        ev.ack(sorted(ev));
    }

    void leave(@Observes @OnEvent("leave") EventContext ev) {
        ev.socket().leave((String) ev.arg(0));
        ev.ack(sorted(ev));
    }

    void rooms(@Observes @OnEvent("rooms") EventContext ev) {
        ev.ack(sorted(ev));
    }

    void hello(@Observes @OnEvent("hello") EventContext ev) {
        ev.socket().emit("welcome", ev.arg(0));
    }

    void shout(@Observes @OnEvent("shout") EventContext ev) {
        io.to((String) ev.arg(0)).emit("shouted", ev.arg(0));
        ev.ack();
    }

    private static List<String> sorted(EventContext ev) {
        List<String> rooms = new ArrayList<>(ev.socket().rooms());
        Collections.sort(rooms);
        return rooms;
    }
}
