package io.socketeer.demo;

import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * What users say: messages to their current room, private messages, and who is typing.
 *
 * <pre>{@code
 * // browser
 * socket.timeout(5000).emit("chat message", "hello", (err, answer) => ...);   // {ok: true, id, time}: ✓
 * socket.on("chat message", msg => ...);                                       // see ChatMessage
 * socket.emit("private message", {to: otherSocketId, text: "psst"}, answer => ...);
 * socket.emit("typing");  socket.emit("stop typing");                          // others get {room, user}
 * }</pre>
 *
 * Failures are answered in the acknowledgement: {@code {ok: false, error: "message is too long
 * (at most 500 characters)"}}.
 */
@ApplicationScoped
public class ChatMessages {

    @Inject
    SocketIoServer io;

    /** A message to the sender's room: everyone else in it receives it; the sender gets id and time. */
    void chatMessage(@Observes @OnEvent("chat message") EventContext ev) {
        Socket socket = ev.socket();
        String text;
        try {
            text = ChatText.message(ev.arg(0), "message");
        } catch (IllegalArgumentException e) {
            ev.ack(Map.of("ok", false, "error", e.getMessage()));
            return;
        }
        String room = ChatUser.room(socket);
        ChatMessage msg = ChatMessage.create(room, ChatUser.of(socket), text);
        socket.to(ChatRooms.key(room)).emit("chat message", msg);
        ev.ack(Map.of("ok", true, "id", msg.id(), "time", msg.time()));
    }

    /** A message to one socket, by id; the sender gets the message back in the acknowledgement. */
    void privateMessage(@Observes @OnEvent("private message") EventContext ev) {
        Socket socket = ev.socket();
        PrivateMessage msg;
        Socket recipient;
        try {
            PrivateMessage.Request req = request(ev);
            String text = ChatText.message(req.text(), "message");
            Optional<Socket> to = req.to() == null ? Optional.empty() : io.sockets().socket(req.to());
            if (to.isEmpty()) {
                throw new IllegalArgumentException("that user is not connected");
            }
            if (to.get() == socket || to.get().id().equals(socket.id())) {
                throw new IllegalArgumentException("you cannot send a private message to yourself");
            }
            recipient = to.get();
            msg = PrivateMessage.create(ChatUser.of(socket), ChatUser.of(recipient), text);
        } catch (IllegalArgumentException e) {
            ev.ack(Map.of("ok", false, "error", e.getMessage()));
            return;
        }
        recipient.emit("private message", msg);
        ev.ack(Map.of("ok", true, "message", msg));
    }

    /** Tells the others in the room that this user is typing; dropped when a transport is busy. */
    void typing(@Observes @OnEvent("typing") EventContext ev) {
        typing(ev.socket(), "typing");
    }

    /** Tells the others in the room that this user stopped typing. */
    void stopTyping(@Observes @OnEvent("stop typing") EventContext ev) {
        typing(ev.socket(), "stop typing");
    }

    private static void typing(Socket socket, String event) {
        String room = ChatUser.room(socket);
        socket.to(ChatRooms.key(room)).volatile_().emit(event, Map.of("room", room, "user", ChatUser.of(socket)));
    }

    private static PrivateMessage.Request request(EventContext ev) {
        if (!(ev.arg(0) instanceof Map)) {
            throw new IllegalArgumentException("expected {to, text}");
        }
        try {
            return ev.arg(0, PrivateMessage.Request.class);   // JSON-B maps the object to the record
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected {to, text}");
        }
    }
}
