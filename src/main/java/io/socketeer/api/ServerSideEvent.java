package io.socketeer.api;

import java.lang.reflect.Type;

/**
 * An event another server of the cluster sent with {@code serverSideEmit} (a Socketeer node or a
 * Node.js node), as the reference server's {@code io.on("event", (...args, callback) => ...)}.
 *
 * <pre>{@code
 * void ping(@Observes @OnServerSideEmit("ping") ServerSideEvent ev) {
 *     ev.ack("pong from " + nodeName);          // when the sender used serverSideEmitWithAck
 * }
 * }</pre>
 */
public interface ServerSideEvent {
    /** The namespace it was sent in. */
    Namespace namespace();

    /** The event name. */
    String event();

    /** The arguments (the event name not included). */
    Arguments args();

    default Object arg(int index) {
        return args().get(index);
    }

    default <T> T arg(int index, Class<T> type) {
        return args().get(index, type);
    }

    default <T> T arg(int index, Type type) {
        return args().get(index, type);
    }

    /** Whether the sender waits for an answer ({@code serverSideEmitWithAck}). */
    boolean hasAck();

    /**
     * Answers the sender (once; later calls are ignored). One value, as the reference server's
     * callback takes one; nothing happens when no answer was asked for.
     */
    void ack(Object answer);
}
