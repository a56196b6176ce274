package io.socketeer.adapter;

import java.time.Duration;

/**
 * Modifiers of a broadcast, as in the reference server.
 *
 * @param volatile_ dropped for a client whose transport cannot take it right now
 * @param local     only the sockets of this node, even with a cluster adapter
 * @param compress  a hint that the frames may be compressed
 * @param timeout   how long to wait for acknowledgements, or null
 */
public record BroadcastFlags(boolean volatile_, boolean local, boolean compress, Duration timeout) {
    /** No modifiers: compressible, not volatile, cluster-wide, no timeout. */
    public static final BroadcastFlags NONE = new BroadcastFlags(false, false, true, null);

    public BroadcastFlags withVolatile() {
        return new BroadcastFlags(true, local, compress, timeout);
    }

    public BroadcastFlags withLocal() {
        return new BroadcastFlags(volatile_, true, compress, timeout);
    }

    public BroadcastFlags withCompress(boolean c) {
        return new BroadcastFlags(volatile_, local, c, timeout);
    }

    public BroadcastFlags withTimeout(Duration t) {
        return new BroadcastFlags(volatile_, local, compress, t);
    }
}
