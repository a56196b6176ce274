package io.socketeer.demo;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnDisconnect;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chat rooms: every socket is in exactly one, {@code lobby} first. A chat room {@code general} is the
 * Socket.IO room {@code room:general} (the prefix keeps a room name from ever matching a socket id,
 * which is also a room). On every change the room's users get {@code users}, everyone gets
 * {@code rooms}, and the room sees {@code user joined} / {@code user left}.
 *
 * <pre>{@code
 * // browser
 * socket.emit("join room", "general", answer => console.log(answer));   // {ok: true, room: "general"}
 * socket.on("users", ({room, users}) => ...);                             // [{id, nickname}, ...]
 * socket.on("rooms", rooms => ...);                                       // [{name: "lobby", users: 2}, ...]
 * socket.emit("leave room", answer => ...);                               // back to the lobby
 * }</pre>
 */
@ApplicationScoped
public class ChatRooms {
    /** The room every socket starts in. */
    public static final String LOBBY = "lobby";

    /** Joins, leaves and their snapshots happen one at a time, so the lists pushed are never stale. */
    private final Object changes = new Object();

    @Inject
    SocketIoServer io;

    /** The Socket.IO room of a chat room. */
    public static String key(String room) {
        return "room:" + room;
    }

    void connected(@Observes @OnConnect Socket socket) {
        String room = ChatUser.room(socket);
        socket.emit("welcome", Map.of("id", socket.id(), "nickname", socket.data().get(ChatUser.NICKNAME), "room", room));
        synchronized (changes) {
            enter(socket, room);
            pushRooms();
        }
    }

    void joinRoom(@Observes @OnEvent("join room") EventContext ev) {
        String room;
        try {
            room = ChatText.room(ev.arg(0));
        } catch (IllegalArgumentException e) {
            ev.ack(Map.of("ok", false, "error", e.getMessage()));
            return;
        }
        move(ev, room);
    }

    void leaveRoom(@Observes @OnEvent("leave room") EventContext ev) {
        move(ev, LOBBY);
    }

    void disconnected(@Observes @OnDisconnect Disconnection d) {
        synchronized (changes) {
            notifyLeft(d.socket(), ChatUser.room(d.socket())); // the socket has left its rooms already
            pushRooms();
        }
    }

    /** Leaves the current room for another; the answer comes first, then the new room's users. */
    private void move(EventContext ev, String room) {
        Socket socket = ev.socket();
        ev.ack(Map.of("ok", true, "room", room));
        synchronized (changes) {
            String old = ChatUser.room(socket);
            if (old.equals(room)) {
                pushUsers(room);
                return;
            }
            socket.leave(key(old));
            notifyLeft(socket, old);
            enter(socket, room);
            pushRooms();
        }
    }

    private void enter(Socket socket, String room) {
        socket.data().put(ChatUser.ROOM, room);
        socket.join(key(room));
        socket.to(key(room)).emit("user joined", notice(socket, room));
        pushUsers(room);
    }

    private void notifyLeft(Socket socket, String room) {
        Map<String, Object> notice = notice(socket, room);
        io.to(key(room)).emit("stop typing", notice);
        io.to(key(room)).emit("user left", notice);
        pushUsers(room);
    }

    private static Map<String, Object> notice(Socket socket, String room) {
        return Map.of("room", room, "user", ChatUser.of(socket), "time", System.currentTimeMillis());
    }

    /** Sends a room its users, sorted by nickname. */
    private void pushUsers(String room) {
        io.in(key(room)).fetchSockets().thenAccept(sockets -> {
            List<ChatUser> users = sockets.stream().map(ChatUser::of)
                    .sorted(Comparator.comparing(ChatUser::nickname, String.CASE_INSENSITIVE_ORDER)).toList();
            io.to(key(room)).emit("users", Map.of("room", room, "users", users));
        });
    }

    /** Sends everyone the rooms that have users (the lobby always), with their number of users. */
    private void pushRooms() {
        io.fetchSockets().thenAccept(sockets -> io.emit("rooms", roomCounts(sockets)));
    }

    /**
     * The chat rooms these sockets are in, the lobby always, sorted by name, each with its number of
     * users: {@code [{name: "general", users: 1}, {name: "lobby", users: 2}]}.
     */
    static List<Map<String, Object>> roomCounts(List<RemoteSocket> sockets) {
        Map<String, Integer> counts = new TreeMap<>();
        counts.put(LOBBY, 0);
        for (RemoteSocket s : sockets) {
            Object room = s.data().get(ChatUser.ROOM);
            if (room != null) {
                counts.merge(room.toString(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> Map.<String, Object>of("name", e.getKey(), "users", e.getValue())).toList();
    }
}
