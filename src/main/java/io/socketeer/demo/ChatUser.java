package io.socketeer.demo;

import io.socketeer.api.RemoteSocket;
import io.socketeer.api.Socket;

/**
 * A chat user as the page sees one: the socket id (to send it a private message) and the nickname.
 * The nickname and the current room live in the socket's {@code data()}, so they travel with
 * {@code fetchSockets()} snapshots.
 *
 * <pre>{@code
 * socket.to(ChatRooms.key(room)).emit("user joined", ChatUser.of(socket));   // {"id":"...","nickname":"alice"}
 * }</pre>
 *
 * @param id       the socket id
 * @param nickname the nickname chosen on connect
 */
public record ChatUser(String id, String nickname) {
    /** {@code socket.data()} key of the nickname. */
    public static final String NICKNAME = "nickname";
    /** {@code socket.data()} key of the current chat room (its plain name, such as {@code lobby}). */
    public static final String ROOM = "room";

    /** The user behind a connected socket. */
    public static ChatUser of(Socket socket) {
        return new ChatUser(socket.id(), String.valueOf(socket.data().get(NICKNAME)));
    }

    /** The user behind a fetched socket snapshot. */
    public static ChatUser of(RemoteSocket socket) {
        return new ChatUser(socket.id(), String.valueOf(socket.data().get(NICKNAME)));
    }

    /** The current chat room of a socket. */
    public static String room(Socket socket) {
        Object room = socket.data().get(ROOM);
        return room == null ? ChatRooms.LOBBY : room.toString();
    }
}
