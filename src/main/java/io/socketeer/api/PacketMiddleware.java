package io.socketeer.api;

/**
 * Runs before the listeners and observers of every event a socket receives
 * ({@code socket.use(...)} in the reference server), and may refuse it: the event then reaches no
 * listener, the socket's {@code error} listeners get the message and data, and the client receives
 * an {@code error} event with {@code {message, data}}.
 *
 * <pre>{@code
 * socket.use((ev, next) -> {
 *     if (ev.event().startsWith("admin:") && !"admin".equals(socket.data().get("role"))) {
 *         next.fail("unauthorized event");
 *     } else {
 *         next.proceed();
 *     }
 * });
 * }</pre>
 *
 * <p>{@code next} may be called later, from another thread; an exception counts as a refusal.
 */
@FunctionalInterface
public interface PacketMiddleware {
    void handle(EventContext event, Next next);

    /** Continues or stops the chain; only the first call counts. */
    interface Next {
        /** Lets the event go on to the next middleware, then to the listeners. */
        void proceed();

        /** Refuses the event with this message. */
        default void fail(String message) {
            fail(message, null);
        }

        /** Refuses the event with this message and data (any JSON value or object). */
        void fail(String message, Object data);
    }
}
