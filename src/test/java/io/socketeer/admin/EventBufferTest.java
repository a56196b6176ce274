package io.socketeer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The aggregated events of server_stats: counted per second, type and sub-type, and forgotten once read. */
class EventBufferTest {
    @Test
    void countsPerSecondTypeAndSubType() {
        AtomicLong now = new AtomicLong(1_795_856_584_250L);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        EventBuffer b = new EventBuffer(clock);
        b.push("rawConnection", null, 1);
        b.push("rawConnection", null, 1);
        b.push("bytesIn", null, 40);
        b.push("rawDisconnection", "transport close", 1);
        now.set(1_795_856_585_001L);
        b.push("bytesIn", null, 2);
        List<Map<String, Object>> values = b.valuesAndClear();
        assertEquals(5 - 1, values.size(), values.toString());
        assertEquals(Map.of("timestamp", 1_795_856_584_000L, "type", "rawConnection", "count", 2L),
                values.stream().filter(m -> m.get("type").equals("rawConnection")).findFirst().orElseThrow());
        assertEquals(Map.of("timestamp", 1_795_856_584_000L, "type", "rawDisconnection", "subType", "transport close",
                "count", 1L), values.stream().filter(m -> m.get("type").equals("rawDisconnection")).findFirst().orElseThrow());
        assertEquals(Map.of("timestamp", 1_795_856_585_000L, "type", "bytesIn", "count", 2L), values.get(values.size() - 1));
        assertEquals(List.of(), b.valuesAndClear());
    }
}
