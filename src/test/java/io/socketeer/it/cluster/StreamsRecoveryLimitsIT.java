package io.socketeer.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socketeer.adapter.Adapter;
import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.adapter.LocalSocket;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.adapter.redis.RedisCluster;
import io.socketeer.adapter.redis.RedisOptions;
import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of recovery with the Redis Streams adapter, on a real Redis without a container (two
 * {@link RedisCluster}s, namespaces without sockets): a session past maxDisconnectionDuration is gone
 * (Redis' PX), an offset trimmed off the stream by MAXLEN is not recovered, and the missed packets are
 * those for the session's rooms, in stream order, with their entry ids.
 */
class StreamsRecoveryLimitsIT {
    private final String stream = "limits-" + System.nanoTime();
    private RedisCluster one;
    private RedisCluster two;

    @AfterEach
    void close() {
        for (RedisCluster c : new RedisCluster[] {one, two}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private RedisCluster cluster(long maxLen) {
        return new RedisCluster(new RedisOptions(RedisServer.shared().uri(), stream, Duration.ofSeconds(3), false,
                "dynamic", new RedisOptions.Streams(stream, maxLen, 100, stream + ":session:")));
    }

    /** A namespace "/" without sockets, with recovery on for {@code window}. */
    private static Adapter adapter(RedisCluster cluster, Duration window) {
        AtomicLong ackIds = new AtomicLong();
        PacketEncoder encoder = new PacketEncoder(null);
        Adapter a = cluster.create(new AdapterHost() {
            @Override
            public String name() {
                return "/";
            }

            @Override
            public LocalSocket localSocket(String id) {
                return null;
            }

            @Override
            public List<EnginePacket> encode(Packet packet) {
                return encoder.encode(packet);
            }

            @Override
            public long nextAckId() {
                return ackIds.getAndIncrement();
            }

            @Override
            public Duration recoveryWindow() {
                return window;
            }
        });
        a.init();
        return a;
    }

    private static PersistedSession session(String pid, String... rooms) {
        return new PersistedSession("sid-" + pid, pid, Set.of(rooms), Map.of("k", "v"), List.of());
    }

    private static void broadcast(Adapter a, String room, Object value) {
        a.broadcast(Packet.event("/", "news", List.of(value)),
                new BroadcastOptions(room == null ? Set.of() : Set.of(room), Set.of(), BroadcastFlags.NONE));
    }

    @Test
    void missedPacketsAreThoseForItsRoomsInStreamOrderOnAnotherNode() throws Exception {
        one = cluster(10_000);
        two = cluster(10_000);
        Adapter a = adapter(one, Duration.ofMinutes(1));
        Adapter b = adapter(two, Duration.ofMinutes(1));
        broadcast(a, null, "first");
        String offset = redisLastId();
        a.persistSession(session("p1", "sid-p1", "r"));
        broadcast(a, "r", 1);
        broadcast(b, "other", 2);
        broadcast(b, null, 3);
        a.broadcast(Packet.event("/", "news", List.of(4)),
                new BroadcastOptions(Set.of("r"), Set.of("sid-p1"), BroadcastFlags.NONE));
        broadcast(a, "r", 5);
        Thread.sleep(100); // the SET is asynchronous
        PersistedSession s = b.restoreSession("p1", offset).toCompletableFuture().join();
        assertNotNull(s);
        assertEquals("sid-p1", s.sid());
        assertEquals(Set.of("sid-p1", "r"), s.rooms());
        assertEquals(Map.of("k", "v"), s.data());
        List<Object> values = s.missedPackets().stream().map(p -> p.list().get(1)).toList();
        assertEquals(List.of(1L, 3L, 5L), values.stream().map(v -> ((Number) v).longValue()).toList(),
                "for its rooms, not excepted, in order: " + s.missedPackets());
        for (Packet p : s.missedPackets()) {
            assertEquals(true, String.valueOf(p.list().get(2)).matches("[0-9]+-[0-9]+"), "entry id last: " + p);
        }
    }

    @Test
    void pastMaxDisconnectionDurationTheSessionIsGone() throws Exception {
        one = cluster(10_000);
        Adapter a = adapter(one, Duration.ofMillis(300));
        broadcast(a, null, "first");
        String offset = redisLastId();
        a.persistSession(session("p2", "sid-p2"));
        Thread.sleep(100);
        assertNotNull(a.restoreSession("p2", offset).toCompletableFuture().join(), "within the window");
        a.persistSession(session("p3", "sid-p3"));
        Thread.sleep(600);
        assertNull(a.restoreSession("p3", offset).toCompletableFuture().join(), "past the window (PX)");
    }

    @Test
    void anOffsetTrimmedOffTheStreamIsNotRecovered() throws Exception {
        one = cluster(10);
        Adapter a = adapter(one, Duration.ofMinutes(1));
        broadcast(a, null, "first");
        String offset = redisLastId();
        a.persistSession(session("p4", "sid-p4"));
        for (int i = 0; i < 1000; i++) { // MAXLEN ~ trims whole nodes of 100 entries
            broadcast(a, null, i);
        }
        Thread.sleep(100);
        assertNull(a.restoreSession("p4", offset).toCompletableFuture().join(), "the offset is no longer there");
    }

    /** The id of the last entry of the stream (redis-cli). */
    private String redisLastId() throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-u", RedisServer.shared().uri(), "--raw", "XREVRANGE", stream,
                "+", "-", "COUNT", "1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().findFirst().orElseThrow(() -> new AssertionError("no entry: " + out)).trim();
    }
}
