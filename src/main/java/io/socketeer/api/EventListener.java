package io.socketeer.api;

/**
 * Listens to events of one socket, registered in code: {@code socket.on("chat", ev -> ...)}, as in
 * the reference server. The listener gets the same {@link EventContext} as CDI observers: arguments,
 * and {@link EventContext#ack} when the client asked for an acknowledgement.
 *
 * <pre>{@code
 * socket.on("chat", ev -> ev.socket().broadcast().emit("chat", ev.arg(0)));
 * socket.once("hello", ev -> ev.ack("hi"));
 * socket.on("disconnect", ev -> log.info("left: " + ev.arg(0)));   // the reason
 * }</pre>
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(EventContext event);
}
