package io.socketeer.api.impl;

import io.socketeer.api.AllowRequestContext;
import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.ServerSideEvent;
import io.socketeer.api.Socket;

/**
 * Where socket life-cycle events go: the CDI bridge implements this by firing CDI events. Each call
 * happens on the thread that received the packet; implementations must not throw.
 */
public interface Handlers {
    /** A request that opens a connection ({@code allowRequest}): may refuse it. */
    default void allowRequest(AllowRequestContext request) {
    }

    /** Namespace middleware: may reject the handshake. */
    default void handshake(HandshakeContext context) {
    }

    /** A socket connected. */
    default void connected(Socket socket) {
    }

    /** A socket emitted an event (after packet middleware and the socket's own listeners). */
    default void event(EventContext context) {
    }

    /** A socket is disconnecting: its rooms are still there. */
    default void disconnecting(Disconnection disconnection) {
    }

    /** A socket disconnected. */
    default void disconnected(Disconnection disconnection) {
    }

    /** Another server of the cluster sent an event with {@code serverSideEmit}. */
    default void serverSideEvent(ServerSideEvent event) {
    }

    /** A namespace was created (statically, by {@code io.of}, or as the child of a dynamic one). */
    default void namespaceCreated(Namespace namespace) {
    }

    /** Nothing is observed. */
    Handlers NONE = new Handlers() {
    };
}
