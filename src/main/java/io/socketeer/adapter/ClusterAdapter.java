package io.socketeer.adapter;

import io.socketeer.parser.Packet;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The template of cluster adapters, as socket.io-adapter's {@code ClusterAdapter}: this class does
 * the work (rooms in memory, broadcasts with acks, fetchSockets, socketsJoin/Leave,
 * disconnectSockets, serverSideEmit, their answers and timeouts) and speaks its messages, and a back
 * end only publishes and listens:
 * <ul>
 * <li>{@link #doPublish} sends a message to every node (this one's own come back and are ignored),
 * {@link #doPublishResponse} an answer to one node, {@link #serverCount} counts the nodes;</li>
 * <li>what the back end receives goes to {@link #onMessage}.</li>
 * </ul>
 * Messages are maps {@code {type, data, uid, nsp}} with socket.io-adapter's type numbers and data
 * shapes, so a back end that writes them as the Node.js one does (JSON or msgpack) is wire-compatible
 * with it. This node's part of every operation is done at once, whatever the back end does.
 *
 * <pre>{@code
 * class KafkaAdapter extends ClusterAdapter {
 *     protected void doPublish(Map<String, Object> message) { producer.send(topic, encode(message)); }
 *     protected void doPublishResponse(String uid, Map<String, Object> r) { producer.send(topic, encode(r)); }
 *     public CompletionStage<Integer> serverCount() { ... }
 *     void received(byte[] record) { onMessage(decode(record)); }
 * }
 * }</pre>
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
    /** socket.io-adapter's message types. */
    public static final int BROADCAST = 3;
    public static final int SOCKETS_JOIN = 4;
    public static final int SOCKETS_LEAVE = 5;
    public static final int DISCONNECT_SOCKETS = 6;
    public static final int FETCH_SOCKETS = 7;
    public static final int FETCH_SOCKETS_RESPONSE = 8;
    public static final int SERVER_SIDE_EMIT = 9;
    public static final int SERVER_SIDE_EMIT_RESPONSE = 10;
    public static final int BROADCAST_CLIENT_COUNT = 11;
    public static final int BROADCAST_ACK = 12;
    /** Types whose data may hold binary (the Node.js back ends write those with msgpack then). */
    public static final Set<Integer> MAY_HOLD_BINARY = Set.of(BROADCAST, BROADCAST_ACK, FETCH_SOCKETS_RESPONSE,
            SERVER_SIDE_EMIT, SERVER_SIDE_EMIT_RESPONSE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String uid = randomId();
    private final Duration requestsTimeout;
    private final ClusterRequests requests;

    /**
     * @param scheduler       runs request timeouts
     * @param requestsTimeout how long fetchSockets waits for the other nodes' answers
     */
    protected ClusterAdapter(AdapterHost nsp, ScheduledExecutorService scheduler, Duration requestsTimeout) {
        super(nsp);
        this.requests = new ClusterRequests(scheduler);
        this.requestsTimeout = requestsTimeout;
    }

    /** A random id of 16 hex digits (socket.io-adapter's {@code randomBytes(8)}). */
    public static String randomId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** This node's id in this namespace's cluster messages. */
    public final String uid() {
        return uid;
    }

    // --- the back end ---

    /** Sends a message to every node of the cluster. */
    protected abstract void doPublish(Map<String, Object> message);

    /**
     * Sends a BROADCAST to every node and returns its offset, or null: a back end that keeps the
     * broadcasts for connection state recovery (a Redis stream) returns the id it stored it under, and
     * this node's recipients get it as the last argument, as the other nodes' do
     * ({@link #onMessage(Map, String)}). By default {@link #doPublish} and null.
     */
    protected String publishAndReturnOffset(Map<String, Object> message) {
        doPublish(message);
        return null;
    }

    /** Sends an answer to the node {@code requesterUid}. */
    protected abstract void doPublishResponse(String requesterUid, Map<String, Object> response);

    @Override
    public abstract CompletionStage<Integer> serverCount();

    /** Forgets what this node waited for from the others. */
    @Override
    public void close() {
        requests.clear(false);
    }

    // --- to the other nodes ---

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        if (!opts.flags().local()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("packet", ClusterMessages.packetMap(packet, null));
            data.put("opts", ClusterMessages.optsMap(opts));
            String offset = publishAndReturnOffset(message(BROADCAST, data));
            super.broadcast(withOffset(packet, opts, offset), opts);
            return;
        }
        super.broadcast(packet, opts);
    }

    /**
     * The packet with {@code offset} appended as its last argument when connection state recovery is
     * on ({@link AdapterHost#recoveryWindow}) and the packet is kept for it: an event without ack id,
     * not volatile (socket.io-adapter's {@code addOffsetIfNecessary}); else the packet as it is.
     */
    protected Packet withOffset(Packet packet, BroadcastOptions opts, String offset) {
        if (offset == null || nsp.recoveryWindow() == null || packet.hasId() || opts.flags().volatile_()
                || (packet.type() != io.socketeer.parser.PacketType.EVENT
                && packet.type() != io.socketeer.parser.PacketType.BINARY_EVENT)
                || !(packet.data() instanceof List<?> args)) {
            return packet;
        }
        List<Object> data = new ArrayList<>(args.size() + 1);
        data.addAll(args);
        data.add(offset);
        return new Packet(packet.type(), packet.nsp(), Packet.NO_ID, java.util.Collections.unmodifiableList(data));
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<List<Object>> ack) {
        if (!opts.flags().local()) {
            String requestId = randomId();
            requests.expectAcks(requestId, clientCount, ack,
                    opts.flags().timeout() != null ? opts.flags().timeout() : requestsTimeout);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("packet", ClusterMessages.packetMap(packet, null));
            data.put("requestId", requestId);
            data.put("opts", ClusterMessages.optsMap(opts));
            doPublish(message(BROADCAST, data));
        }
        super.broadcastWithAck(packet, opts, clientCount, ack);
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> rooms) {
        super.addSockets(opts, rooms);
        if (!opts.flags().local()) {
            doPublish(message(SOCKETS_JOIN, Map.of("opts", ClusterMessages.optsMap(opts), "rooms", List.copyOf(rooms))));
        }
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> rooms) {
        super.delSockets(opts, rooms);
        if (!opts.flags().local()) {
            doPublish(message(SOCKETS_LEAVE, Map.of("opts", ClusterMessages.optsMap(opts), "rooms", List.copyOf(rooms))));
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        if (!opts.flags().local()) {
            doPublish(message(DISCONNECT_SOCKETS, Map.of("opts", ClusterMessages.optsMap(opts), "close", close)));
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
                    for (Object s : ClusterMessages.list(answer.get("sockets"))) {
                        if (s instanceof Map<?, ?> m) {
                            all.add(ClusterMessages.details(m));
                        }
                    }
                    if (answers[0] >= expected) {
                        done.complete(List.copyOf(all));
                    }
                }
            }, opts.flags().timeout() != null ? opts.flags().timeout() : requestsTimeout,
                    () -> "timeout reached: only " + answers[0] + " responses received out of " + expected, List::of);
            doPublish(message(FETCH_SOCKETS, Map.of("opts", ClusterMessages.optsMap(opts), "requestId", requestId)));
            return done;
        });
    }

    @Override
    public void serverSideEmit(List<Object> packet) {
        doPublish(message(SERVER_SIDE_EMIT, Map.of("packet", packet)));
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
            doPublish(message(SERVER_SIDE_EMIT, data));
            return done;
        });
    }

    // --- from the other nodes ---

    /**
     * A message or an answer the back end received (decoded): ignored when it is this node's own,
     * of another namespace or malformed.
     */
    protected void onMessage(Map<String, Object> message) {
        onMessage(message, null);
    }

    /**
     * A message read with its offset (a stream entry id): a BROADCAST without acks reaches this
     * node's sockets with it as last argument ({@link #withOffset}).
     */
    protected void onMessage(Map<String, Object> message, String offset) {
        if (message == null || uid.equals(message.get("uid")) || !nsp.name().equals(message.get("nsp"))
                || !(message.get("data") instanceof Map<?, ?> d)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) d;
        int type = message.get("type") instanceof Number n ? n.intValue() : -1;
        String from = String.valueOf(message.get("uid"));
        BroadcastOptions opts = data.get("opts") instanceof Map<?, ?> o ? ClusterMessages.options(o) : null;
        switch (type) {
            case BROADCAST -> {
                if (opts != null) {
                    onBroadcast(data, opts, from, offset);
                }
            }
            case SOCKETS_JOIN -> {
                if (opts != null) {
                    super.addSockets(opts, ClusterMessages.strings(ClusterMessages.list(data.get("rooms"))));
                }
            }
            case SOCKETS_LEAVE -> {
                if (opts != null) {
                    super.delSockets(opts, ClusterMessages.strings(ClusterMessages.list(data.get("rooms"))));
                }
            }
            case DISCONNECT_SOCKETS -> {
                if (opts != null) {
                    super.disconnectSockets(opts, Boolean.TRUE.equals(data.get("close")));
                }
            }
            case FETCH_SOCKETS -> {
                if (opts != null) {
                    List<Object> sockets = new ArrayList<>();
                    for (SocketDetails s : super.fetchSockets(opts).toCompletableFuture().join()) {
                        sockets.add(ClusterMessages.detailsMap(s));
                    }
                    respond(from, FETCH_SOCKETS_RESPONSE, data.get("requestId"), "sockets", sockets);
                }
            }
            case SERVER_SIDE_EMIT -> {
                Object requestId = data.get("requestId");
                Consumer<Object> answer = requestId == null ? null
                        : value -> respond(from, SERVER_SIDE_EMIT_RESPONSE, requestId, "packet", value);
                nsp.onServerSideEmit(ClusterMessages.list(data.get("packet")), answer);
            }
            case BROADCAST_CLIENT_COUNT, BROADCAST_ACK, FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE ->
                    requests.answer(String.valueOf(data.get("requestId")), data, type == BROADCAST_CLIENT_COUNT,
                            type == BROADCAST_ACK);
            default -> {
                // heartbeats and closes of other adapters, unknown types: nothing to do here
            }
        }
    }

    private void onBroadcast(Map<String, Object> data, BroadcastOptions opts, String from, String offset) {
        Packet packet = ClusterMessages.packet(data.get("packet"), nsp.name());
        if (packet == null) {
            return;
        }
        Object requestId = data.get("requestId");
        if (requestId == null) {
            super.broadcast(withOffset(packet, opts, offset), opts);
            return;
        }
        super.broadcastWithAck(packet, opts,
                count -> respond(from, BROADCAST_CLIENT_COUNT, requestId, "clientCount", count),
                args -> respond(from, BROADCAST_ACK, requestId, "packet", args.isEmpty() ? null : args.get(0)));
    }

    // --- helpers ---

    /** {@code {type, data, uid, nsp}}, in the key order the Node.js adapters write. */
    private Map<String, Object> message(int type, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("data", data);
        m.put("uid", uid);
        m.put("nsp", nsp.name());
        return m;
    }

    private void respond(String requesterUid, int type, Object requestId, String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", requestId);
        data.put(key, value);
        doPublishResponse(requesterUid, message(type, data));
    }

    /** Registers a request's answer handler and its timeout; returns its id. */
    private <T> String request(CompletableFuture<T> done, Consumer<Map<String, Object>> onAnswer, Duration timeout,
                               Supplier<String> timeoutMessage, Supplier<List<List<Object>>> answersSoFar) {
        String requestId = randomId();
        requests.await(requestId, done, onAnswer, timeout, timeoutMessage, answersSoFar);
        return requestId;
    }
}
