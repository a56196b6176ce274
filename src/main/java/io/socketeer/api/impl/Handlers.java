package io.socketeer.api.impl;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Socket;

/**
 * Where socket life-cycle events go: the CDI bridge implements this by firing CDI events. Each call
 * happens on the thread that received the packet; implementations must not throw.
 */
public interface Handlers {
    /** Namespace middleware: may reject the handshake. */
    default void handshake(HandshakeContext context) {
    }

    /** A socket connected. */
    default void connected(Socket socket) {
    }

    /** A socket emitted an event. */
    default void event(EventContext context) {
    }

    /** A socket disconnected. */
    default void disconnected(Disconnection disconnection) {
    }

    /** Nothing is observed. */
    Handlers NONE = new Handlers() {
    };
}
