package io.socketeer.api;

import java.time.Duration;

/**
 * Connection state recovery (the reference server's {@code connectionStateRecovery}, socket.io 4.6+):
 * a socket that lost its connection for a recoverable reason ({@link DisconnectReason#recoverable()})
 * is kept for {@code maxDisconnectionDuration}; a client that comes back within it gets its socket id,
 * rooms and data again and every packet it missed, and {@link Socket#recovered()} is true.
 *
 * <pre>{@code
 * new ConnectionStateRecovery(Duration.ofMinutes(2), true)   // the reference server's defaults
 * }</pre>
 *
 * @param maxDisconnectionDuration how long a disconnected session, and the packets broadcast meanwhile,
 *                                 are kept (120000 ms)
 * @param skipMiddlewares          whether a recovered socket skips the namespace middleware and the
 *                                 {@code @OnHandshake} observers (true)
 */
public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares) {
    public ConnectionStateRecovery {
        if (maxDisconnectionDuration == null || maxDisconnectionDuration.isNegative()) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be zero or more: "
                    + maxDisconnectionDuration);
        }
    }

    /** The reference server's defaults: 2 minutes, middleware skipped. */
    public static ConnectionStateRecovery defaults() {
        return new ConnectionStateRecovery(Duration.ofMinutes(2), true);
    }
}
