package io.socketeer.it;

import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnDisconnect;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnHandshake;
import io.socketeer.cdi.SessionRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Handlers the in-container tests need beside the conformance ones: rooms, server-side acks,
 * middleware, disconnects, failing and asynchronous observers, streams during an upgrade, and a
 * {@code stats} event that reports what the registry holds (for leak checks).
 */
@ApplicationScoped
public class TestHandlers {
    @Inject
    SocketIoServer io;
    @Inject
    SessionRegistry registry;
    @Inject
    PerRequest perRequest;

    private final List<String> disconnects = Collections.synchronizedList(new ArrayList<>());

    // --- namespace middleware on /guarded: token "secret" required, observers run in @Priority order.
    // The order they ran in is kept per socket, so rejected or concurrent handshakes do not mix in.

    void first(@Observes @Priority(1) @OnHandshake(namespace = "/guarded") HandshakeContext hs) {
        middlewareOrder(hs.socket()).add("first");
    }

    void guard(@Observes @Priority(2) @OnHandshake(namespace = "/guarded") HandshakeContext hs) {
        middlewareOrder(hs.socket()).add("guard");
        if (!"secret".equals(hs.auth().get("token"))) {
            hs.reject("not authorized", Map.of("code", 401, "hint", "send auth.token"));
        } else {
            hs.socket().data().put("role", "admin");
        }
    }

    void guardedConnect(@Observes @OnConnect(namespace = "/guarded") Socket socket) {
        socket.emit("welcome", socket.data().get("role"), new ArrayList<>(middlewareOrder(socket)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> middlewareOrder(Socket socket) {
        return (List<String>) socket.data().computeIfAbsent("middleware",
                k -> Collections.synchronizedList(new ArrayList<>()));
    }

    // --- rooms

    void joinRoom(@Observes @OnEvent("join-room") EventContext ev) {
        ev.socket().join(ev.arg(0, String.class));
        ev.ack(new ArrayList<>(ev.socket().rooms()));
    }

    void leaveRoom(@Observes @OnEvent("leave-room") EventContext ev) {
        ev.socket().leave(ev.arg(0, String.class));
        ev.ack(new ArrayList<>(ev.socket().rooms()));
    }

    /** {@code emit-to-room(room, payload)}: io.to(room) and socket.to(room) in one go, acked when sent. */
    void emitToRoom(@Observes @OnEvent("emit-to-room") EventContext ev) {
        String room = ev.arg(0, String.class);
        io.to(room).emit("room-message", room, ev.arg(1), "io");
        ev.socket().to(room).emit("room-message", room, ev.arg(1), "socket");
        ev.ack("sent");
    }

    void broadcastAll(@Observes @OnEvent("broadcast") EventContext ev) {
        ev.socket().broadcast().emit("broadcast-message", ev.args().list().toArray());
        ev.ack("sent");
    }

    // --- server-side acks: the server asks the client and reports the outcome

    /** {@code server-ask(timeoutMs, payload)}: emitWithAck("question", payload), result as an ack. */
    void serverAsk(@Observes @OnEvent("server-ask") EventContext ev) {
        long timeout = ev.arg(0, Long.class);
        ev.socket().timeout(Duration.ofMillis(timeout)).emitWithAck("question", ev.arg(1))
                .whenComplete((answer, error) -> {
                    if (error == null) {
                        ev.ack("answered", answer.list());
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        ev.ack(cause instanceof AckTimeoutException ? "timeout" : "error", cause.getMessage());
                    }
                });
    }

    // --- disconnects

    void disconnectMe(@Observes @OnEvent("disconnect-me") EventContext ev) {
        ev.socket().disconnect(Boolean.TRUE.equals(ev.arg(0, Boolean.class)));
    }

    /**
     * {@code disconnect-socket(id, close)}: emits {@code bye} to the socket with that id in this
     * namespace and disconnects it; acks whether it was found (a server-side disconnect while that
     * socket's client is busy upgrading).
     */
    void disconnectSocket(@Observes @OnEvent("disconnect-socket") EventContext ev) {
        Socket target = ev.socket().namespace().sockets().get(ev.arg(0, String.class));
        if (target != null) {
            target.emit("bye");
            target.disconnect(Boolean.TRUE.equals(ev.arg(1, Boolean.class)));
        }
        ev.ack(target != null);
    }

    void disconnected(@Observes @OnDisconnect Disconnection d) {
        disconnects.add(d.reason().toString());
    }

    void disconnectedCustom(@Observes @OnDisconnect(namespace = "/custom") Disconnection d) {
        disconnects.add("/custom " + d.reason());
    }

    /** The disconnect reasons seen so far, cleared by reading. */
    void lastDisconnects(@Observes @OnEvent("last-disconnects") EventContext ev) {
        synchronized (disconnects) {
            ev.ack(new ArrayList<>(disconnects));
            disconnects.clear();
        }
    }

    // --- failures and async observers

    void fails(@Observes @OnEvent("throw") EventContext ev) {
        throw new IllegalStateException("handler failure (expected by the test)");
    }

    void asyncEcho(@ObservesAsync @OnEvent("async-echo") EventContext ev) {
        ev.ack("async", Thread.currentThread().getName(), ev.arg(0));
    }

    /** Acks the id of the request-scoped bean: handlers run in a request context of their own. */
    void requestScoped(@Observes @OnEvent("request-scoped") EventContext ev) {
        ev.ack(perRequest.id());
    }

    // --- a numbered stream from the server, for the upgrade test

    /**
     * {@code stream(count[, pauseEvery])}: emits {@code seq} 0..count-1 from another thread, pausing
     * 1 ms after every {@code pauseEvery} (default 5) events, then {@code seq-end}.
     */
    void stream(@Observes @OnEvent("stream") EventContext ev) {
        int count = ev.arg(0, Integer.class);
        Integer every = ev.arg(1, Integer.class);
        int pauseEvery = every == null || every < 1 ? 5 : every;
        Socket socket = ev.socket();
        Thread t = new Thread(() -> {
            for (int i = 0; i < count && socket.connected(); i++) {
                socket.emit("seq", i);
                if (i % pauseEvery == pauseEvery - 1) {
                    sleep(1);
                }
            }
            socket.emit("seq-end", count);
        }, "test-stream");
        t.setDaemon(true);
        t.start();
        ev.ack("started");
    }

    /** Collects numbered events from the client; {@code collect-end} answers with what arrived. */
    private final Map<String, List<Object>> collected = new java.util.concurrent.ConcurrentHashMap<>();

    void collect(@Observes @OnEvent("collect") EventContext ev) {
        collected.computeIfAbsent(ev.socket().id(), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(ev.arg(0));
    }

    void collectEnd(@Observes @OnEvent("collect-end") EventContext ev) {
        List<Object> got = collected.remove(ev.socket().id());
        ev.ack(got == null ? List.of() : new ArrayList<>(got), ev.socket().transport());
    }

    // --- what the registry holds

    void stats(@Observes @OnEvent("stats") EventContext ev) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("connections", io.connectionCount());
        for (String name : io.namespaces()) {
            Namespace nsp = io.of(name);
            s.put("sockets" + name, nsp.sockets().size());
            s.put("rooms" + name, new ArrayList<>(nsp.adapter().rooms()));
        }
        s.put("timers", registry.scheduledTasks());
        ev.ack(s);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
