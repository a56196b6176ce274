package io.socketeer.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis adapter, with the names of npm {@code @socket.io/redis-adapter}
 * ({@code socketeer.redis.uri}, {@code socketeer.redis.key}, {@code socketeer.redis.requestsTimeout}).
 *
 * @param uri             where Redis is, e.g. {@code redis://127.0.0.1:6379}
 * @param key             the prefix of every channel ({@code socket.io}, as the Node.js adapter's default)
 * @param requestsTimeout how long a request to the other nodes (fetchSockets, serverSideEmit with
 *                        acks) waits for their answers
 */
public record RedisOptions(String uri, String key, Duration requestsTimeout) {
    /** The Node.js adapter's defaults. */
    public static final String DEFAULT_KEY = "socket.io";
    public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofMillis(5000);

    public RedisOptions {
        Objects.requireNonNull(uri, "socketeer.redis.uri");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestsTimeout, "requestsTimeout");
    }
}
