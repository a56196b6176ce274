package io.socketeer.adapter.redis;

import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.ClusterAdapter;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The back end of {@link ClusterAdapter} over a Redis stream, wire-compatible with npm
 * {@code @socket.io/redis-streams-adapter} 0.3 ({@code socketeer.adapter=redis-streams}):
 * <ul>
 * <li>messages are appended to the stream ({@code XADD <stream> MAXLEN ~ <maxLen> *}, fields
 * {@link StreamEntries}), and every node reads it with a blocking XREAD ({@link StreamReader}); the
 * entry id is the offset that broadcasts carry with connection state recovery on;</li>
 * <li>requests that wait for answers (broadcasts with acks, fetchSockets, serverSideEmit) go through
 * Pub/Sub as msgpack on {@code <key>#<nsp>#}, the answers on {@code <key>#<nsp>#<uid>#} (SPUBLISH with
 * {@code socketeer.redis.sharded}); the number of nodes is {@code PUBSUB NUMSUB} of the first;</li>
 * <li>a socket that leaves for a recoverable reason is SET under {@code <sessionKeyPrefix><pid>} with
 * {@code PX maxDisconnectionDuration}; {@link #restoreSession} takes it (GETDEL), checks that the
 * client's offset is still in the stream, and collects the broadcasts after it that were for the
 * socket's rooms, so a client recovers on any node.</li>
 * </ul>
 * A broadcast from this node reaches its own sockets once XADD has answered (with the offset), as in
 * the reference; if Redis does not answer within requestsTimeout, without offset.
 */
public class StreamsRedisAdapter extends ClusterAdapter implements RedisCluster.Listener {
    private static final Logger LOG = Logger.getLogger(StreamsRedisAdapter.class.getName());
    /** The reference's RESTORE_SESSION_MAX_XRANGE_CALLS. */
    static final int MAX_XRANGE_CALLS = 100;
    /** Entries read by one XRANGE of a restore. */
    static final int XRANGE_COUNT = 1000;
    /**
     * How long a session restored here stays at hand for the second restore of the same recovery
     * ({@code CatchUp}), which takes it: the first one took it out of Redis, as the reference's
     * GETDEL does.
     */
    static final long RESTORED_KEPT_MS = 10_000;

    private final RedisCluster cluster;
    private final RedisOptions.Streams streams;
    private final String publicChannel;
    private final String privateChannel;
    private final Map<String, Restored> restored = new ConcurrentHashMap<>();

    private record Restored(PersistedSession session, long until) {
    }

    StreamsRedisAdapter(AdapterHost nsp, RedisCluster cluster) {
        super(nsp, cluster.executor(), cluster.options().requestsTimeout());
        this.cluster = cluster;
        this.streams = cluster.options().streams();
        this.publicChannel = cluster.options().key() + "#" + nsp.name() + "#";
        this.privateChannel = publicChannel + uid() + "#";
    }

    @Override
    public void init() {
        if (cluster.options().sharded()) {
            cluster.ssubscribe(this, true, publicChannel, privateChannel);
        } else {
            cluster.subscribeChannels(this, publicChannel, privateChannel);
        }
        cluster.reader().add(nsp.name(), this);
    }

    @Override
    public void close() {
        cluster.reader().remove(nsp.name(), this);
        if (cluster.options().sharded()) {
            cluster.sunsubscribe(publicChannel, privateChannel);
        } else {
            cluster.unsubscribeChannels(publicChannel, privateChannel);
        }
        restored.clear();
        super.close();
    }

    @Override
    public boolean sessionAware() {
        return true;
    }

    // --- publishing ---

    @Override
    protected void doPublish(Map<String, Object> message) {
        publishAndReturnOffset(message);
    }

    @Override
    protected String publishAndReturnOffset(Map<String, Object> message) {
        if (StreamEntries.isEphemeral(message)) {
            publish(publicChannel, message, "a request to the other nodes");
            return null;
        }
        String what = "a cluster message (type " + message.get("type") + ")";
        try {
            return cluster.text().async()
                    .xadd(streams.streamName(), xaddArgs(streams.maxLen()),
                            StreamEntries.encode(message, nsp::toJson))
                    .get(cluster.options().requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            cluster.unsent(what, e);
            return null;
        }
    }

    /** {@code MAXLEN ~ <maxLen>}, as the reference's XADD. */
    static XAddArgs xaddArgs(long maxLen) {
        return XAddArgs.Builder.maxlen(maxLen).approximateTrimming();
    }

    @Override
    protected void doPublishResponse(String requesterUid, Map<String, Object> response) {
        publish(cluster.options().key() + "#" + nsp.name() + "#" + requesterUid + "#", response, "an answer to another node");
    }

    private void publish(String channel, Map<String, Object> message, String what) {
        byte[] payload = MsgPack.encode(message, nsp::toJson);
        if (cluster.options().sharded()) {
            cluster.spublish(channel, payload, what);
        } else {
            cluster.publish(channel, payload, what);
        }
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return cluster.options().sharded() ? cluster.shardSubscribers(publicChannel) : cluster.subscribers(publicChannel);
    }

    // --- receiving ---

    /** A request or an answer (Pub/Sub, msgpack). */
    @Override
    @SuppressWarnings("unchecked")
    public void onRedisMessage(String channel, byte[] message, boolean pattern) {
        Object decoded;
        try {
            decoded = MsgPack.decode(message);
        } catch (RuntimeException e) {
            return;
        }
        if (decoded instanceof Map<?, ?> m) {
            onMessage((Map<String, Object>) m);
        }
    }

    /** An entry of the stream (on the dispatch thread). */
    void onEntry(String id, Map<String, String> entry) {
        Map<String, Object> message = StreamEntries.decode(entry);
        if (message != null) {
            onMessage(message, id);
        }
    }

    // --- connection state recovery ---

    @Override
    public void persistSession(PersistedSession session) {
        Duration window = nsp.recoveryWindow();
        if (window == null) {
            return;
        }
        restored.remove(session.pid());
        String key = streams.sessionKeyPrefix() + session.pid();
        try {
            cluster.text().async().set(key, StreamEntries.encodeSession(session, nsp::toJson),
                    SetArgs.Builder.px(Math.max(1, window.toMillis()))).whenComplete((r, e) -> {
                        if (e != null) {
                            cluster.unsent("the session of " + session.sid(), e);
                        }
                    });
        } catch (RuntimeException e) {
            cluster.unsent("the session of " + session.sid(), e);
        }
    }

    /**
     * The session persisted under {@code pid} (by any node) with the broadcasts it missed after
     * {@code offset}; null when the offset is not an entry id, the session is not there (expired,
     * restored already) or the offset is no longer in the stream (trimmed by MAXLEN). Blocks while it
     * asks Redis. The session is taken out of Redis, as the reference does; the node that took it keeps
     * it at hand a little while (10 s) for the second restore of the same recovery, which takes it: a
     * third finds nothing.
     */
    @Override
    public CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
        if (pid == null || !StreamEntries.isOffset(offset)) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            RedisCommands<String, String> redis = cluster.text().sync();
            long now = System.nanoTime() / 1_000_000;
            restored.values().removeIf(r -> r.until() < now);
            Restored kept = restored.remove(pid);
            PersistedSession session;
            if (kept != null) {
                session = kept.session();
            } else {
                String raw = redis.getdel(streams.sessionKeyPrefix() + pid);
                session = raw == null ? null : StreamEntries.decodeSession(raw);
                if (session == null) {
                    return CompletableFuture.completedFuture(null);
                }
                restored.put(pid, new Restored(session, now + RESTORED_KEPT_MS));
            }
            if (redis.xrange(streams.streamName(), Range.create(offset, offset)).isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            List<Packet> missed = new ArrayList<>();
            String from = offset;
            for (int call = 0; call < MAX_XRANGE_CALLS; call++) {
                List<StreamMessage<String, String>> entries = redis.xrange(streams.streamName(),
                        Range.from(Range.Boundary.including(StreamEntries.nextOffset(from)), Range.Boundary.unbounded()),
                        io.lettuce.core.Limit.from(XRANGE_COUNT));
                for (StreamMessage<String, String> e : entries) {
                    Packet p = StreamEntries.missed(e.getId(), e.getBody(), nsp.name(), session.rooms());
                    if (p != null) {
                        missed.add(p);
                    }
                    from = e.getId();
                }
                if (entries.size() < XRANGE_COUNT) {
                    break;
                }
            }
            return CompletableFuture.completedFuture(new PersistedSession(session.sid(), session.pid(),
                    session.rooms(), session.data(), Collections.unmodifiableList(missed)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "restoring session " + pid + " failed", e);
            return CompletableFuture.failedFuture(e);
        }
    }
}
