package io.socketeer.it.client;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import io.socket.thread.EventThread;
import io.socketeer.it.Endpoints;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * {@link TestClient} over the official Java client ({@code io.socket:socket.io-client} 2.1.2): one
 * Manager per connection ({@code forceNew}, no reconnection), events recorded with
 * {@code onAnyIncoming}. The client runs every callback on its one event thread.
 */
final class JavaTestClient implements TestClient {
    /**
     * The HTTP client of every socket. The Java client otherwise shares one OkHttpClient whose
     * dispatcher runs at most 5 requests per host (the held GETs of a few polling clients take every
     * slot and their POSTs wait forever) and keeps only 5 idle connections.
     */
    private static final OkHttpClient HTTP = http();
    /** Delays answers of {@link #answerAcksAfter}. */
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "java-test-client-later");
        t.setDaemon(true);
        return t;
    });

    private final Socket socket;
    private final Connection connection;
    private final String transport;
    private final String nsp;
    private final Map<String, BlockingQueue<Received>> events = new ConcurrentHashMap<>();
    private final Map<String, AckAnswer> ackAnswers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> disconnectReason = new CompletableFuture<>();
    private final AtomicInteger ackPackets = new AtomicInteger();
    private volatile String id;

    /** How the server's acknowledgements for an event are answered. */
    private record AckAnswer(Object[] args, Duration delay) {
    }

    /** One Manager: its sockets and how it closed. */
    private static final class Connection {
        final Manager manager;
        final List<JavaTestClient> sockets = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closeReason = new CompletableFuture<>();

        Connection(Manager manager) {
            this.manager = manager;
            manager.on(Manager.EVENT_CLOSE, a -> closeReason.complete(a.length > 0 ? String.valueOf(a[0]) : "close"));
        }
    }

    private static OkHttpClient http() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(500);
        dispatcher.setMaxRequestsPerHost(500);
        return new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(100, 1, TimeUnit.MINUTES)).build();
    }

    private JavaTestClient(Socket socket, Connection connection, String transport, String nsp) {
        this.socket = socket;
        this.connection = connection;
        this.transport = transport;
        this.nsp = nsp;
        connection.sockets.add(this);
        socket.onAnyIncoming(this::received);
        socket.on(Socket.EVENT_DISCONNECT, a -> disconnectReason.complete(a.length > 0 ? String.valueOf(a[0]) : ""));
        connection.manager.on(Manager.EVENT_PACKET, a -> {
            if (a.length > 0 && a[0] instanceof Packet<?> p && nsp.equals(p.nsp)
                    && (p.type == Parser.ACK || p.type == Parser.BINARY_ACK)) {
                ackPackets.incrementAndGet();
            }
        });
    }

    private static IO.Options options(String transport, Map<String, String> auth) {
        IO.Options opts = new IO.Options();
        opts.forceNew = true;
        opts.reconnection = false;
        opts.timeout = CONNECT_TIMEOUT.toMillis();
        opts.callFactory = HTTP;
        opts.webSocketFactory = HTTP;
        opts.transports = new String[] {transport};
        opts.auth = Map.copyOf(auth);
        return opts;
    }

    /** A new connection to {@code nsp}, connected. */
    static JavaTestClient connect(String transport, Endpoints endpoints, String nsp, Map<String, String> auth) {
        IO.Options opts = options(transport, auth);
        opts.path = endpoints.path();
        Socket s = IO.socket(URI.create(endpoints.origin() + nsp), opts);
        JavaTestClient c = new JavaTestClient(s, new Connection(s.io()), transport, nsp);
        return c.connectNow(true);
    }

    @Override
    public TestClient socket(String otherNsp, Map<String, String> auth) {
        Socket s = connection.manager.socket(otherNsp, options(transport, auth));
        return new JavaTestClient(s, connection, transport, otherNsp).connectNow(false);
    }

    /** Connects; on failure closes the connection too when this socket opened it. */
    private JavaTestClient connectNow(boolean ownConnection) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, a -> outcome.complete(Boolean.TRUE));
        socket.once(Socket.EVENT_CONNECT_ERROR, a -> outcome.complete(a.length > 0 ? a[0] : null));
        socket.connect();
        Object result;
        try {
            result = outcome.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            socket.close();
            throw new AssertionError("java " + transport + ": no connect to " + nsp + " within " + CONNECT_TIMEOUT.toMillis() + " ms");
        } catch (Exception e) {
            socket.close();
            throw new AssertionError("java " + transport + ": connect to " + nsp + " failed", e);
        }
        if (result == Boolean.TRUE) {
            id = socket.id();
            return this;
        }
        if (ownConnection) {
            close();
        } else {
            socket.close();
        }
        if (result instanceof JSONObject err) {
            Map<?, ?> m = (Map<?, ?>) OrgJson.from(err);
            throw new ConnectError((String) m.get("message"), m.get("data"));
        }
        throw new AssertionError("java " + transport + ": connect to " + nsp + " failed: " + result);
    }

    private void received(Object... all) {
        List<Object> args = new ArrayList<>(Arrays.asList(all));
        String event = String.valueOf(args.remove(0));
        Ack ack = null;
        if (!args.isEmpty() && args.get(args.size() - 1) instanceof Ack a) {
            ack = a;
            args.remove(args.size() - 1);
        }
        List<Object> values = new ArrayList<>(args.size());
        for (Object arg : args) {
            values.add(OrgJson.from(arg));
        }
        queue(event).add(new Received(Collections.unmodifiableList(values), ack != null));
        AckAnswer answer = ackAnswers.get(event);
        if (ack != null && answer != null) {
            Ack callback = ack;
            Object[] json = OrgJson.toArgs(answer.args());
            if (answer.delay().isZero()) {
                callback.call(json);
            } else {
                LATER.schedule(() -> callback.call(json), answer.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private BlockingQueue<Received> queue(String event) {
        return events.computeIfAbsent(event, k -> new LinkedBlockingQueue<>());
    }

    // --- TestClient

    @Override
    public ClientKind kind() {
        return ClientKind.JAVA;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String namespace() {
        return nsp;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean connected() {
        return socket.connected();
    }

    @Override
    public void emit(String event, Object... args) {
        socket.emit(event, OrgJson.toArgs(args));
    }

    @Override
    public List<Object> emitWithAck(String event, Object... args) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, OrgJson.toArgs(args), answer::complete);
        try {
            Object[] got = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Object> values = new ArrayList<>(got.length);
            for (Object o : got) {
                values.add(OrgJson.from(o));
            }
            return Collections.unmodifiableList(values);
        } catch (TimeoutException e) {
            throw new AssertionError(this + ": no ack for \"" + event + "\" within " + TIMEOUT.toMillis()
                    + " ms (connected: " + socket.connected() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public void answerAcksAfter(String event, Duration delay, Object... answer) {
        ackAnswers.put(event, new AckAnswer(answer.clone(), delay));
    }

    @Override
    public void ignoreAcks(String event) {
        ackAnswers.remove(event);
    }

    @Override
    public Optional<Received> poll(String event, Duration wait) {
        try {
            return Optional.ofNullable(queue(event).poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public List<Received> drain(String event) {
        List<Received> all = new ArrayList<>();
        queue(event).drainTo(all);
        return all;
    }

    @Override
    public String disconnectReason() {
        return await(disconnectReason, "a disconnect");
    }

    @Override
    public String connectionCloseReason() {
        return await(connection.closeReason, "the connection to close");
    }

    @Override
    public boolean connectionClosed() {
        return connection.closeReason.isDone();
    }

    private String await(CompletableFuture<String> f, String what) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(this + ": waited " + TIMEOUT.toMillis() + " ms for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public int ackPacketsReceived() {
        return ackPackets.get();
    }

    @Override
    public void disconnect() {
        socket.disconnect();
    }

    @Override
    public void dropConnection() {
        engine().close();
    }

    @Override
    public void sendRaw(String text) {
        engine().send(text);
    }

    /** The client's Engine.IO socket (the Manager keeps it in a package-private field). */
    private io.socket.engineio.client.Socket engine() {
        try {
            Field f = Manager.class.getDeclaredField("engine");
            f.setAccessible(true);
            return (io.socket.engineio.client.Socket) f.get(connection.manager);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot reach the Java client's engine", e);
        }
    }

    @Override
    public void freeze(Duration period) {
        if (EventThread.isCurrent()) {
            throw new IllegalStateException("freeze from the client's own event thread");
        }
        CountDownLatch done = new CountDownLatch(1);
        EventThread.exec(() -> {
            try {
                Thread.sleep(period.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(period.toMillis() + TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the Java client's event thread did not run the freeze");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (JavaTestClient c : connection.sockets) {
            try {
                c.socket.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }
    }

    @Override
    public String toString() {
        return "java " + transport + " " + nsp + " " + id;
    }
}
