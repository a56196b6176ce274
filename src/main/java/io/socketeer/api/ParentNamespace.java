package io.socketeer.api;

import java.util.Set;

/**
 * A dynamic namespace: every namespace whose name matches (a regular expression, or a predicate) is
 * created on the first CONNECT to it, as a child that shares the parent's middleware and connection
 * listeners. Broadcasting on the parent reaches the sockets of every child.
 *
 * <pre>{@code
 * ParentNamespace workspaces = io.of(Pattern.compile("^/workspace-\\d+$"));
 * workspaces.use(hs -> ...).onConnection(socket -> socket.emit("hello", socket.namespace().name()));
 * workspaces.emit("maintenance", "in 5 minutes");                  // every workspace
 * }</pre>
 *
 * <p>CDI observers select the children of a regular-expression parent with the expression as the
 * namespace: {@code @OnConnect(namespace = "^/workspace-\\d+$")}.
 */
public interface ParentNamespace extends BroadcastOperator {
    /** The regular expression, or {@code /_<n>} for a predicate. */
    String name();

    /** The children created so far. */
    Set<Namespace> children();

    /** Middleware for every child. */
    ParentNamespace use(NamespaceMiddleware middleware);

    /** A listener of the sockets joining any child. */
    ParentNamespace onConnection(ConnectionListener listener);
}
