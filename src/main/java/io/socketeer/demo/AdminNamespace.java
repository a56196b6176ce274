package io.socketeer.demo;

import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnHandshake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The {@code /admin} namespace: its middleware lets in only clients with the admin token
 * ({@link DemoConfig}); they can post an announcement to a chat room of {@code /}.
 *
 * <pre>{@code
 * // Node.js or browser
 * const admin = io("http://localhost:8080/admin", { auth: { token: "admin" } });
 * admin.on("connect_error", err => console.log(err.message));          // "not authorized: wrong or missing admin token"
 * admin.emit("announce", { room: "lobby", text: "Server restart at noon" }, answer => ...);   // {ok: true, ...}
 * }</pre>
 */
@ApplicationScoped
public class AdminNamespace {
    /** The namespace name. */
    public static final String NAME = "/admin";

    @Inject
    DemoConfig config;
    @Inject
    SocketIoServer io;

    void guard(@Observes @OnHandshake(namespace = NAME) HandshakeContext hs) {
        if (!config.isAdminToken(hs.auth().get("token"))) {
            hs.reject("not authorized: wrong or missing admin token");
        }
    }

    void connected(@Observes @OnConnect(namespace = NAME) Socket socket) {
        socket.emit("welcome", Map.of("id", socket.id(), "chatConnections", io.sockets().sockets().size()));
    }

    /** Posts {@code {room, text}} to a chat room as an {@code announcement}; answers {@code {ok, ...}}. */
    void announce(@Observes @OnEvent(value = "announce", namespace = NAME) EventContext ev) {
        Announcement announcement;
        try {
            if (!(ev.arg(0) instanceof Map)) {
                throw new IllegalArgumentException("expected {room, text}");
            }
            Announcement.Request req = ev.arg(0, Announcement.Request.class);
            String room = req.room() == null ? ChatRooms.LOBBY : ChatText.room(req.room());
            announcement = Announcement.create(room, ChatText.message(req.text(), "announcement"), "admin");
        } catch (IllegalArgumentException e) {
            ev.ack(Map.of("ok", false, "error", e.getMessage()));
            return;
        }
        io.to(ChatRooms.key(announcement.room())).emit("announcement", announcement);  // namespace "/"
        ev.ack(Map.of("ok", true, "announcement", announcement));
    }
}
