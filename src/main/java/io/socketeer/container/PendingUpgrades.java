package io.socketeer.container;

import io.socketeer.engineio.EngineRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands the request an upgrade came with from the servlet to the endpoint, keyed by its
 * {@code Sec-WebSocket-Key}: the endpoint cannot see the HTTP request itself. Entries left behind by
 * upgrades the container refused expire after a while.
 */
final class PendingUpgrades {
    private static final long TTL_MS = 30_000;
    private static final Map<String, Entry> PENDING = new ConcurrentHashMap<>();

    private record Entry(EngineRequest request, long time) {
    }

    private PendingUpgrades() {
    }

    static void put(String key, EngineRequest request) {
        long now = System.currentTimeMillis();
        if (PENDING.size() > 256) {
            PENDING.values().removeIf(e -> now - e.time() > TTL_MS);
        }
        PENDING.put(key, new Entry(request, now));
    }

    /** The request of this upgrade, removed; null when the servlet did not hand it over. */
    static EngineRequest take(String key) {
        Entry e = key == null ? null : PENDING.remove(key);
        return e == null ? null : e.request();
    }

    static void remove(String key) {
        PENDING.remove(key);
    }
}
