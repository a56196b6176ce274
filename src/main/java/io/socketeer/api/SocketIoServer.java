package io.socketeer.api;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The server ({@code io} in the reference server's documentation), injectable anywhere:
 *
 * <pre>{@code
 * @Inject SocketIoServer io;
 *
 * io.emit("tick", Instant.now().toString());          // everyone on "/"
 * io.to("lobby").emit("announcement", text);          // a room
 * io.of("/admin").emit("stats", stats);               // another namespace
 * }</pre>
 *
 * <p>Its broadcasting methods apply to the main namespace {@code /}.
 */
public interface SocketIoServer extends BroadcastOperator, ServerSideEmitter {
    /** The namespace with this name, created when it does not exist yet. */
    Namespace of(String name);

    /**
     * A dynamic namespace: namespaces matching the expression are created on the first CONNECT to
     * them. The same expression gives the same parent.
     */
    ParentNamespace of(Pattern names);

    /** A dynamic namespace whose children are the names the predicate accepts. */
    ParentNamespace of(Predicate<String> names);

    /** A dynamic namespace whose children are the names the matcher accepts, given the auth payload. */
    ParentNamespace of(NamespaceMatcher matcher);

    /** The main namespace {@code /}. */
    Namespace sockets();

    /** What this server is doing and has done since it started (this node only). */
    ServerMetrics metrics();

    /** The names of the namespaces that exist. */
    Set<String> namespaces();

    /** The options in use. */
    SocketIoOptions options();

    /** The number of open Engine.IO connections (all namespaces). */
    int connectionCount();

    /**
     * Adds a hook that sees every request opening a new connection and may refuse it: the reference
     * server's {@code allowRequest}. Hooks run in the order added, before the
     * {@code @OnAllowRequest} observers; once one refused, the others are not asked.
     */
    SocketIoServer allowRequest(java.util.function.Consumer<AllowRequestContext> hook);
}
