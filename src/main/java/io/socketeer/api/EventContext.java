package io.socketeer.api;

import java.lang.reflect.Type;

/**
 * An event a client emitted, as CDI observers receive it.
 *
 * <pre>{@code
 * void said(@Observes @OnEvent("chat message") EventContext ev) {
 *     ChatMessage msg = ev.arg(0, ChatMessage.class);
 *     ev.socket().to(msg.room()).emit("chat message", msg);
 *     ev.ack("stored");                       // answers the client's callback
 * }
 * }</pre>
 */
public interface EventContext {
    /** The socket that emitted the event. */
    Socket socket();

    /** The event name. */
    String event();

    /** The arguments after the name. */
    Arguments args();

    /** The raw argument at {@code index}. */
    default Object arg(int index) {
        return args().get(index);
    }

    /** The argument at {@code index} mapped to {@code type} (JSON-B). */
    default <T> T arg(int index, Class<T> type) {
        return args().get(index, type);
    }

    /** The argument at {@code index} mapped to a generic type. */
    default <T> T arg(int index, Type type) {
        return args().get(index, type);
    }

    /** Whether the client asked for an acknowledgement. */
    boolean hasAck();

    /**
     * Answers the client's callback with these arguments; only the first call counts, and nothing
     * is sent when the client asked for no acknowledgement.
     */
    void ack(Object... args);
}
