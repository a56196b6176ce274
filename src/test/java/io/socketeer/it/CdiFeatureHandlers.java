package io.socketeer.it;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import io.socketeer.cdi.OnAnyEvent;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnDisconnecting;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnNewNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handlers for the CDI features beyond the basics: a catch-all observer, a dynamic namespace named by
 * a regular expression, disconnecting with its rooms, new-namespace events, and listeners and packet
 * middleware registered in code from an {@code @OnConnect} observer.
 */
@ApplicationScoped
public class CdiFeatureHandlers {
    private final List<String> namespacesSeen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String>> roomsWhenLeaving = new ConcurrentHashMap<>();

    // --- catch-all: every event of "/" is recorded on its socket

    @SuppressWarnings("unchecked")
    void any(@Observes @OnAnyEvent EventContext ev) {
        ((List<String>) ev.socket().data().computeIfAbsent("seen", k -> Collections.synchronizedList(new ArrayList<>())))
                .add(ev.event());
    }

    void seen(@Observes @OnEvent("seen") EventContext ev) {
        ev.ack(new ArrayList<>((List<?>) ev.socket().data().getOrDefault("seen", List.of())));
    }

    // --- a dynamic namespace: every /team-<n>

    void teamJoined(@Observes @OnConnect(namespace = "^/team-\\d+$") Socket socket) {
        socket.emit("team-welcome", socket.namespace().name(), socket.namespace().parent().isPresent());
    }

    void where(@Observes @OnEvent(value = "where", namespace = "^/team-\\d+$") EventContext ev) {
        ev.ack(ev.socket().namespace().name());
    }

    // --- disconnecting sees the rooms

    void leaving(@Observes @OnDisconnecting Disconnection d) {
        roomsWhenLeaving.put(d.socket().id(), new ArrayList<>(d.socket().rooms()));
    }

    void leftRooms(@Observes @OnEvent("left-rooms") EventContext ev) {
        List<String> rooms = roomsWhenLeaving.get(ev.arg(0, String.class));
        ev.ack(rooms == null ? List.of() : rooms);
    }

    // --- new namespaces

    void created(@Observes @OnNewNamespace Namespace nsp) {
        namespacesSeen.add(nsp.name());
    }

    void namespaces(@Observes @OnEvent("namespaces-seen") EventContext ev) {
        ev.ack(new ArrayList<>(namespacesSeen));
    }

    // --- listeners and packet middleware in code, on /strict

    void strict(@Observes @OnConnect(namespace = "/strict") Socket socket) {
        socket.use((ev, next) -> {
            if (ev.event().startsWith("forbidden")) {
                next.fail("unauthorized event", Map.of("event", ev.event()));
            } else {
                next.proceed();
            }
        });
        socket.on("echo", ev -> ev.ack(ev.args().list().toArray()));
        socket.once("first", ev -> ev.ack("once"));
    }
}
