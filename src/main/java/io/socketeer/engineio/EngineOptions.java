package io.socketeer.engineio;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Engine.IO options, named and defaulted as in the reference server (engine.io 6).
 *
 * <pre>{@code
 * EngineOptions opts = EngineOptions.builder().pingInterval(300).pingTimeout(200).build();
 * }</pre>
 *
 * @param path              the URL path both transports answer on, without trailing slash ({@code /socket.io})
 * @param pingInterval      ms between two server pings (25000)
 * @param pingTimeout       ms to wait for the pong before the session is closed (20000)
 * @param upgradeTimeout    ms an upgrade from polling to WebSocket may take (10000)
 * @param maxHttpBufferSize the largest message or polling body accepted, in bytes (1e6)
 * @param maxWriteBufferSize how much a session may hold for a client that does not read, in bytes
 *                          (1e7): packets waiting for a GET or for the WebSocket's writes; past it
 *                          the session closes ("transport error"). Not in the reference server,
 *                          which buffers without bound
 * @param transports        the transports a client may use ({@code polling}, {@code websocket})
 * @param allowUpgrades     whether a polling session may upgrade to WebSocket (true)
 * @param corsOrigins       origins allowed by CORS; {@code *} for any; empty: no CORS headers
 * @param corsCredentials   whether CORS responses allow credentials (false)
 */
public record EngineOptions(String path, long pingInterval, long pingTimeout, long upgradeTimeout,
                            long maxHttpBufferSize, long maxWriteBufferSize, Set<String> transports,
                            boolean allowUpgrades,
                            List<String> corsOrigins, boolean corsCredentials, boolean allowEIO3) {

    public static final String POLLING = "polling";
    public static final String WEBSOCKET = "websocket";

    public EngineOptions {
        Objects.requireNonNull(path, "path");
        if (pingInterval <= 0 || pingTimeout <= 0 || upgradeTimeout <= 0 || maxHttpBufferSize <= 0
                || maxWriteBufferSize <= 0) {
            throw new IllegalArgumentException("timeouts, maxHttpBufferSize and maxWriteBufferSize must be positive");
        }
        for (String t : transports) {
            if (!POLLING.equals(t) && !WEBSOCKET.equals(t)) {
                throw new IllegalArgumentException("unknown transport: " + t);
            }
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport is needed");
        }
        transports = Set.copyOf(transports);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** The reference server's defaults. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().path(path).pingInterval(pingInterval).pingTimeout(pingTimeout)
                .upgradeTimeout(upgradeTimeout).maxHttpBufferSize(maxHttpBufferSize).maxWriteBufferSize(maxWriteBufferSize).transports(transports)
                .allowUpgrades(allowUpgrades).corsOrigins(corsOrigins).corsCredentials(corsCredentials)
                .allowEIO3(allowEIO3);
    }

    /** Whether a polling session is offered the upgrade to WebSocket. */
    public boolean offersUpgrade() {
        return allowUpgrades && transports.contains(WEBSOCKET);
    }

    /** Builder with the reference defaults. */
    public static final class Builder {
        private String path = "/socket.io";
        private long pingInterval = 25_000;
        private long pingTimeout = 20_000;
        private long upgradeTimeout = 10_000;
        private long maxHttpBufferSize = 1_000_000;
        private long maxWriteBufferSize = 10_000_000;
        private Set<String> transports = Set.of(POLLING, WEBSOCKET);
        private boolean allowUpgrades = true;
        private List<String> corsOrigins = List.of();
        private boolean corsCredentials;
        private boolean allowEIO3;

        public Builder path(String path) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            this.path = p.startsWith("/") ? p : "/" + p;
            return this;
        }

        public Builder pingInterval(long ms) {
            this.pingInterval = ms;
            return this;
        }

        public Builder pingTimeout(long ms) {
            this.pingTimeout = ms;
            return this;
        }

        public Builder upgradeTimeout(long ms) {
            this.upgradeTimeout = ms;
            return this;
        }

        public Builder maxHttpBufferSize(long bytes) {
            this.maxHttpBufferSize = bytes;
            return this;
        }

        public Builder maxWriteBufferSize(long bytes) {
            this.maxWriteBufferSize = bytes;
            return this;
        }

        public Builder transports(Set<String> transports) {
            this.transports = transports;
            return this;
        }

        public Builder allowUpgrades(boolean allow) {
            this.allowUpgrades = allow;
            return this;
        }

        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = origins;
            return this;
        }

        public Builder corsCredentials(boolean credentials) {
            this.corsCredentials = credentials;
            return this;
        }

        /**
         * Whether Engine.IO v3 clients (Socket.IO v2 clients: {@code EIO=3}) are served too, as the
         * reference server's {@code allowEIO3}; off by default.
         */
        public Builder allowEIO3(boolean allow) {
            this.allowEIO3 = allow;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize,
                    maxWriteBufferSize, transports, allowUpgrades, corsOrigins, corsCredentials, allowEIO3);
        }
    }
}
