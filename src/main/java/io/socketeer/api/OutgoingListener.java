package io.socketeer.api;

import java.util.List;

/**
 * Sees every event sent to one socket, its own emits and the broadcasts that reach it
 * ({@code socket.onAnyOutgoing(...)} in the reference server).
 *
 * <pre>{@code socket.onAnyOutgoing((event, args) -> log.fine("-> " + event + " " + args));}</pre>
 */
@FunctionalInterface
public interface OutgoingListener {
    void onEvent(String event, List<Object> args);
}
