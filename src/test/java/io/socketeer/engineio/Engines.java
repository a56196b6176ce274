package io.socketeer.engineio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** Builds engines, requests and queries for tests. */
public final class Engines {
    private Engines() {
    }

    public static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2);
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    public static EngineOptions options(long pingInterval, long pingTimeout) {
        return EngineOptions.builder().pingInterval(pingInterval).pingTimeout(pingTimeout).build();
    }

    /** The handshake request of a transport. */
    public static EngineRequest request(String transport) {
        return new EngineRequest("GET", "/socket.io/?EIO=4&transport=" + transport,
                Map.of("EIO", "4", "transport", transport), Map.of("user-agent", List.of("test")),
                "127.0.0.1", false, System.currentTimeMillis(), null);
    }

    /** A query map: key, value, key, value ... */
    public static Map<String, String> query(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Waits until the condition holds or 2 s pass. */
    public static boolean eventually(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
