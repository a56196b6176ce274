package io.socketeer.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Streams adapter's reading side, as the reference's {@code startPolling}: a thread of its own
 * with a connection of its own, {@code XREAD BLOCK 5000 COUNT <readCount> STREAMS <stream> <last id>}
 * from {@code $} (what is appended from now on) in a loop; each entry of a namespace with an adapter
 * goes to that adapter on the cluster's dispatch thread, in stream order. While Redis is away it tries
 * again every 200 ms from the last id it read.
 */
final class StreamReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamReader.class.getName());
    static final long BLOCK_MS = 5000;

    private final RedisOptions.Streams options;
    private final Consumer<Runnable> dispatch;
    private final Map<String, StreamsRedisAdapter> adapters = new ConcurrentHashMap<>();
    private final Thread thread;
    private final StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;
    private String offset = "$";

    StreamReader(RedisClient client, RedisOptions.Streams options, Consumer<Runnable> dispatch) {
        this.options = options;
        this.dispatch = dispatch;
        this.connection = client.connect(StringCodec.UTF8);
        connection.setTimeout(Duration.ofMillis(BLOCK_MS + 10_000));
        this.thread = new Thread(this::run, "socketeer-redis-streams");
        thread.setDaemon(true);
        thread.start();
    }

    void add(String nsp, StreamsRedisAdapter adapter) {
        adapters.put(nsp, adapter);
    }

    void remove(String nsp, StreamsRedisAdapter adapter) {
        adapters.remove(nsp, adapter);
    }

    private void run() {
        while (!closed) {
            try {
                List<StreamMessage<String, String>> entries = connection.sync().xread(
                        XReadArgs.Builder.block(BLOCK_MS).count(options.readCount()),
                        XReadArgs.StreamOffset.from(options.streamName(), offset));
                if (entries == null) {
                    continue;
                }
                for (StreamMessage<String, String> e : entries) {
                    offset = e.getId();
                    Map<String, String> body = e.getBody();
                    String nsp = body.get("nsp");
                    StreamsRedisAdapter adapter = nsp == null ? null : adapters.get(nsp);
                    if (adapter != null) {
                        String id = e.getId();
                        dispatch.accept(() -> adapter.onEntry(id, body));
                    }
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.FINE, "XREAD on " + options.streamName() + " failed; again in 200 ms", e);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            connection.close();
        } catch (RuntimeException e) {
            // closing anyway
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
