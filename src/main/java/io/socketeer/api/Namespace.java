package io.socketeer.api;

import io.socketeer.adapter.Adapter;
import java.util.Map;
import java.util.Optional;

/**
 * A namespace: a channel of its own over the same connection, with its own sockets, rooms and
 * handlers. Broadcasting methods are those of {@link BroadcastOperator}, applied to all its sockets.
 *
 * <pre>{@code
 * Namespace admin = io.of("/admin");
 * admin.to("ops").emit("alert", text);
 * }</pre>
 */
public interface Namespace extends BroadcastOperator, ServerSideEmitter {
    /** The name, e.g. {@code /} or {@code /admin}. */
    String name();

    /** The sockets connected to this node, by id (a read-only live view). */
    Map<String, Socket> sockets();

    /** The socket with this id on this node. */
    default Optional<Socket> socket(String id) {
        return Optional.ofNullable(sockets().get(id));
    }

    /** The adapter that keeps this namespace's rooms. */
    Adapter adapter();

    /** Disconnects every socket of the namespace (alias of {@code disconnectSockets}). */
    default void disconnect(boolean close) {
        disconnectSockets(close);
    }

    /** Adds middleware run for every client asking to join, before the {@code @OnHandshake} observers. */
    Namespace use(NamespaceMiddleware middleware);

    /** Adds a listener of the sockets that join, called before the {@code @OnConnect} observers. */
    Namespace onConnection(ConnectionListener listener);

    /**
     * Adds a listener of the events other servers of the cluster send with {@code serverSideEmit}
     * (the reference server's {@code io.on("event", ...)}), called before the
     * {@code @OnServerSideEmit} observers.
     */
    Namespace on(String event, ServerSideListener listener);

    /** The dynamic namespace this one was created by, if any. */
    Optional<ParentNamespace> parent();
}
