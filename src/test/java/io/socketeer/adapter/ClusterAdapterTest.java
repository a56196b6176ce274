package io.socketeer.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.InMemoryAdapterTest.FakeHost;
import io.socketeer.adapter.InMemoryAdapterTest.FakeSocket;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster template with the smallest back end there is: nodes in one JVM whose messages go
 * through a queue ({@link Bus}), delivered when the test says. What a real back end (Redis sharded
 * Pub/Sub) adds is only the wire.
 */
class ClusterAdapterTest {
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final Bus bus = new Bus();
    private final Node one = new Node();
    private final Node two = new Node();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Every message published so far, delivered in order to every node (each ignores its own). */
    static final class Bus {
        final List<LoopbackAdapter> nodes = new ArrayList<>();
        final Queue<Runnable> pending = new ArrayDeque<>();
        final List<Map<String, Object>> published = new ArrayList<>();

        void deliver() {
            Runnable r;
            while ((r = pending.poll()) != null) {
                r.run();
            }
        }
    }

    /** A back end: publish = queue for every node, answer = queue for one node, count = nodes. */
    final class LoopbackAdapter extends ClusterAdapter {
        LoopbackAdapter(AdapterHost host) {
            super(host, scheduler, Duration.ofSeconds(1));
            bus.nodes.add(this);
        }

        @Override
        protected void doPublish(Map<String, Object> message) {
            bus.published.add(message);
            for (LoopbackAdapter n : bus.nodes) {
                bus.pending.add(() -> n.onMessage(message));
            }
        }

        @Override
        protected void doPublishResponse(String requesterUid, Map<String, Object> response) {
            for (LoopbackAdapter n : bus.nodes) {
                if (n.uid().equals(requesterUid)) {
                    bus.pending.add(() -> n.onMessage(response));
                }
            }
        }

        @Override
        public CompletionStage<Integer> serverCount() {
            return CompletableFuture.completedFuture(bus.nodes.size());
        }
    }

    /** A namespace "/" on one node, with its adapter and sockets. */
    final class Node {
        final FakeHost host = new FakeHost();
        final LoopbackAdapter adapter = new LoopbackAdapter(host);

        FakeSocket socket(String id, String... rooms) {
            FakeSocket s = new FakeSocket(id);
            s.adapter = adapter;
            host.sockets.put(id, s);
            adapter.addAll(id, Set.of(id));
            adapter.addAll(id, Set.of(rooms));
            return s;
        }
    }

    private static BroadcastOptions to(String... rooms) {
        return new BroadcastOptions(Set.of(rooms), Set.of(), BroadcastFlags.NONE);
    }

    @Test
    void aBroadcastReachesTheSocketsOfEveryNodeOnce() {
        FakeSocket a = one.socket("a", "r");
        FakeSocket b = two.socket("b", "r");
        FakeSocket c = two.socket("c");
        one.adapter.broadcast(Packet.event("/", "news", List.of("hi")), to("r"));
        assertEquals(1, a.delivered.size(), "local at once");
        assertEquals(0, b.delivered.size());
        bus.deliver();
        assertEquals(1, a.delivered.size(), "not again from its own message");
        assertEquals(1, b.delivered.size());
        assertEquals(0, c.delivered.size());
        Map<String, Object> message = bus.published.get(0);
        assertEquals(ClusterAdapter.BROADCAST, message.get("type"));
        assertEquals(one.adapter.uid(), message.get("uid"));
        assertEquals("/", message.get("nsp"));
    }

    @Test
    void socketsJoinAndFetchSocketsSpanTheNodes() throws Exception {
        one.socket("a", "r");
        two.socket("b", "r");
        one.adapter.addSockets(to("r"), Set.of("joined"));
        bus.deliver();
        assertEquals(Set.of("b", "joined"), two.adapter.socketRooms("b").stream()
                .filter(x -> !x.equals("r")).collect(java.util.stream.Collectors.toSet()));
        CompletableFuture<List<SocketDetails>> fetched = one.adapter.fetchSockets(to("joined")).toCompletableFuture();
        assertTrue(!fetched.isDone(), "waits for the other node");
        bus.deliver();
        List<String> ids = new ArrayList<>();
        fetched.get().forEach(d -> ids.add(d.id()));
        ids.sort(null);
        assertEquals(List.of("a", "b"), ids);
    }

    @Test
    void aBroadcastWithAcksCountsAndCollectsOnEveryNode() {
        FakeSocket a = one.socket("a", "r");
        FakeSocket b = two.socket("b", "r");
        List<Integer> counts = new ArrayList<>();
        List<List<Object>> answers = new ArrayList<>();
        one.adapter.broadcastWithAck(Packet.event("/", "q", List.of()),
                new BroadcastOptions(Set.of("r"), Set.of(), BroadcastFlags.NONE.withTimeout(Duration.ofSeconds(5))),
                counts::add, answers::add);
        bus.deliver();
        assertEquals(List.of(1, 1), counts, "one count per node");
        a.acks.values().iterator().next().accept(List.of("from a"));
        b.acks.values().iterator().next().accept(List.of("from b", "ignored second argument"));
        bus.deliver();
        assertEquals(List.of(List.of("from a"), List.of("from b")), answers);
    }

    @Test
    void serverSideEmitWithAcksGetsOneAnswerPerOtherNodeOrTimesOut() throws Exception {
        two.host.serverSide = (packet, answer) -> answer.accept("pong from two");
        CompletableFuture<List<List<Object>>> done = one.adapter
                .serverSideEmitWithAck(List.of("ping"), Duration.ofSeconds(5)).toCompletableFuture();
        bus.deliver();
        assertEquals(List.of(List.of("pong from two")), done.get());

        two.host.serverSide = (packet, answer) -> { };
        CompletableFuture<List<List<Object>>> silent = one.adapter
                .serverSideEmitWithAck(List.of("ping"), Duration.ofMillis(50)).toCompletableFuture();
        bus.deliver();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, silent::get);
        RequestTimeoutException t = assertInstanceOf(RequestTimeoutException.class, e.getCause());
        assertEquals("timeout reached: only 0 responses received out of 1", t.getMessage());
    }

    @Test
    void messagesOfOtherNamespacesAndMalformedOnesAreIgnored() {
        FakeSocket b = two.socket("b", "r");
        two.adapter.onMessage(Map.of("type", ClusterAdapter.BROADCAST, "uid", "x", "nsp", "/other",
                "data", Map.of("packet", Map.of("type", 2, "data", List.of("e")), "opts", Map.of("rooms", List.of("r")))));
        two.adapter.onMessage(Map.of("type", ClusterAdapter.BROADCAST, "uid", "x", "nsp", "/", "data", "nonsense"));
        two.adapter.onMessage(null);
        assertEquals(0, b.delivered.size());
        two.adapter.onMessage(Map.of("type", ClusterAdapter.BROADCAST, "uid", "x", "nsp", "/",
                "data", Map.of("packet", Map.of("type", 2, "data", List.of("e")), "opts", Map.of("rooms", List.of("r")))));
        assertEquals(1, b.delivered.size());
    }

    /** A back end that stores broadcasts under offsets (as a Redis stream): "7-0" for this node's. */
    private ClusterAdapter offsetting(FakeHost host) {
        return new ClusterAdapter(host, scheduler, Duration.ofSeconds(1)) {
            @Override
            protected void doPublish(Map<String, Object> message) {
            }

            @Override
            protected String publishAndReturnOffset(Map<String, Object> message) {
                return "7-0";
            }

            @Override
            protected void doPublishResponse(String requesterUid, Map<String, Object> response) {
            }

            @Override
            public CompletionStage<Integer> serverCount() {
                return CompletableFuture.completedFuture(2);
            }
        };
    }

    @Test
    void withRecoveryOnBroadcastsCarryTheBackEndsOffsetLocallyAndFromOtherNodes() {
        FakeHost host = new FakeHost();
        host.recoveryWindow = Duration.ofMinutes(2);
        ClusterAdapter adapter = offsetting(host);
        FakeSocket a = new FakeSocket("a");
        host.sockets.put("a", a);
        adapter.addAll("a", Set.of("a", "r"));
        adapter.broadcast(Packet.event("/", "news", List.of("hi")), to("r"));
        assertEquals(List.of("news", "hi", "7-0"), a.packets.get(0).list(), "this node's, once XADD answered");
        adapter.broadcast(Packet.event("/", "news", List.of("v")),
                new BroadcastOptions(Set.of("r"), Set.of(), BroadcastFlags.NONE.withVolatile()));
        assertEquals(List.of("news", "v"), a.packets.get(1).list(), "volatile: no offset");
        Map<String, Object> fromOther = new java.util.LinkedHashMap<>();
        fromOther.put("type", ClusterAdapter.BROADCAST);
        fromOther.put("data", Map.of("packet", Map.of("type", 2, "data", List.of("news", "there")),
                "opts", Map.of("rooms", List.of("r"), "except", List.of(), "flags", Map.of())));
        fromOther.put("uid", "another");
        fromOther.put("nsp", "/");
        adapter.onMessage(fromOther, "8-0");
        assertEquals(List.of("news", "there", "8-0"), a.packets.get(2).list(), "another node's, with the entry id");
    }

    @Test
    void withRecoveryOffNoOffsetIsAdded() {
        FakeHost host = new FakeHost();
        ClusterAdapter adapter = offsetting(host);
        FakeSocket a = new FakeSocket("a");
        host.sockets.put("a", a);
        adapter.addAll("a", Set.of("a"));
        adapter.broadcast(Packet.event("/", "news", List.of("hi")), to());
        assertEquals(List.of("news", "hi"), a.packets.get(0).list());
    }
}
