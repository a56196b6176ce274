package io.socketeer.cdi;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** socketeer.adapter: memory by default, redis or redis-streams only with a URI, nothing else. */
class ConfigLoaderAdapterTest {
    private static AdapterFactory adapter(Map<String, String> options) {
        return ConfigLoader.adapterFrom(options::get);
    }

    @Test
    void inMemoryByDefaultAndByName() {
        assertSame(AdapterFactory.IN_MEMORY, adapter(Map.of()));
        assertSame(AdapterFactory.IN_MEMORY, adapter(Map.of("socketeer.adapter", "memory")));
    }

    @Test
    void redisNeedsAUri() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter(Map.of("socketeer.adapter", "redis")));
        assertTrue(e.getMessage().contains("socketeer.redis.uri"), e.getMessage());
    }

    @Test
    void redisStreamsNeedsAUri() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter(Map.of("socketeer.adapter", "redis-streams")));
        assertTrue(e.getMessage().contains("redis-streams") && e.getMessage().contains("socketeer.redis.uri"),
                e.getMessage());
    }

    @Test
    void aStreamWithoutRoomIsRefusedBeforeConnecting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adapter(Map.of(
                "socketeer.adapter", "redis-streams", "socketeer.redis.uri", "redis://127.0.0.1:1",
                "socketeer.redis.maxLen", "0")));
        assertTrue(e.getMessage().contains("maxLen"), e.getMessage());
    }

    @Test
    void anUnreachableRedisStopsTheStreamsAdapterWithItsUri() {
        int closedPort = freePort();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> adapter(Map.of(
                "socketeer.adapter", "redis-streams", "socketeer.redis.uri", "redis://127.0.0.1:" + closedPort)));
        assertTrue(e.getMessage().contains("redis-streams") && e.getMessage().contains("127.0.0.1:" + closedPort),
                e.getMessage());
    }

    @Test
    void anUnknownAdapterIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter(Map.of("socketeer.adapter", "hazelcast")));
        assertTrue(e.getMessage().contains("hazelcast"), e.getMessage());
    }

    @Test
    void anUnknownSubscriptionModeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adapter(Map.of(
                "socketeer.adapter", "redis", "socketeer.redis.uri", "redis://127.0.0.1:1",
                "socketeer.redis.sharded", "true", "socketeer.redis.subscriptionMode", "sometimes")));
        assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
    }

    @Test
    void anUnreachableRedisStopsTheStartWithItsUri() {
        int closedPort = freePort();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> adapter(Map.of(
                "socketeer.adapter", "redis", "socketeer.redis.uri", "redis://127.0.0.1:" + closedPort)));
        assertTrue(e.getMessage().contains("redis://127.0.0.1:" + closedPort), e.getMessage());
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
