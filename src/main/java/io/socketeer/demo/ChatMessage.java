package io.socketeer.demo;

import java.util.UUID;

/**
 * A message posted to a chat room, as the room receives it ({@code chat message}). The server gives
 * it its id and time.
 *
 * <pre>{@code
 * {"id":"5f0c...","room":"lobby","from":{"id":"Xh2k...","nickname":"alice"},"text":"hi","time":1732730000000}
 * }</pre>
 *
 * @param id   assigned by the server (a UUID)
 * @param room the chat room
 * @param from who posted it
 * @param text the text, as typed (not escaped)
 * @param time epoch milliseconds, server clock
 */
public record ChatMessage(String id, String room, ChatUser from, String text, long time) {
    /** A new message with a fresh id, stamped now. */
    public static ChatMessage create(String room, ChatUser from, String text) {
        return new ChatMessage(UUID.randomUUID().toString(), room, from, text, System.currentTimeMillis());
    }
}
