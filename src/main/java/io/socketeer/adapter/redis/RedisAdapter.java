package io.socketeer.adapter.redis;

import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.adapter.ClusterMessages;
import io.socketeer.adapter.ClusterRequests;
import io.socketeer.adapter.InMemoryAdapter;
import io.socketeer.adapter.RequestTimeoutException;
import io.socketeer.adapter.SocketDetails;
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
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The rooms of one namespace across a cluster, speaking npm {@code @socket.io/redis-adapter} 8's
 * classic protocol, so that Socketeer and Node.js nodes (and {@code @socket.io/redis-emitter}) share
 * one cluster:
 * <ul>
 * <li>a broadcast is published as msgpack {@code [uid, packet, {rooms, except, flags}]} on
 * {@code <key>#<nsp>#}, or {@code <key>#<nsp>#<room>#} when it goes to one room; every node
 * pattern-subscribes {@code <key>#<nsp>#*} and delivers it to its own sockets (a node skips its own
 * uid, and a room it has no socket in);</li>
 * <li>requests (JSON, or msgpack for a broadcast with acks) go to {@code <key>-request#<nsp>#},
 * answers to {@code <key>-response#<nsp>#}; the number of nodes is the number of subscribers of the
 * request channel.</li>
 * </ul>
 * The local part of every operation is done at once by the in-memory adapter this one extends; the
 * other nodes do theirs when the message reaches them.
 */
public class RedisAdapter extends InMemoryAdapter implements RedisCluster.Listener {
    /** Request types, as numbered by the Node.js adapter. */
    static final int SOCKETS = 0;
    static final int ALL_ROOMS = 1;
    static final int REMOTE_JOIN = 2;
    static final int REMOTE_LEAVE = 3;
    static final int REMOTE_DISCONNECT = 4;
    static final int REMOTE_FETCH = 5;
    static final int SERVER_SIDE_EMIT = 6;
    static final int BROADCAST = 7;
    static final int BROADCAST_CLIENT_COUNT = 8;
    static final int BROADCAST_ACK = 9;

    private final RedisCluster cluster;
    private final String uid = RedisCluster.newId();
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;
    /** What this node waits for: acks of its broadcasts, answers to its requests. */
    private final ClusterRequests requests;

    RedisAdapter(AdapterHost nsp, RedisCluster cluster) {
        super(nsp);
        this.cluster = cluster;
        this.requests = new ClusterRequests(cluster.executor());
        String key = cluster.options().key();
        this.channel = key + "#" + nsp.name() + "#";
        this.requestChannel = key + "-request#" + nsp.name() + "#";
        this.responseChannel = key + "-response#" + nsp.name() + "#";
        this.specificResponseChannel = responseChannel + uid + "#";
    }

    @Override
    public void init() {
        cluster.subscribe(this, channel + "*", requestChannel, responseChannel, specificResponseChannel);
    }

    @Override
    public void close() {
        cluster.unsubscribe(channel + "*", requestChannel, responseChannel, specificResponseChannel);
        requests.clear(true);
    }

    // --- to the other nodes ---

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        if (!opts.flags().local()) {
            String ch = opts.rooms().size() == 1 ? channel + opts.rooms().iterator().next() + "#" : channel;
            List<Object> message = Arrays.asList(uid, ClusterMessages.packetMap(packet, nsp.name()),
                    ClusterMessages.optsMap(opts));
            byte[] msg = MsgPack.encode(message, nsp::toJson);
            cluster.publish(ch, msg, "a broadcast");
        }
        super.broadcast(packet, opts);
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<List<Object>> ack) {
        if (!opts.flags().local()) {
            Map<String, Object> request = request(BROADCAST);
            request.put("packet", ClusterMessages.packetMap(packet, nsp.name()));
            request.put("opts", ClusterMessages.optsMap(opts));
            requests.expectAcks((String) request.get("requestId"), clientCount, ack,
                    opts.flags().timeout() != null ? opts.flags().timeout() : cluster.options().requestsTimeout());
            cluster.publish(requestChannel, MsgPack.encode(request, nsp::toJson), "a broadcast with acks");
        }
        super.broadcastWithAck(packet, opts, clientCount, ack);
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> local = super.fetchSockets(opts).toCompletableFuture().join();
        if (opts.flags().local()) {
            return CompletableFuture.completedFuture(local);
        }
        return serverCount().thenCompose(n -> {
            if (n <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            List<SocketDetails> all = new ArrayList<>(local);
            int[] answers = {1}; // this node's own
            Map<String, Object> request = request(REMOTE_FETCH);
            request.put("opts", ClusterMessages.selection(opts));
            CompletableFuture<List<SocketDetails>> done = new CompletableFuture<>();
            send(request, done, "fetchSockets", answer -> {
                synchronized (all) {
                    answers[0]++; // counted even without sockets, as the Node.js adapter does
                    if (answer.get("sockets") instanceof List<?> sockets) {
                        for (Object s : sockets) {
                            if (s instanceof Map<?, ?> m) {
                                all.add(ClusterMessages.details(m));
                            }
                        }
                    }
                    if (answers[0] >= n) {
                        done.complete(List.copyOf(all));
                    }
                }
            });
            return done;
        });
    }

    @Override
    public CompletionStage<Set<String>> allRooms() {
        Set<String> local = rooms();
        return serverCount().thenCompose(n -> {
            if (n <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            Set<String> all = new java.util.TreeSet<>(local);
            int[] answers = {1}; // this node's own
            CompletableFuture<Set<String>> done = new CompletableFuture<>();
            send(request(ALL_ROOMS), done, "allRooms", answer -> {
                synchronized (all) {
                    answers[0]++;
                    all.addAll(ClusterMessages.strings(ClusterMessages.list(answer.get("rooms"))));
                    if (answers[0] >= n) {
                        done.complete(Set.copyOf(all));
                    }
                }
            });
            return done;
        });
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> rooms) {
        super.addSockets(opts, rooms);
        if (!opts.flags().local()) {
            Map<String, Object> request = remoteRequest(REMOTE_JOIN, opts);
            request.put("rooms", List.copyOf(rooms));
            publishJson(requestChannel, request, "socketsJoin");
        }
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> rooms) {
        super.delSockets(opts, rooms);
        if (!opts.flags().local()) {
            Map<String, Object> request = remoteRequest(REMOTE_LEAVE, opts);
            request.put("rooms", List.copyOf(rooms));
            publishJson(requestChannel, request, "socketsLeave");
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        if (!opts.flags().local()) {
            Map<String, Object> request = remoteRequest(REMOTE_DISCONNECT, opts);
            request.put("close", close);
            publishJson(requestChannel, request, "disconnectSockets");
        }
        super.disconnectSockets(opts, close);
    }

    @Override
    public void serverSideEmit(List<Object> packet) {
        Map<String, Object> request = remoteRequest(SERVER_SIDE_EMIT, null); // without acks: no requestId
        request.put("data", packet);
        publishJson(requestChannel, request, "serverSideEmit");
    }

    @Override
    public CompletionStage<List<List<Object>>> serverSideEmitWithAck(List<Object> packet, Duration timeout) {
        return serverCount().thenCompose(count -> {
            int others = count - 1;
            if (others <= 0) {
                return CompletableFuture.completedFuture(List.of());
            }
            List<List<Object>> answers = new ArrayList<>();
            Map<String, Object> request = request(SERVER_SIDE_EMIT);
            request.put("data", packet);
            CompletableFuture<List<List<Object>>> done = new CompletableFuture<>();
            send(request, done, "serverSideEmit", answer -> {
                synchronized (answers) {
                    answers.add(Arrays.asList(answer.get("data")));
                    if (answers.size() >= others) {
                        done.complete(List.copyOf(answers));
                    }
                }
            }, timeout, () -> "timeout reached: only " + answers.size() + " responses received out of " + others,
                    () -> {
                        synchronized (answers) {
                            return List.copyOf(answers);
                        }
                    });
            return done;
        });
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return cluster.subscribers(requestChannel);
    }

    // --- from the other nodes ---

    @Override
    public void onRedisMessage(String channel, byte[] message, boolean pattern) {
        if (pattern) {
            onBroadcast(channel, message);
        } else {
            onRequestOrResponse(channel, message);
        }
    }

    /** A message on the broadcast pattern. */
    void onBroadcast(String ch, byte[] message) {
        if (!ch.startsWith(channel)) {
            return;
        }
        String room = ch.substring(channel.length(), Math.max(channel.length(), ch.length() - 1));
        if (!room.isEmpty() && !hasRoom(room)) {
            return; // no local socket in that room
        }
        if (!(MsgPack.decode(message) instanceof List<?> args) || args.size() < 3
                || uid.equals(args.get(0)) || !(args.get(2) instanceof Map<?, ?> opts)) {
            return;
        }
        Packet packet = ClusterMessages.packet(args.get(1), nsp.name());
        if (packet == null) {
            return;
        }
        super.broadcast(packet, ClusterMessages.options(opts));
    }

    /** A message on the request or a response channel. */
    void onRequestOrResponse(String ch, byte[] message) {
        Map<String, Object> msg = Wire.decodeMap(message);
        if (msg == null) {
            return;
        }
        if (ch.startsWith(responseChannel)) {
            onResponse(msg);
        } else if (ch.equals(requestChannel)) {
            onRequest(msg);
        }
    }

    private void onRequest(Map<String, Object> request) {
        if (uid.equals(request.get("uid"))) {
            return; // this node did its part when it sent it
        }
        Object requestId = request.get("requestId");
        int type = request.get("type") instanceof Number n ? n.intValue() : -1;
        switch (type) {
            case SOCKETS -> {
                List<Object> rooms = ClusterMessages.list(request.get("rooms"));
                Map<String, Object> response = response(requestId);
                response.put("sockets", List.copyOf(sockets(ClusterMessages.strings(rooms))));
                publishJson(responseChannel, response, "a sockets answer");
            }
            case ALL_ROOMS -> {
                Map<String, Object> response = response(requestId);
                response.put("rooms", List.copyOf(rooms()));
                publishJson(responseChannel, response, "an allRooms answer");
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> onRemoteChange(type, request, requestId);
            case REMOTE_FETCH -> {
                if (!(request.get("opts") instanceof Map<?, ?> opts)) {
                    return;
                }
                List<Object> sockets = new ArrayList<>();
                for (SocketDetails d : super.fetchSockets(ClusterMessages.options(opts)).toCompletableFuture().join()) {
                    sockets.add(ClusterMessages.detailsMap(d));
                }
                Map<String, Object> response = response(requestId);
                response.put("sockets", sockets);
                publishJson(responseChannel, response, "a fetchSockets answer");
            }
            case BROADCAST -> {
                if (requests.expectsAcks(String.valueOf(requestId)) || !(request.get("opts") instanceof Map<?, ?> o)) {
                    return;
                }
                Packet packet = ClusterMessages.packet(request.get("packet"), nsp.name());
                if (packet == null) {
                    return;
                }
                BroadcastOptions opts = ClusterMessages.options(o);
                super.broadcastWithAck(packet, opts, count -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("type", BROADCAST_CLIENT_COUNT);
                    r.put("requestId", requestId);
                    r.put("clientCount", count);
                    publishJson(responseChannel, r, "a broadcast's client count");
                }, args -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("type", BROADCAST_ACK);
                    r.put("requestId", requestId);
                    r.put("packet", args.isEmpty() ? null : args.get(0)); // one argument, as in Node.js
                    cluster.publish(responseChannel, MsgPack.encode(r, nsp::toJson), "an acknowledgement");
                });
            }
            case SERVER_SIDE_EMIT -> {
                if (!(request.get("data") instanceof List<?> data)) {
                    return;
                }
                java.util.function.Consumer<Object> answer = requestId == null ? null : value -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("type", SERVER_SIDE_EMIT);
                    r.put("requestId", requestId);
                    r.put("data", value);
                    publishJson(responseChannel, r, "a serverSideEmit answer");
                };
                nsp.onServerSideEmit(new ArrayList<>(data), answer);
            }
            default -> {
                // unknown request types are ignored, as the Node.js adapter does
            }
        }
    }

    private void onRemoteChange(int type, Map<String, Object> request, Object requestId) {
        if (request.get("opts") instanceof Map<?, ?> o) {
            BroadcastOptions opts = ClusterMessages.options(o);
            switch (type) {
                case REMOTE_JOIN -> super.addSockets(opts, ClusterMessages.strings(ClusterMessages.list(request.get("rooms"))));
                case REMOTE_LEAVE -> super.delSockets(opts, ClusterMessages.strings(ClusterMessages.list(request.get("rooms"))));
                default -> super.disconnectSockets(opts, Boolean.TRUE.equals(request.get("close")));
            }
            return;
        }
        // the older form, for one socket by id: answered when that socket is here
        String sid = String.valueOf(request.get("sid"));
        if (nsp.localSocket(sid) == null) {
            return;
        }
        switch (type) {
            case REMOTE_JOIN -> addAll(sid, Set.of(String.valueOf(request.get("room"))));
            case REMOTE_LEAVE -> del(sid, String.valueOf(request.get("room")));
            default -> nsp.localSocket(sid).disconnect(Boolean.TRUE.equals(request.get("close")));
        }
        publishJson(responseChannel, response(requestId), "an answer");
    }

    private void onResponse(Map<String, Object> response) {
        int type = response.get("type") instanceof Number n ? n.intValue() : -1;
        requests.answer(String.valueOf(response.get("requestId")), response, type == BROADCAST_CLIENT_COUNT,
                type == BROADCAST_ACK);
    }

    // --- helpers ---

    private Map<String, Object> request(int type) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", uid);
        request.put("requestId", RedisCluster.newId());
        request.put("type", type);
        return request;
    }

    /** A request that waits for no answer; with {@code opts}, for the sockets they select. */
    private Map<String, Object> remoteRequest(int type, BroadcastOptions opts) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", uid);
        request.put("type", type);
        if (opts != null) {
            request.put("opts", ClusterMessages.selection(opts));
        }
        return request;
    }

    private static Map<String, Object> response(Object requestId) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", requestId);
        return response;
    }

    private <T> void send(Map<String, Object> request, CompletableFuture<T> done, String what,
                          Consumer<Map<String, Object>> onAnswer) {
        send(request, done, what, onAnswer, cluster.options().requestsTimeout(),
                () -> "timeout reached while waiting for " + what + " response", List::of);
    }

    /**
     * Publishes a request and waits for answers: {@code onAnswer} takes each and completes
     * {@code done}; after {@code timeout} it fails with a {@link RequestTimeoutException} holding
     * {@code answersSoFar}.
     */
    private <T> void send(Map<String, Object> request, CompletableFuture<T> done, String what,
                          Consumer<Map<String, Object>> onAnswer, Duration timeout,
                          java.util.function.Supplier<String> timeoutMessage,
                          java.util.function.Supplier<List<List<Object>>> answersSoFar) {
        requests.await((String) request.get("requestId"), done, onAnswer, timeout, timeoutMessage, answersSoFar);
        publishJson(requestChannel, request, what);
    }

    private void publishJson(String ch, Map<String, Object> msg, String what) {
        cluster.publish(ch, Json.write(msg, nsp::toJson).getBytes(StandardCharsets.UTF_8), what);
    }
}
