package io.socketeer.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis adapter, with the names of npm {@code @socket.io/redis-adapter}
 * ({@code socketeer.redis.uri}, {@code .key}, {@code .requestsTimeout}, {@code .sharded},
 * {@code .subscriptionMode}).
 *
 * @param uri              where Redis is, e.g. {@code redis://127.0.0.1:6379}
 * @param key              the prefix of every channel ({@code socket.io}, as the Node.js adapter's
 *                         {@code key} and the sharded one's {@code channelPrefix})
 * @param requestsTimeout  how long a request to the other nodes (fetchSockets, serverSideEmit with
 *                         acks) waits for their answers
 * @param sharded          the sharded variant (Redis 7 SPUBLISH/SSUBSCRIBE, {@code createShardedAdapter})
 *                         instead of the classic one
 * @param subscriptionMode for the sharded variant: {@code dynamic} (a channel per room that is not a
 *                         socket id, the default), {@code dynamic-private} (per room, socket ids
 *                         too) or {@code static} (one channel per namespace)
 * @param streams          the Redis Streams adapter's settings ({@code socketeer.adapter=redis-streams}),
 *                         null for the Pub/Sub adapters; with it, {@code sharded} means its
 *                         {@code useShardedPubSub} (SPUBLISH for requests and answers)
 */
public record RedisOptions(String uri, String key, Duration requestsTimeout, boolean sharded, String subscriptionMode,
                           Streams streams) {
    /** The Node.js adapter's defaults. */
    public static final String DEFAULT_KEY = "socket.io";
    public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofMillis(5000);

    /** The subscription modes of the sharded variant. */
    public static final java.util.Set<String> SUBSCRIPTION_MODES = java.util.Set.of("dynamic", "dynamic-private", "static");

    public RedisOptions {
        Objects.requireNonNull(uri, "socketeer.redis.uri");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestsTimeout, "requestsTimeout");
        if (!SUBSCRIPTION_MODES.contains(subscriptionMode)) {
            throw new IllegalArgumentException("socketeer.redis.subscriptionMode is dynamic, dynamic-private or static, not "
                    + subscriptionMode);
        }
    }

    /** A Pub/Sub adapter (classic or sharded). */
    public RedisOptions(String uri, String key, Duration requestsTimeout, boolean sharded, String subscriptionMode) {
        this(uri, key, requestsTimeout, sharded, subscriptionMode, null);
    }

    /** The classic variant. */
    public RedisOptions(String uri, String key, Duration requestsTimeout) {
        this(uri, key, requestsTimeout, false, "dynamic");
    }

    /**
     * The settings of npm {@code @socket.io/redis-streams-adapter} 0.3 (same names and defaults;
     * {@code channelPrefix} is {@link #key}; one stream, {@code streamCount} 1).
     *
     * @param streamName       the stream every node appends to and reads ({@code socket.io})
     * @param maxLen           {@code XADD MAXLEN ~} of the stream (10000): how many entries are kept,
     *                         about, so how far back a recovery can go
     * @param readCount        {@code XREAD COUNT} (100)
     * @param sessionKeyPrefix the prefix of the keys of persisted sessions ({@code sio:session:})
     */
    public record Streams(String streamName, long maxLen, int readCount, String sessionKeyPrefix) {
        public static final Streams DEFAULTS = new Streams("socket.io", 10_000, 100, "sio:session:");

        public Streams {
            Objects.requireNonNull(streamName, "streamName");
            Objects.requireNonNull(sessionKeyPrefix, "sessionKeyPrefix");
            if (maxLen < 1 || readCount < 1) {
                throw new IllegalArgumentException("socketeer.redis.maxLen and .readCount must be 1 or more");
            }
        }
    }
}
