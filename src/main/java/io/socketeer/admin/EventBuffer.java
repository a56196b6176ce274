package io.socketeer.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts of what happened, per second, type and sub-type, until the next {@code server_stats}
 * takes them: the reference's {@code EventBuffer} ({@code rawConnection}, {@code rawDisconnection}
 * with the reason, {@code packetsIn}, {@code packetsOut}, {@code bytesIn}, {@code bytesOut}).
 */
final class EventBuffer {
    private record Key(long timestamp, String type, String subType) {
    }

    private final Map<Key, long[]> buffer = new ConcurrentHashMap<>();
    private final Clock clock;

    EventBuffer(Clock clock) {
        this.clock = clock;
    }

    /** Adds {@code count} to this second's count of {@code type} ({@code subType} may be null). */
    void push(String type, String subType, long count) {
        long second = clock.millis() / 1000 * 1000;
        buffer.compute(new Key(second, type, subType), (k, v) -> {
            if (v == null) {
                return new long[] {count};
            }
            v[0] += count;
            return v;
        });
    }

    /**
     * The counts as the dashboard reads them ({@code {timestamp, type, subType?, count}}), oldest
     * first, and forgets them.
     */
    List<Map<String, Object>> valuesAndClear() {
        List<Key> keys = new ArrayList<>(buffer.keySet());
        keys.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        List<Map<String, Object>> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            long[] count = buffer.remove(k);
            if (count == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", k.timestamp());
            m.put("type", k.type());
            if (k.subType() != null) {
                m.put("subType", k.subType());
            }
            m.put("count", count[0]);
            out.add(m);
        }
        return out;
    }
}
