package io.socketeer.it.features;

import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnHandshake;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Namespace {@code /mw}: namespace middleware in code (two, in order) then {@code @OnHandshake}
 * observers ({@code @Priority} order), each recording itself on the socket; the token {@code "ok"} is
 * required, {@code "boom"} makes a middleware throw; a VIP joins room {@code vip} in middleware.
 * Connected sockets get packet middleware that refuses events starting with {@code forbidden}.
 */
@ApplicationScoped
public class MiddlewareHandlers {
    static final String NSP = "/mw";

    @Inject
    SocketIoServer io;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of(NSP).use(hs -> order(hs).add("code-1")).use(hs -> {
            order(hs).add("code-2");
            if ("boom".equals(hs.auth().get("token"))) {
                throw new IllegalStateException("middleware exploded");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> order(HandshakeContext hs) {
        return (List<String>) hs.socket().data().computeIfAbsent("order",
                k -> Collections.synchronizedList(new ArrayList<>()));
    }

    void late(@Observes @Priority(20) @OnHandshake(namespace = NSP) HandshakeContext hs) {
        order(hs).add("cdi-20");
    }

    void guard(@Observes @Priority(10) @OnHandshake(namespace = NSP) HandshakeContext hs) {
        order(hs).add("cdi-10");
        if (!"ok".equals(hs.auth().get("token"))) {
            hs.reject("not authorized", Map.of("code", 401));
        } else if ("yes".equals(hs.auth().get("vip"))) {
            hs.socket().join("vip");
        }
    }

    void connected(@Observes @OnConnect(namespace = NSP) Socket socket) {
        socket.emit("welcome", new ArrayList<>((List<?>) socket.data().get("order")));
        socket.use((ev, next) -> {
            if (ev.event().startsWith("forbidden")) {
                next.fail("unauthorized event", Map.of("event", ev.event()));
            } else {
                next.proceed();
            }
        });
        socket.on("error", ev -> socket.data().put("lastError", ev.arg(0)));
    }

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    /** {@code last-error()}: the message the socket's error listener saw last. */
    void lastError(@Observes @OnEvent(value = "last-error", namespace = NSP) EventContext ev) {
        ev.ack(ev.socket().data().get("lastError"));
    }

    /** Reached only when the packet middleware let it through. */
    void forbidden(@Observes @OnEvent(value = "forbidden-act", namespace = NSP) EventContext ev) {
        ev.socket().emit("leaked");
        ev.ack("leaked");
    }

    /** {@code to-vip(text)}: to room {@code vip}. */
    void toVip(@Observes @OnEvent(value = "to-vip", namespace = NSP) EventContext ev) {
        io.of(NSP).to("vip").emit("vip", ev.arg(0));
        ev.ack();
    }
}
