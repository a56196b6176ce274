package io.socketeer.adapter.redis;

import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.adapter.InMemoryAdapter;
import io.socketeer.adapter.RequestTimeoutException;
import io.socketeer.adapter.SocketDetails;
import io.socketeer.parser.Binary;
import io.socketeer.parser.Json;
import io.socketeer.parser.Packet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The rooms of one namespace across a cluster over Redis 7's sharded Pub/Sub, speaking npm
 * {@code @socket.io/redis-adapter} 8's {@code createShardedAdapter} protocol (socket.io-adapter's
 * cluster messages):
 * <ul>
 * <li>every message is {@code {type, data, uid, nsp}}, JSON, or msgpack when its data holds binary;
 * it is SPUBLISHed on {@code <key>#<nsp>#}, and a broadcast to one room on {@code <key>#<nsp>#<room>#}
 * (subscription mode {@code dynamic}: rooms that are not socket ids; {@code dynamic-private}: every
 * room; {@code static}: never);</li>
 * <li>each node SSUBSCRIBEs the namespace's channel, its own response channel
 * {@code <key>#<nsp>#<uid>#}, and (dynamic modes) a channel per local room while the room exists;</li>
 * <li>answers go to the asking node's response channel; the number of nodes is
 * {@code PUBSUB SHARDNUMSUB} of the namespace's channel.</li>
 * </ul>
 * As in {@link RedisAdapter}, this node's part of every operation is done at once.
 */
public class ShardedRedisAdapter extends InMemoryAdapter implements RedisCluster.Listener {
    /** socket.io-adapter's cluster message types. */
    static final int BROADCAST = 3;
    static final int SOCKETS_JOIN = 4;
    static final int SOCKETS_LEAVE = 5;
    static final int DISCONNECT_SOCKETS = 6;
    static final int FETCH_SOCKETS = 7;
    static final int FETCH_SOCKETS_RESPONSE = 8;
    static final int SERVER_SIDE_EMIT = 9;
    static final int SERVER_SIDE_EMIT_RESPONSE = 10;
    static final int BROADCAST_CLIENT_COUNT = 11;
    static final int BROADCAST_ACK = 12;
    /** Types whose data may hold binary: msgpack then, JSON otherwise (as the Node.js adapter). */
    private static final Set<Integer> MAY_HOLD_BINARY = Set.of(BROADCAST, BROADCAST_ACK, FETCH_SOCKETS_RESPONSE,
            SERVER_SIDE_EMIT, SERVER_SIDE_EMIT_RESPONSE);

    private final RedisCluster cluster;
    private final String uid = RedisCluster.newHexId();
    private final String channel;
    private final String responseChannel;
    private final String mode;
    /** The room channels this node subscribed (dynamic modes). */
    private final Set<String> roomChannels = ConcurrentHashMap.newKeySet();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Map<String, Object>>> requests = new ConcurrentHashMap<>();

    private record AckRequest(IntConsumer clientCount, Consumer<List<Object>> ack) {
    }

    ShardedRedisAdapter(AdapterHost nsp, RedisCluster cluster) {
        super(nsp);
        this.cluster = cluster;
        this.channel = cluster.options().key() + "#" + nsp.name() + "#";
        this.responseChannel = channel + uid + "#";
        this.mode = cluster.options().subscriptionMode();
    }

    @Override
    public void init() {
        cluster.ssubscribe(this, true, channel, responseChannel);
    }

    @Override
    public void close() {
        List<String> all = new ArrayList<>(List.of(channel, responseChannel));
        all.addAll(roomChannels);
        roomChannels.clear();
        cluster.sunsubscribe(all.toArray(String[]::new));
        ackRequests.clear();
        requests.clear();
    }

    // --- room channels (dynamic modes) ---

    private boolean hasOwnChannel(String room) {
        return mode.equals("dynamic-private") || (mode.equals("dynamic") && !isSocketRoom(room));
    }

    @Override
    protected void roomCreated(String room) {
        if (hasOwnChannel(room) && roomChannels.add(room)) {
            cluster.ssubscribe(this, false, channel + room + "#");
        }
    }

    @Override
    protected void roomDeleted(String room) {
        if (roomChannels.remove(room)) {
            cluster.sunsubscribe(channel + room + "#");
        }
    }

    // --- to the other nodes ---

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        if (!opts.flags().local()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("packet", Wire.packetMap(packet, null));
            data.put("opts", Wire.optsMap(opts));
            String room = opts.rooms().size() == 1 ? opts.rooms().iterator().next() : null;
            boolean roomChannel = room != null && (mode.equals("dynamic-private")
                    || (mode.equals("dynamic") && room.length() != 20)); // not what looks like a socket id
            publish(roomChannel ? channel + room + "#" : channel, message(BROADCAST, data), "a broadcast");
        }
        super.broadcast(packet, opts);
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<List<Object>> ack) {
        if (!opts.flags().local()) {
            String requestId = RedisCluster.newHexId();
            ackRequests.put(requestId, new AckRequest(clientCount, ack));
            Duration timeout = opts.flags().timeout() != null ? opts.flags().timeout()
                    : cluster.options().requestsTimeout();
            cluster.executor().schedule(() -> ackRequests.remove(requestId), timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("packet", Wire.packetMap(packet, null));
            data.put("requestId", requestId);
            data.put("opts", Wire.optsMap(opts));
            publish(channel, message(BROADCAST, data), "a broadcast with acks");
        }
        super.broadcastWithAck(packet, opts, clientCount, ack);
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> rooms) {
        super.addSockets(opts, rooms);
        if (!opts.flags().local()) {
            publish(channel, message(SOCKETS_JOIN, Map.of("opts", Wire.optsMap(opts), "rooms", List.copyOf(rooms))),
                    "socketsJoin");
        }
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> rooms) {
        super.delSockets(opts, rooms);
        if (!opts.flags().local()) {
            publish(channel, message(SOCKETS_LEAVE, Map.of("opts", Wire.optsMap(opts), "rooms", List.copyOf(rooms))),
                    "socketsLeave");
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        if (!opts.flags().local()) {
            publish(channel, message(DISCONNECT_SOCKETS, Map.of("opts", Wire.optsMap(opts), "close", close)),
                    "disconnectSockets");
        }
        super.disconnectSockets(opts, close);
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> local = super.fetchSockets(opts).toCompletableFuture().join();
        if (opts.flags().local()) {
            return CompletableFuture.completedFuture(local);
        }
        return serverCount().thenCompose(count -> {
            int expected = count - 1;
            if (expected <= 0) {
                return CompletableFuture.completedFuture(local);
            }
            List<SocketDetails> all = new ArrayList<>(local);
            int[] answers = {0};
            CompletableFuture<List<SocketDetails>> done = new CompletableFuture<>();
            String requestId = request(done, answer -> {
                synchronized (all) {
                    answers[0]++;
                    for (Object s : Wire.list(answer.get("sockets"))) {
                        if (s instanceof Map<?, ?> m) {
                            all.add(Wire.details(m));
                        }
                    }
                    if (answers[0] >= expected) {
                        done.complete(List.copyOf(all));
                    }
                }
            }, opts.flags().timeout() != null ? opts.flags().timeout() : cluster.options().requestsTimeout(),
                    () -> "timeout reached: only " + answers[0] + " responses received out of " + expected, List::of);
            publish(channel, message(FETCH_SOCKETS, Map.of("opts", Wire.optsMap(opts), "requestId", requestId)),
                    "fetchSockets");
            return done;
        });
    }

    @Override
    public void serverSideEmit(List<Object> packet) {
        publish(channel, message(SERVER_SIDE_EMIT, Map.of("packet", packet)), "serverSideEmit");
    }

    @Override
    public CompletionStage<List<List<Object>>> serverSideEmitWithAck(List<Object> packet, Duration timeout) {
        return serverCount().thenCompose(count -> {
            int expected = count - 1;
            if (expected <= 0) {
                return CompletableFuture.completedFuture(List.of());
            }
            List<List<Object>> answers = new ArrayList<>();
            CompletableFuture<List<List<Object>>> done = new CompletableFuture<>();
            String requestId = request(done, answer -> {
                synchronized (answers) {
                    answers.add(Arrays.asList(answer.get("packet")));
                    if (answers.size() >= expected) {
                        done.complete(List.copyOf(answers));
                    }
                }
            }, timeout, () -> "timeout reached: only " + answers.size() + " responses received out of " + expected,
                    () -> {
                        synchronized (answers) {
                            return List.copyOf(answers);
                        }
                    });
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("requestId", requestId);
            data.put("packet", packet);
            publish(channel, message(SERVER_SIDE_EMIT, data), "serverSideEmit");
            return done;
        });
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return cluster.shardSubscribers(channel);
    }

    // --- from the other nodes ---

    @Override
    public void onRedisMessage(String ch, byte[] raw, boolean pattern) {
        Map<String, Object> message = Wire.decodeMap(raw);
        if (message == null || uid.equals(message.get("uid")) || !nsp.name().equals(message.get("nsp"))
                || !(message.get("data") instanceof Map<?, ?> d)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) d;
        int type = message.get("type") instanceof Number n ? n.intValue() : -1;
        String from = String.valueOf(message.get("uid"));
        switch (type) {
            case BROADCAST -> onBroadcast(data, from);
            case SOCKETS_JOIN -> {
                if (data.get("opts") instanceof Map<?, ?> o) {
                    super.addSockets(Wire.options(o), Wire.strings(Wire.list(data.get("rooms"))));
                }
            }
            case SOCKETS_LEAVE -> {
                if (data.get("opts") instanceof Map<?, ?> o) {
                    super.delSockets(Wire.options(o), Wire.strings(Wire.list(data.get("rooms"))));
                }
            }
            case DISCONNECT_SOCKETS -> {
                if (data.get("opts") instanceof Map<?, ?> o) {
                    super.disconnectSockets(Wire.options(o), Boolean.TRUE.equals(data.get("close")));
                }
            }
            case FETCH_SOCKETS -> {
                if (data.get("opts") instanceof Map<?, ?> o) {
                    List<Object> sockets = new ArrayList<>();
                    for (SocketDetails s : super.fetchSockets(Wire.options(o)).toCompletableFuture().join()) {
                        sockets.add(Wire.detailsMap(s));
                    }
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("requestId", data.get("requestId"));
                    r.put("sockets", sockets);
                    respond(from, FETCH_SOCKETS_RESPONSE, r);
                }
            }
            case SERVER_SIDE_EMIT -> {
                Object requestId = data.get("requestId");
                Consumer<Object> answer = requestId == null ? null : value -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("requestId", requestId);
                    r.put("packet", value);
                    respond(from, SERVER_SIDE_EMIT_RESPONSE, r);
                };
                nsp.onServerSideEmit(Wire.list(data.get("packet")), answer);
            }
            case BROADCAST_CLIENT_COUNT, BROADCAST_ACK, FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE ->
                    onResponse(type, data);
            default -> {
                // other types (heartbeats of other adapters, ADAPTER_CLOSE) mean nothing here
            }
        }
    }

    private void onBroadcast(Map<String, Object> data, String from) {
        Packet packet = Wire.packet(data.get("packet"), nsp.name());
        if (packet == null || !(data.get("opts") instanceof Map<?, ?> o)) {
            return;
        }
        BroadcastOptions opts = Wire.options(o);
        Object requestId = data.get("requestId");
        if (requestId == null) {
            super.broadcast(packet, opts);
            return;
        }
        super.broadcastWithAck(packet, opts,
                count -> respond(from, BROADCAST_CLIENT_COUNT, Map.of("requestId", requestId, "clientCount", count)),
                args -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("requestId", requestId);
                    r.put("packet", args.isEmpty() ? null : args.get(0)); // one argument, as in Node.js
                    respond(from, BROADCAST_ACK, r);
                });
    }

    private void onResponse(int type, Map<String, Object> data) {
        String requestId = String.valueOf(data.get("requestId"));
        AckRequest ack = ackRequests.get(requestId);
        if (ack != null) {
            if (type == BROADCAST_CLIENT_COUNT && data.get("clientCount") instanceof Number count) {
                ack.clientCount().accept(count.intValue());
            } else if (type == BROADCAST_ACK) {
                ack.ack().accept(Arrays.asList(data.get("packet")));
            }
            return;
        }
        Consumer<Map<String, Object>> pending = requests.get(requestId);
        if (pending != null) {
            pending.accept(data);
        }
    }

    // --- helpers ---

    /** {@code {type, data, uid, nsp}}, in the key order the Node.js adapter writes. */
    private Map<String, Object> message(int type, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("data", data);
        m.put("uid", uid);
        m.put("nsp", nsp.name());
        return m;
    }

    private void publish(String ch, Map<String, Object> message, String what) {
        cluster.spublish(ch, encode(message), what);
    }

    private void respond(String requesterUid, int type, Map<String, Object> data) {
        cluster.spublish(channel + requesterUid + "#", encode(message(type, data)), "an answer");
    }

    private byte[] encode(Map<String, Object> message) {
        if (MAY_HOLD_BINARY.contains(message.get("type")) && Binary.hasBinary(message.get("data"))) {
            return MsgPack.encode(message, nsp::toJson);
        }
        return Json.write(message, nsp::toJson).getBytes(StandardCharsets.UTF_8);
    }

    /** Registers a request's answer handler and its timeout; returns its id. */
    private <T> String request(CompletableFuture<T> done, Consumer<Map<String, Object>> onAnswer, Duration timeout,
                               java.util.function.Supplier<String> timeoutMessage,
                               java.util.function.Supplier<List<List<Object>>> answersSoFar) {
        String requestId = RedisCluster.newHexId();
        requests.put(requestId, onAnswer);
        var timer = cluster.executor().schedule(
                () -> done.completeExceptionally(new RequestTimeoutException(timeoutMessage.get(), answersSoFar.get())),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((r, e) -> {
            requests.remove(requestId);
            timer.cancel(false);
        });
        return requestId;
    }
}
