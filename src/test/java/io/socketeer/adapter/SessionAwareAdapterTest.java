package io.socketeer.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.InMemoryAdapterTest.FakeHost;
import io.socketeer.adapter.InMemoryAdapterTest.FakeSocket;
import io.socketeer.engineio.Engines;
import io.socketeer.parser.Json;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory adapter of connection state recovery: offsets on broadcasts, what is kept, what a
 * restored session missed, expiry and cleanup (socket.io-adapter's SessionAwareAdapter).
 */
class SessionAwareAdapterTest {
    private final FakeHost host = new FakeHost();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private SessionAwareAdapter adapter = new SessionAwareAdapter(host, Duration.ofSeconds(120), null, clock::get);

    @AfterEach
    void stop() {
        adapter.close();
        scheduler.shutdownNow();
    }

    private FakeSocket socket(String id) {
        FakeSocket s = new FakeSocket(id);
        s.adapter = adapter;
        host.sockets.put(id, s);
        adapter.addAll(id, Set.of(id));
        return s;
    }

    private void emit(Set<String> rooms, Set<String> except, Object arg) {
        adapter.broadcast(Packet.event("/", "e", List.of(arg)), new BroadcastOptions(rooms, except, BroadcastFlags.NONE));
    }

    /** The arguments of the last frame a socket got, decoded from the Socket.IO packet {@code 2[...]}. */
    private static List<?> lastArgs(FakeSocket s) {
        String text = s.delivered.get(s.delivered.size() - 1).get(0).text();
        assertTrue(text.startsWith("2["), text);
        return (List<?>) Json.parse(text.substring(1));
    }

    private static String offsetOf(FakeSocket s) {
        List<?> args = lastArgs(s);
        return (String) args.get(args.size() - 1);
    }

    private static List<Object> argsOf(List<Packet> packets) {
        List<Object> out = new ArrayList<>();
        for (Packet p : packets) {
            out.add(p.list().get(1));
        }
        return out;
    }

    private PersistedSession restore(String pid, String offset) {
        return adapter.restoreSession(pid, offset).toCompletableFuture().join();
    }

    /** A socket {@code a} that got one broadcast, then was kept as session {@code pid-a}: its offset. */
    private String keptAfterOneBroadcast() {
        FakeSocket a = socket("a");
        emit(Set.of(), Set.of(), 1);
        String offset = offsetOf(a);
        adapter.persistSession(session("a", "pid-a", Set.of("a")));
        return offset;
    }

    private PersistedSession session(String sid, String pid, Set<String> rooms) {
        return new PersistedSession(sid, pid, rooms, Map.of("name", sid), List.of());
    }

    @Test
    void aBroadcastEventGetsAnIncreasingOffsetAsItsLastArgumentAndIsKept() {
        FakeSocket a = socket("a");
        emit(Set.of(), Set.of(), 1);
        String first = offsetOf(a);
        assertEquals(List.of("e", 1, first), lastArgs(a));
        emit(Set.of(), Set.of(), 2);
        String second = offsetOf(a);
        assertTrue(Long.parseLong(second, 36) > Long.parseLong(first, 36), first + " then " + second);
        assertEquals(2, adapter.packetCount());
        assertTrue(adapter.sessionAware());
    }

    @Test
    void acksAndVolatileBroadcastsGetNoOffsetAndAreNotKept() {
        FakeSocket a = socket("a");
        adapter.broadcastWithAck(Packet.event("/", "q", List.of(1)), BroadcastOptions.all(), n -> { }, ack -> { });
        assertEquals(List.of("q", 1), lastArgsOfAck(a));
        adapter.broadcast(Packet.event("/", "v", List.of(2)),
                new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withVolatile()));
        assertEquals(List.of("v", 2), lastArgs(a));
        assertEquals(0, adapter.packetCount());
    }

    private static List<?> lastArgsOfAck(FakeSocket s) {
        String text = s.delivered.get(s.delivered.size() - 1).get(0).text();
        assertTrue(text.startsWith("20["), text);
        return (List<?>) Json.parse(text.substring(2));
    }

    @Test
    void aRestoredSessionGetsThePacketsForItsRoomsAfterItsOffsetInOrder() {
        FakeSocket a = socket("a");
        adapter.addAll("a", Set.of("r1"));
        socket("b");
        emit(Set.of(), Set.of(), "seen");
        String offset = offsetOf(a);
        adapter.persistSession(session("a", "pid-a", adapter.socketRooms("a")));
        adapter.delAll("a");
        host.sockets.remove("a");

        emit(Set.of(), Set.of(), "all");                // missed
        emit(Set.of("r1"), Set.of(), "r1");             // missed
        emit(Set.of("r2"), Set.of(), "r2");             // not its room
        emit(Set.of(), Set.of("r1"), "all but r1");     // excluded
        emit(Set.of("a"), Set.of(), "to a");            // its own room: missed
        emit(Set.of("r1", "r2"), Set.of("b"), "r1 or r2 but b");   // missed
        adapter.broadcast(Packet.event("/", "e", List.of("volatile")),
                new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withVolatile()));

        PersistedSession s = restore("pid-a", offset);
        assertNotNull(s);
        assertEquals("a", s.sid());
        assertEquals("pid-a", s.pid());
        assertEquals(Set.of("a", "r1"), s.rooms());
        assertEquals(Map.of("name", "a"), s.data());
        assertEquals(List.of("all", "r1", "to a", "r1 or r2 but b"), argsOf(s.missedPackets()));
        for (Packet p : s.missedPackets()) {
            assertTrue(p.list().get(p.list().size() - 1) instanceof String, "each keeps its offset: " + p);
        }
        // from a later offset, only what came after it
        String later = (String) s.missedPackets().get(1).list().get(2);
        assertEquals(List.of("to a", "r1 or r2 but b"),
                argsOf(restore("pid-a", later).missedPackets()));
    }

    @Test
    void anUnknownPidOrOffsetRestoresNothing() {
        String offset = keptAfterOneBroadcast();
        assertNull(restore("other", offset));
        assertNull(restore("pid-a", "not an offset!"));
        assertNull(restore("pid-a", "zzzzzzzzzzzzzzzzzz"));
        String unknown = Long.toString(Long.parseLong(offset, 36) + 5, 36);
        assertNull(restore("pid-a", unknown));
        assertNull(restore("pid-a", null));
        assertNotNull(restore("pid-a", offset));
    }

    @Test
    void aSessionPastMaxDisconnectionDurationIsGoneAndForgotten() {
        String offset = keptAfterOneBroadcast();
        clock.addAndGet(120_000);
        assertNotNull(restore("pid-a", offset), "at the limit still");
        clock.addAndGet(1);
        assertNull(restore("pid-a", offset));
        assertEquals(0, adapter.sessionCount());
    }

    @Test
    void packetsPastMaxDisconnectionDurationAreDroppedAndTheirOffsetsNoLongerRecover() {
        FakeSocket a = socket("a");
        emit(Set.of(), Set.of(), "old");
        String old = offsetOf(a);
        clock.addAndGet(60_000);
        emit(Set.of(), Set.of(), "newer");
        String newer = offsetOf(a);
        clock.addAndGet(60_001);
        adapter.persistSession(session("a", "pid-a", Set.of("a")));
        emit(Set.of(), Set.of(), "latest"); // drops "old"
        assertEquals(2, adapter.packetCount());
        assertNull(restore("pid-a", old), "its offset is gone");
        assertEquals(List.of("latest"),
                argsOf(restore("pid-a", newer).missedPackets()));
    }

    @Test
    void manyPacketsAreDroppedAndCompactedWithoutLosingTheOrder() {
        FakeSocket a = socket("a");
        for (int i = 0; i < 5000; i++) {
            emit(Set.of(), Set.of(), i);
            clock.incrementAndGet();
        }
        // the first 3000 expire
        clock.addAndGet(120_000 - 2000);
        emit(Set.of(), Set.of(), 5000);
        assertEquals(2001, adapter.packetCount());
        adapter.persistSession(session("a", "pid-a", Set.of("a")));
        String offset = offsetOf(a);
        emit(Set.of(), Set.of(), 5001);
        emit(Set.of(), Set.of(), 5002);
        assertEquals(List.of(5001, 5002),
                argsOf(restore("pid-a", offset).missedPackets()));
    }

    @Test
    void theCleanupTimerForgetsExpiredSessionsAndPacketsThenStops() throws Exception {
        adapter.close();
        adapter = new SessionAwareAdapter(host, Duration.ofMillis(150), scheduler);
        assertFalse(adapter.cleanupScheduled(), "nothing kept, no timer");
        socket("a");
        emit(Set.of(), Set.of(), 1);
        adapter.persistSession(session("a", "pid-a", Set.of("a")));
        assertTrue(adapter.cleanupScheduled());
        assertTrue(Engines.eventually(() -> adapter.sessionCount() == 0 && adapter.packetCount() == 0
                && !adapter.cleanupScheduled()), "all expired and the timer stopped");
        assertTrue(scheduler.getQueue().isEmpty(), "no task left: " + scheduler.getQueue());
    }

    @Test
    void closeCancelsTheCleanupAndForgetsEverything() {
        adapter.close();
        adapter = new SessionAwareAdapter(host, Duration.ofMinutes(2), scheduler);
        socket("a");
        emit(Set.of(), Set.of(), 1);
        adapter.persistSession(session("a", "pid-a", Set.of("a")));
        assertEquals(1, scheduler.getQueue().size());
        adapter.close();
        assertFalse(adapter.cleanupScheduled());
        assertEquals(0, adapter.sessionCount());
        assertEquals(0, adapter.packetCount());
        assertTrue(scheduler.getQueue().isEmpty(), "no task left: " + scheduler.getQueue());
        adapter.persistSession(session("b", "pid-b", Set.of("b")));
        assertTrue(scheduler.getQueue().isEmpty(), "a closed adapter schedules nothing");
    }

    @Test
    void theInMemoryAdapterKeepsNothing() {
        InMemoryAdapter plain = new InMemoryAdapter(host);
        assertFalse(plain.sessionAware());
        plain.persistSession(session("a", "pid-a", Set.of("a")));
        assertNull(plain.restoreSession("pid-a", "0").toCompletableFuture().join());
    }
}
