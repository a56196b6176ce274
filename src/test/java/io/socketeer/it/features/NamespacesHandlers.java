package io.socketeer.it.features;

import io.socketeer.api.EventContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnNewNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Namespaces {@code /ns-a} and {@code /ns-b} (static), {@code ^/dyn-\d+$} (dynamic, named by the
 * observers), {@code /tenant-*} (dynamic in code, with a matcher that reads the auth token).
 */
@ApplicationScoped
public class NamespacesHandlers {
    static final String A = "/ns-a";
    static final String B = "/ns-b";
    static final String DYNAMIC = "^/dyn-\\d+$";

    @Inject
    SocketIoServer io;

    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    /** Registers the tenant parent in code when the application starts. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of((name, auth) -> name.startsWith("/tenant-") && "t".equals(auth.get("token")))
                .onConnection(s -> s.emit("tenant", s.namespace().name()));
    }

    void created(@Observes @OnNewNamespace Namespace nsp) {
        created.add(nsp.name());
    }

    void syncA(@Observes @OnEvent(value = "sync", namespace = A) EventContext ev) {
        ev.ack();
    }

    void syncB(@Observes @OnEvent(value = "sync", namespace = B) EventContext ev) {
        ev.ack();
    }

    void syncDynamic(@Observes @OnEvent(value = "sync", namespace = DYNAMIC) EventContext ev) {
        ev.ack();
    }

    /** {@code shout(text)} on {@code /ns-a}: to every socket of {@code /ns-a}. */
    void shout(@Observes @OnEvent(value = "shout", namespace = A) EventContext ev) {
        io.of(A).emit("shout", ev.arg(0));
        ev.ack();
    }

    /** {@code namespaces()}: the namespaces created since start, as told to observers. */
    void namespaces(@Observes @OnEvent(value = "namespaces", namespace = A) EventContext ev) {
        ev.ack(new ArrayList<>(created));
    }

    /** {@code parent-news(text)} on {@code /ns-a}: to every child of the dynamic namespace. */
    void parentNews(@Observes @OnEvent(value = "parent-news", namespace = A) EventContext ev) {
        io.of(Pattern.compile(DYNAMIC)).emit("news", ev.arg(0));
        ev.ack();
    }

    void dynamicJoined(@Observes @OnConnect(namespace = DYNAMIC) Socket socket) {
        socket.emit("hello", socket.namespace().name());
    }

    /** {@code who()}: the namespace's own name, and whether it has a parent. */
    void who(@Observes @OnEvent(value = "who", namespace = DYNAMIC) EventContext ev) {
        ev.ack(ev.socket().namespace().name(), ev.socket().namespace().parent().isPresent());
    }
}
