package io.socketeer.adapter.redis;

import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.ClusterAdapter;
import io.socketeer.parser.Binary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The back end of {@link ClusterAdapter} over Redis 7's sharded Pub/Sub, wire-compatible with npm
 * {@code @socket.io/redis-adapter} 8's {@code createShardedAdapter}: it only publishes and listens.
 * <ul>
 * <li>messages are SPUBLISHed as JSON, or msgpack when their data holds binary, on
 * {@code <key>#<nsp>#}; a broadcast to one room (without acks) on {@code <key>#<nsp>#<room>#} in the
 * subscription modes {@code dynamic} (rooms whose name is not 20 characters long, i.e. not a socket
 * id) and {@code dynamic-private} (every room);</li>
 * <li>each node SSUBSCRIBEs the namespace's channel, its own answer channel
 * {@code <key>#<nsp>#<uid>#}, and in the dynamic modes a channel per local room while the room
 * exists (not socket ids' own rooms in {@code dynamic});</li>
 * <li>the number of nodes is {@code PUBSUB SHARDNUMSUB} of the namespace's channel.</li>
 * </ul>
 */
public class ShardedRedisAdapter extends ClusterAdapter implements RedisCluster.Listener {
    private final RedisCluster cluster;
    private final String channel;
    private final String responseChannel;
    private final String mode;
    /** The rooms whose channels this node subscribed (dynamic modes). */
    private final Set<String> roomChannels = ConcurrentHashMap.newKeySet();

    ShardedRedisAdapter(AdapterHost nsp, RedisCluster cluster) {
        super(nsp, cluster.executor(), cluster.options().requestsTimeout());
        this.cluster = cluster;
        this.channel = cluster.options().key() + "#" + nsp.name() + "#";
        this.responseChannel = channel + uid() + "#";
        this.mode = cluster.options().subscriptionMode();
    }

    @Override
    public void init() {
        cluster.ssubscribe(this, true, channel, responseChannel);
    }

    @Override
    public void close() {
        List<String> all = new ArrayList<>(List.of(channel, responseChannel));
        for (String room : roomChannels) {
            all.add(channel + room + "#");
        }
        roomChannels.clear();
        cluster.sunsubscribe(all.toArray(String[]::new));
        super.close();
    }

    @Override
    protected void roomCreated(String room) {
        boolean own = mode.equals("dynamic-private") || (mode.equals("dynamic") && !isSocketRoom(room));
        if (own && roomChannels.add(room)) {
            cluster.ssubscribe(this, false, channel + room + "#");
        }
    }

    @Override
    protected void roomDeleted(String room) {
        if (roomChannels.remove(room)) {
            cluster.sunsubscribe(channel + room + "#");
        }
    }

    @Override
    protected void doPublish(Map<String, Object> message) {
        cluster.spublish(channelOf(message), encode(message), "a cluster message (type " + message.get("type") + ")");
    }

    @Override
    protected void doPublishResponse(String requesterUid, Map<String, Object> response) {
        cluster.spublish(channel + requesterUid + "#", encode(response), "an answer to another node");
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return cluster.shardSubscribers(channel);
    }

    @Override
    public void onRedisMessage(String ch, byte[] message, boolean pattern) {
        onMessage(Wire.decodeMap(message));
    }

    /** A broadcast without acks to one room goes to that room's channel in the dynamic modes. */
    private String channelOf(Map<String, Object> message) {
        if (!Integer.valueOf(BROADCAST).equals(message.get("type")) || !(message.get("data") instanceof Map<?, ?> data)
                || data.get("requestId") != null || !(data.get("opts") instanceof Map<?, ?> opts)
                || !(opts.get("rooms") instanceof List<?> rooms) || rooms.size() != 1) {
            return channel;
        }
        String room = String.valueOf(rooms.get(0));
        boolean own = mode.equals("dynamic-private") || (mode.equals("dynamic") && room.length() != 20);
        return own ? channel + room + "#" : channel;
    }

    private byte[] encode(Map<String, Object> message) {
        boolean msgpack = MAY_HOLD_BINARY.contains(message.get("type")) && Binary.hasBinary(message.get("data"));
        return Wire.encode(message, msgpack, nsp::toJson);
    }
}
