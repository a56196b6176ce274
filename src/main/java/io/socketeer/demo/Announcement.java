package io.socketeer.demo;

/**
 * A notice posted to a chat room by an admin ({@code announcement}), from the {@code /admin}
 * namespace or from {@code POST /api/announce}.
 *
 * <pre>{@code
 * io.to(ChatRooms.key("lobby")).emit("announcement", Announcement.create("lobby", "Back in 5 minutes", "admin"));
 * }</pre>
 *
 * @param room the chat room
 * @param text the text, as typed (not escaped)
 * @param from who posted it: {@code admin} (the namespace) or {@code api} (the servlet)
 * @param time epoch milliseconds, server clock
 */
public record Announcement(String room, String text, String from, long time) {
    /** What an admin client sends: {@code admin.emit("announce", {room, text}, ack)}. */
    public record Request(String room, String text) {
    }

    /** An announcement stamped now. */
    public static Announcement create(String room, String text, String from) {
        return new Announcement(room, text, from, System.currentTimeMillis());
    }
}
