package io.socketeer.api;

/** Why a socket disconnected: the reference server's exact strings ({@link #toString()}). */
public enum DisconnectReason {
    /** The connection failed (network, write error, overlapping requests). */
    TRANSPORT_ERROR("transport error"),
    /** The client closed the connection, or it was lost. */
    TRANSPORT_CLOSE("transport close"),
    /** The server closed the connection (after a protocol error, for instance). */
    FORCED_CLOSE("forced close"),
    /** The client did not answer a ping within pingTimeout. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is not Engine.IO. */
    PARSE_ERROR("parse error"),
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN("server shutting down"),
    /** The server closed the whole connection. */
    FORCED_SERVER_CLOSE("forced server close"),
    /** The client left the namespace ({@code socket.disconnect()} on the client). */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server disconnected the socket ({@code socket.disconnect()} on the server). */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

    private final String wire;

    DisconnectReason(String wire) {
        this.wire = wire;
    }

    /** The reason for its exact string; {@link #TRANSPORT_ERROR} for an unknown one. */
    public static DisconnectReason of(String reason) {
        for (DisconnectReason r : values()) {
            if (r.wire.equals(reason)) {
                return r;
            }
        }
        return TRANSPORT_ERROR;
    }

    /**
     * Whether connection state recovery may restore a socket that left for this reason: the reference
     * server's {@code RECOVERABLE_DISCONNECT_REASONS} (the connection was lost or closed under the
     * socket, not a namespace disconnect by either side, not a parse error).
     */
    public boolean recoverable() {
        return this == TRANSPORT_ERROR || this == TRANSPORT_CLOSE || this == FORCED_CLOSE || this == PING_TIMEOUT
                || this == SERVER_SHUTTING_DOWN || this == FORCED_SERVER_CLOSE;
    }

    @Override
    public String toString() {
        return wire;
    }
}
