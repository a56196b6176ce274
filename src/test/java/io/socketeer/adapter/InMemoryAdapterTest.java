package io.socketeer.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryAdapterTest {

    /** A socket that records what the adapter does to it. */
    static final class FakeSocket implements LocalSocket {
        final String id;
        final List<List<EnginePacket>> delivered = Collections.synchronizedList(new ArrayList<>());
        final List<BroadcastFlags> flags = new ArrayList<>();
        final List<Packet> packets = Collections.synchronizedList(new ArrayList<>());
        final Map<Long, Consumer<List<Object>>> acks = new HashMap<>();
        final List<Boolean> disconnects = new ArrayList<>();
        InMemoryAdapter adapter;

        FakeSocket(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void deliver(Packet packet, List<EnginePacket> frames, BroadcastFlags f) {
            delivered.add(frames);
            packets.add(packet);
            flags.add(f);
        }

        @Override
        public void expectAck(long ackId, Consumer<List<Object>> callback) {
            acks.put(ackId, callback);
        }

        @Override
        public void disconnect(boolean close) {
            disconnects.add(close);
            adapter.delAll(id); // as a real socket does when it leaves
        }

        @Override
        public SocketDetails details() {
            return new SocketDetails(id, Map.of(), adapter.socketRooms(id), Map.of("n", id));
        }
    }

    /** A namespace with a real encoder that counts encodings. */
    static final class FakeHost implements AdapterHost {
        final Map<String, FakeSocket> sockets = new HashMap<>();
        final AtomicInteger encodings = new AtomicInteger();
        final AtomicLong ackIds = new AtomicLong();
        final PacketEncoder encoder = new PacketEncoder(null);
        java.time.Duration recoveryWindow;

        @Override
        public java.time.Duration recoveryWindow() {
            return recoveryWindow;
        }

        @Override
        public String name() {
            return "/";
        }

        @Override
        public LocalSocket localSocket(String id) {
            return sockets.get(id);
        }

        @Override
        public List<EnginePacket> encode(Packet packet) {
            encodings.incrementAndGet();
            return encoder.encode(packet);
        }

        @Override
        public long nextAckId() {
            return ackIds.getAndIncrement();
        }

        /** What serverSideEmit from another node does here. */
        java.util.function.BiConsumer<List<Object>, Consumer<Object>> serverSide = (packet, answer) -> { };

        @Override
        public void onServerSideEmit(List<Object> packet, Consumer<Object> answer) {
            serverSide.accept(packet, answer);
        }
    }

    private final FakeHost host = new FakeHost();
    private final InMemoryAdapter adapter = new InMemoryAdapter(host);
    private FakeSocket a;
    private FakeSocket b;
    private FakeSocket c;

    private FakeSocket socket(String id) {
        FakeSocket s = new FakeSocket(id);
        s.adapter = adapter;
        host.sockets.put(id, s);
        adapter.addAll(id, Set.of(id)); // its own room, as on connect
        return s;
    }

    @BeforeEach
    void sockets() {
        a = socket("a");
        b = socket("b");
        c = socket("c");
    }

    private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, BroadcastFlags.NONE);
    }

    private void emit(BroadcastOptions opts) {
        adapter.broadcast(Packet.event("/", "e", List.of(1)), opts);
    }

    @Test
    void addAllAndSocketRooms() {
        adapter.addAll("a", Set.of("r1", "r2"));
        adapter.addAll("a", Set.of("r2"));
        assertEquals(Set.of("a", "r1", "r2"), adapter.socketRooms("a"));
        assertEquals(Set.of("a", "b", "c", "r1", "r2"), adapter.rooms());
        assertEquals(Set.of(), adapter.socketRooms("nobody"));
    }

    @Test
    void delRemovesOneRoomAndEmptyRoomsVanish() {
        adapter.addAll("a", Set.of("r1", "r2"));
        adapter.addAll("b", Set.of("r1"));
        adapter.del("a", "r1");
        assertEquals(Set.of("a", "r2"), adapter.socketRooms("a"));
        assertEquals(Set.of("b"), adapter.sockets(Set.of("r1")));
        adapter.del("b", "r1");
        assertTrue(!adapter.rooms().contains("r1"), "an empty room disappears");
        adapter.del("a", "unknown");
        adapter.del("unknown", "r2");
        assertEquals(Set.of("a"), adapter.sockets(Set.of("r2")));
    }

    @Test
    void delAllRemovesEverything() {
        adapter.addAll("a", Set.of("r1", "r2"));
        adapter.addAll("b", Set.of("r2"));
        adapter.delAll("a");
        assertEquals(Set.of(), adapter.socketRooms("a"));
        assertEquals(Set.of("b", "c", "r2"), adapter.rooms());
        assertEquals(Set.of("b", "c"), adapter.sockets(Set.of()));
        adapter.delAll("a");
    }

    @Test
    void socketsOfRoomsIsAUnion() {
        adapter.addAll("a", Set.of("r1"));
        adapter.addAll("b", Set.of("r1", "r2"));
        adapter.addAll("c", Set.of("r3"));
        assertEquals(Set.of("a", "b"), adapter.sockets(Set.of("r1", "r2")));
        assertEquals(Set.of("a", "b", "c"), adapter.sockets(Set.of()));
        assertEquals(Set.of(), adapter.sockets(Set.of("none")));
    }

    @Test
    void broadcastToUnionOfRoomsDeliversOncePerSocket() {
        adapter.addAll("a", Set.of("r1", "r2"));
        adapter.addAll("b", Set.of("r2"));
        emit(to(Set.of("r1", "r2", "none"), Set.of()));
        assertEquals(1, a.delivered.size());
        assertEquals(1, b.delivered.size());
        assertEquals(0, c.delivered.size());
        assertEquals("42[\"e\",1]", a.delivered.get(0).get(0).wireText());
    }

    @Test
    void broadcastToAll() {
        emit(BroadcastOptions.all());
        assertEquals(1, a.delivered.size());
        assertEquals(1, b.delivered.size());
        assertEquals(1, c.delivered.size());
    }

    @Test
    void broadcastSharesOneEncodingAndOneFramesInstance() {
        emit(BroadcastOptions.all());
        assertEquals(1, host.encodings.get());
        assertSame(a.delivered.get(0), b.delivered.get(0));
        assertSame(a.delivered.get(0), c.delivered.get(0));
        assertSame(a.delivered.get(0).get(0).wireText(), c.delivered.get(0).get(0).wireText());
    }

    @Test
    void binaryBroadcastSharesFramesToo() {
        adapter.broadcast(Packet.event("/", "f", List.of(new byte[] {1})), BroadcastOptions.all());
        assertEquals(2, a.delivered.get(0).size());
        assertSame(a.delivered.get(0), b.delivered.get(0));
    }

    @Test
    void exceptRoomsLeaveSocketsOut() {
        adapter.addAll("a", Set.of("r1"));
        adapter.addAll("b", Set.of("r1", "banned"));
        emit(to(Set.of("r1"), Set.of("banned")));
        assertEquals(1, a.delivered.size());
        assertEquals(0, b.delivered.size());
        emit(to(Set.of(), Set.of("banned", "c")));
        assertEquals(2, a.delivered.size());
        assertEquals(0, b.delivered.size());
        assertEquals(0, c.delivered.size());
        emit(to(Set.of(), Set.of("nonexistent")));
        assertEquals(1, c.delivered.size());
    }

    @Test
    void flagsAreHandedToEachSocket() {
        BroadcastFlags f = BroadcastFlags.NONE.withVolatile().withLocal().withCompress(false)
                .withTimeout(Duration.ofSeconds(1));
        adapter.broadcast(Packet.event("/", "e", List.of()), new BroadcastOptions(Set.of("a"), Set.of(), f));
        assertSame(f, a.flags.get(0));
        assertTrue(f.volatile_() && f.local() && !f.compress());
        assertEquals(Duration.ofSeconds(1), f.timeout());
    }

    @Test
    void socketsUnknownToTheNamespaceAreSkipped() {
        adapter.addAll("ghost", Set.of("r1"));
        adapter.addAll("a", Set.of("r1"));
        emit(to(Set.of("r1"), Set.of()));
        emit(BroadcastOptions.all());
        assertEquals(2, a.delivered.size());
    }

    @Test
    void broadcastWithAckSharesOneIdAndCountsClients() {
        adapter.addAll("a", Set.of("r"));
        adapter.addAll("b", Set.of("r"));
        List<List<Object>> answers = new ArrayList<>();
        int[] count = {-1};
        adapter.broadcastWithAck(Packet.event("/", "q", List.of()), to(Set.of("r"), Set.of()), n -> count[0] = n,
                answers::add);
        assertEquals(2, count[0]);
        assertEquals("420[\"q\"]", a.delivered.get(0).get(0).wireText());
        assertSame(a.delivered.get(0), b.delivered.get(0));
        assertEquals(Set.of(0L), a.acks.keySet());
        assertEquals(Set.of(0L), b.acks.keySet());
        a.acks.get(0L).accept(List.of("ok"));
        assertEquals(List.of(List.of("ok")), answers);
        adapter.broadcastWithAck(Packet.event("/", "q", List.of()), to(Set.of("none"), Set.of()), n -> count[0] = n,
                answers::add);
        assertEquals(0, count[0]);
    }

    @Test
    void fetchSocketsDescribesTheSelection() throws Exception {
        adapter.addAll("a", Set.of("r"));
        adapter.addAll("b", Set.of("r", "x"));
        List<SocketDetails> list = adapter.fetchSockets(to(Set.of("r"), Set.of("x"))).toCompletableFuture().get();
        assertEquals(1, list.size());
        assertEquals("a", list.get(0).id());
        assertEquals(Set.of("a", "r"), list.get(0).rooms());
        assertEquals(Map.of("n", "a"), list.get(0).data());
        List<SocketDetails> all = adapter.fetchSockets(BroadcastOptions.all()).toCompletableFuture().get();
        Set<String> ids = new HashSet<>();
        all.forEach(d -> ids.add(d.id()));
        assertEquals(Set.of("a", "b", "c"), ids);
    }

    @Test
    void addSocketsAndDelSockets() {
        adapter.addAll("a", Set.of("r"));
        adapter.addAll("b", Set.of("r"));
        adapter.addSockets(to(Set.of("r"), Set.of("b")), Set.of("vip", "gold"));
        assertEquals(Set.of("a", "r", "vip", "gold"), adapter.socketRooms("a"));
        assertEquals(Set.of("b", "r"), adapter.socketRooms("b"));
        adapter.addSockets(BroadcastOptions.all(), Set.of("everyone"));
        assertEquals(Set.of("a", "b", "c"), adapter.sockets(Set.of("everyone")));
        adapter.delSockets(to(Set.of("vip"), Set.of()), Set.of("vip", "everyone"));
        assertEquals(Set.of("a", "r", "gold"), adapter.socketRooms("a"));
        assertTrue(!adapter.rooms().contains("vip"));
        assertEquals(Set.of("b", "c"), adapter.sockets(Set.of("everyone")));
    }

    @Test
    void disconnectSocketsReachesEachSelectedSocketOnce() {
        adapter.addAll("a", Set.of("r", "s"));
        adapter.addAll("b", Set.of("s"));
        adapter.disconnectSockets(to(Set.of("r", "s"), Set.of()), true);
        assertEquals(List.of(true), a.disconnects);
        assertEquals(List.of(true), b.disconnects);
        assertEquals(List.of(), c.disconnects);
        adapter.disconnectSockets(BroadcastOptions.all(), false);
        assertEquals(List.of(false), c.disconnects);
        assertEquals(List.of(true), a.disconnects, "a left on the first call");
        assertEquals(Set.of(), adapter.rooms());
    }

    @Test
    void concurrentJoinsAndLeavesKeepRoomsConsistent() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String id = "s" + t;
            socket(id);
            Thread th = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    adapter.addAll(id, Set.of("shared", "r" + (i % 5)));
                    adapter.del(id, "shared");
                    adapter.del(id, "r" + (i % 5));
                }
                adapter.addAll(id, Set.of("shared"));
            });
            threads.add(th);
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join(5000);
        }
        assertEquals(Set.of("s0", "s1", "s2", "s3"), adapter.sockets(Set.of("shared")));
        for (int i = 0; i < 5; i++) {
            assertTrue(!adapter.rooms().contains("r" + i), "room r" + i + " should be gone");
        }
    }

    @Test
    void roomHooksTellWhenARoomGetsItsFirstAndLosesItsLastSocket() {
        List<String> events = new ArrayList<>();
        InMemoryAdapter hooked = new InMemoryAdapter(host) {
            @Override
            protected void roomCreated(String room) {
                events.add("+" + room + (isSocketRoom(room) ? " (socket)" : ""));
            }

            @Override
            protected void roomDeleted(String room) {
                events.add("-" + room);
            }
        };
        hooked.addAll("s1", Set.of("s1"));
        hooked.addAll("s2", Set.of("s2"));
        hooked.addAll("s1", Set.of("r"));
        hooked.addAll("s2", Set.of("r"));
        hooked.del("s1", "r");
        assertEquals(List.of("+s1 (socket)", "+s2 (socket)", "+r"), events, "r is still s2's");
        hooked.delAll("s2");
        assertEquals(5, events.size(), String.valueOf(events));
        assertEquals(Set.of("-s2", "-r"), Set.copyOf(events.subList(3, 5)), "s2's rooms gone with it, in any order");
    }
}
