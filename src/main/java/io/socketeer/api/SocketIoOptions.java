package io.socketeer.api;

import io.socketeer.engineio.EngineOptions;
import java.util.Set;

/**
 * The server's options: Engine.IO's, plus Socket.IO's own. Names and defaults are those of the
 * reference server; README.md lists how to set each.
 *
 * @param engine         transport options (path, pingInterval, pingTimeout, maxHttpBufferSize, ...)
 * @param connectTimeout ms a new connection has to join a namespace before it is closed (45000)
 * @param namespaces     namespaces created at start, beside {@code /} and those CDI observers name; a
 *                       name starting with {@code ^} is a regular expression (a dynamic namespace)
 * @param maxAttachments the most binary attachments one packet may announce (1000)
 * @param cleanupEmptyChildNamespaces whether a child of a dynamic namespace is removed when its last
 *                       socket leaves (false)
 * @param connectionStateRecovery connection state recovery, or null when it is off (the default)
 */
public record SocketIoOptions(EngineOptions engine, long connectTimeout, Set<String> namespaces, int maxAttachments,
                              boolean cleanupEmptyChildNamespaces, ConnectionStateRecovery connectionStateRecovery) {
    public SocketIoOptions {
        namespaces = Set.copyOf(namespaces);
    }

    /** Options without connection state recovery. */
    public SocketIoOptions(EngineOptions engine, long connectTimeout, Set<String> namespaces, int maxAttachments,
                           boolean cleanupEmptyChildNamespaces) {
        this(engine, connectTimeout, namespaces, maxAttachments, cleanupEmptyChildNamespaces, null);
    }

    /** Options with child namespaces kept when empty. */
    public SocketIoOptions(EngineOptions engine, long connectTimeout, Set<String> namespaces, int maxAttachments) {
        this(engine, connectTimeout, namespaces, maxAttachments, false, null);
    }

    /** The same options with connection state recovery set ({@code null}: off). */
    public SocketIoOptions withConnectionStateRecovery(ConnectionStateRecovery recovery) {
        return new SocketIoOptions(engine, connectTimeout, namespaces, maxAttachments, cleanupEmptyChildNamespaces,
                recovery);
    }

    /** The reference server's defaults. */
    public static SocketIoOptions defaults() {
        return new SocketIoOptions(EngineOptions.defaults(), 45_000, Set.of(), 1000, false, null);
    }
}
