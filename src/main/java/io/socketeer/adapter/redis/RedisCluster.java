package io.socketeer.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.adapter.Adapter;
import io.socketeer.adapter.AdapterFactory;
import io.socketeer.adapter.AdapterHost;
import io.socketeer.engineio.SendBatch;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's link to a Redis server, shared by the {@link RedisAdapter}s of all its namespaces:
 * one connection to publish, one subscribed, and one thread on which every message from the other
 * nodes is handled in the order Redis delivered it (the application's handlers may run there, so
 * Lettuce's I/O threads never wait for them). With the Streams adapter ({@link RedisOptions#streams}),
 * also a connection with text values (XADD, XRANGE, sessions) and the {@link StreamReader} (its own
 * connection and thread, blocking XREAD), whose entries join the same queue. Lettuce reconnects by
 * itself and subscribes again; while Redis is away, publishing fails at once and is logged.
 */
public final class RedisCluster implements AdapterFactory, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisCluster.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisOptions options;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> pub;
    private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
    private final ScheduledThreadPoolExecutor executor;
    /** Messages from Redis most handled as one dispatch (their frames written together). */
    private static final int BATCH = 64;
    /** Messages from Redis waiting for the dispatch thread, in the order Redis delivered them. */
    private final java.util.Queue<Runnable> inbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Channel (or pattern) to the adapter that subscribed it. */
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    /** True from a lost connection (or failed publish) until Redis is back: one log line each way. */
    private final AtomicBoolean down = new AtomicBoolean();
    /** Messages not sent to the other nodes during the current outage. */
    private final AtomicLong unsent = new AtomicLong();
    private volatile boolean closed;
    /** With the Streams adapter: commands with text values (XADD, XRANGE, sessions), and the XREAD loop. */
    private final StatefulRedisConnection<String, String> text;
    private final StreamReader reader;

    /** Connects; fails with a clear message when Redis cannot be reached. */
    public RedisCluster(RedisOptions options) {
        this.options = options;
        this.client = RedisClient.create(RedisURI.create(options.uri()));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                lost("connection lost");
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (down.compareAndSet(true, false)) {
                    LOG.log(Level.INFO, "Redis connection back ({0}): cluster traffic resumes; {1} message(s) "
                            + "to the other nodes were not sent while it was away",
                            new Object[] {options.uri(), unsent.getAndSet(0)});
                }
            }
        });
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "socketeer-redis");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        try {
            this.pub = client.connect(ByteArrayCodec.INSTANCE);
            this.sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
            if (options.streams() != null) {
                this.text = client.connect(io.lettuce.core.codec.StringCodec.UTF8);
                this.reader = new StreamReader(client, options.streams(), this::enqueue);
            } else {
                this.text = null;
                this.reader = null;
            }
        } catch (RuntimeException e) {
            client.shutdown();
            executor.shutdown();
            throw new IllegalStateException("socketeer.adapter=" + (options.streams() != null ? "redis-streams" : "redis")
                    + ": cannot connect to " + options.uri()
                    + ": " + e.getMessage(), e);
        }
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                dispatch(null, channel, message);
            }

            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
                dispatch(pattern, channel, message);
            }

            @Override
            public void smessage(byte[] channel, byte[] message) {
                dispatch(null, channel, message);
            }
        });
        LOG.log(Level.INFO, "Redis adapter connected to {0} (key {1}{2})", new Object[] {options.uri(), options.key(),
                options.streams() != null ? ", stream " + options.streams().streamName() : ""});
    }

    @Override
    public Adapter create(AdapterHost namespace) {
        if (options.streams() != null) {
            return new StreamsRedisAdapter(namespace, this);
        }
        return options.sharded() ? new ShardedRedisAdapter(namespace, this) : new RedisAdapter(namespace, this);
    }

    /** The connection for text commands (Streams adapter only). */
    StatefulRedisConnection<String, String> text() {
        return text;
    }

    /** The XREAD loop (Streams adapter only). */
    StreamReader reader() {
        return reader;
    }

    /** Subscribes channels (no pattern) to an adapter; waits until Redis confirmed them. */
    void subscribeChannels(Listener adapter, String... channels) {
        for (String c : channels) {
            listeners.put(c, adapter);
        }
        try {
            sub.async().subscribe(utf8(channels)).get(options.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Redis subscription of " + List.of(channels) + " not confirmed (Lettuce "
                    + "subscribes again when it reconnects)", e);
        }
    }

    /** Unsubscribes channels subscribed with {@link #subscribeChannels}. */
    void unsubscribeChannels(String... channels) {
        for (String c : channels) {
            listeners.remove(c);
        }
        if (sub.isOpen()) {
            sub.async().unsubscribe(utf8(channels));
        }
    }

    /** Counts a message that could not be sent to the other nodes (logged once per outage). */
    void unsent(String what, Throwable e) {
        unsent.incrementAndGet();
        lost(what + " not sent to the other nodes (" + e.getMessage() + ")");
    }

    /** What an adapter implements to receive the messages of the channels it subscribed. */
    interface Listener {
        /** A message on {@code channel}; {@code pattern}: it came through a pattern subscription. */
        void onRedisMessage(String channel, byte[] message, boolean pattern);
    }

    RedisOptions options() {
        return options;
    }

    ScheduledThreadPoolExecutor executor() {
        return executor;
    }

    /** A new random id (6 characters, as uid2(6) in the Node.js adapter). */
    static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, 6);
    }

    /** Subscribes an adapter's broadcast pattern and request/response channels; waits until done. */
    void subscribe(Listener adapter, String pattern, String... channels) {
        listeners.put(pattern, adapter);
        for (String c : channels) {
            listeners.put(c, adapter);
        }
        try {
            sub.async().psubscribe(utf8(pattern)).get(options.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
            sub.async().subscribe(utf8(channels)).get(options.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Redis subscription of " + pattern + " not confirmed (Lettuce subscribes "
                    + "again when it reconnects)", e);
        }
    }

    void unsubscribe(String pattern, String... channels) {
        listeners.remove(pattern);
        for (String c : channels) {
            listeners.remove(c);
        }
        if (sub.isOpen()) {
            sub.async().punsubscribe(utf8(pattern));
            sub.async().unsubscribe(utf8(channels));
        }
    }

    /**
     * Sharded subscriptions (SSUBSCRIBE) of channels to an adapter; {@code wait}: until Redis has
     * confirmed them (a namespace's fixed channels), else in the background (a room's channel).
     */
    void ssubscribe(Listener adapter, boolean wait, String... channels) {
        for (String c : channels) {
            listeners.put(c, adapter);
        }
        var done = sub.async().ssubscribe(utf8(channels));
        if (!wait) {
            return;
        }
        try {
            done.get(options.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Redis sharded subscription of " + List.of(channels) + " not confirmed (Lettuce "
                    + "subscribes again when it reconnects)", e);
        }
    }

    void sunsubscribe(String... channels) {
        for (String c : channels) {
            listeners.remove(c);
        }
        if (sub.isOpen()) {
            sub.async().sunsubscribe(utf8(channels));
        }
    }

    /** SPUBLISH; a failure is handled as {@link #publish}'s. */
    void spublish(String channel, byte[] message, String what) {
        send(() -> pub.async().spublish(utf8(channel), message), what);
    }

    /** The number of nodes subscribed to a sharded channel (PUBSUB SHARDNUMSUB). */
    CompletionStage<Integer> shardSubscribers(String channel) {
        try {
            return pub.async().pubsubShardNumsub(utf8(channel)).thenApply(m -> {
                for (Long n : m.values()) {
                    return n.intValue();
                }
                return 0;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[][] utf8(String... strings) {
        byte[][] bytes = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            bytes[i] = utf8(strings[i]);
        }
        return bytes;
    }

    private void dispatch(byte[] pattern, byte[] channel, byte[] message) {
        String key = new String(pattern != null ? pattern : channel, StandardCharsets.UTF_8);
        Listener adapter = listeners.get(key);
        if (adapter == null) {
            return;
        }
        String ch = new String(channel, StandardCharsets.UTF_8);
        enqueue(() -> {
            try {
                adapter.onRedisMessage(ch, message, pattern != null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "message from the cluster on " + ch + " ignored", e);
            }
        });
    }

    /** Runs {@code task} on the dispatch thread, after what came from Redis before it. */
    void enqueue(Runnable task) {
        inbox.add(task);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /**
     * Handles the messages waiting, up to {@link #BATCH} of them as one dispatch: a socket that gets
     * frames from several of them (a burst of broadcasts from another node) writes them together.
     */
    private void drain() {
        SendBatch.writeTogether(executor, () -> {
            Runnable next;
            for (int i = 0; i < BATCH && (next = inbox.poll()) != null; i++) {
                next.run();
            }
        });
        draining.set(false);
        if (!inbox.isEmpty() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Publishes; a failure (Redis away) is logged once per outage, with what was lost. */
    void publish(String channel, byte[] message, String what) {
        send(() -> pub.async().publish(utf8(channel), message), what);
    }

    /** Runs a publishing command; a failure counts as a message lost during an outage. */
    private void send(java.util.function.Supplier<CompletionStage<Long>> command, String what) {
        CompletionStage<Long> sent;
        try {
            sent = command.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((n, e) -> {
            if (e != null) {
                unsent.incrementAndGet();
                lost(what + " not sent to the other nodes (" + e.getMessage() + ")");
            }
        });
    }

    /** Logs the start of an outage once; what is lost meanwhile is counted and logged when it ends. */
    private void lost(String what) {
        if (!closed && down.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Redis unreachable ({0}): {1}; local clients are still served, messages to "
                    + "the other nodes are lost until the connection is back (Lettuce reconnects by itself)",
                    new Object[] {options.uri(), what});
        }
    }

    @Override
    public String unavailable() {
        if (closed) {
            return "Redis adapter closed";
        }
        return down.get() || !pub.isOpen() || !sub.isOpen() ? "Redis unreachable (" + options.uri() + ")" : null;
    }

    /** The number of nodes subscribed to a request channel (PUBSUB NUMSUB). */
    CompletionStage<Integer> subscribers(String channel) {
        try {
            return pub.async().pubsubNumsub(utf8(channel)).thenApply(m -> {
                for (Long n : m.values()) {
                    return n.intValue();
                }
                return 0;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (reader != null) {
                reader.close();
            }
            if (text != null) {
                text.close();
            }
            sub.close();
            pub.close();
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
