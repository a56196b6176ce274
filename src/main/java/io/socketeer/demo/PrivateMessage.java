package io.socketeer.demo;

import java.util.UUID;

/**
 * A message from one socket to another ({@code private message}), as both ends receive it: the
 * recipient by event, the sender in the acknowledgement.
 *
 * @param id   assigned by the server (a UUID)
 * @param from the sender
 * @param to   the recipient
 * @param text the text, as typed (not escaped)
 * @param time epoch milliseconds, server clock
 */
public record PrivateMessage(String id, ChatUser from, ChatUser to, String text, long time) {
    /** What a client sends: {@code socket.emit("private message", {to: socketId, text}, ack)}. */
    public record Request(String to, String text) {
    }

    /** A new message with a fresh id, stamped now. */
    public static PrivateMessage create(ChatUser from, ChatUser to, String text) {
        return new PrivateMessage(UUID.randomUUID().toString(), from, to, text, System.currentTimeMillis());
    }
}
