package io.socketeer.it.client;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.parser.Packet;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;

/**
 * {@link TestClient} over the official Java client 1.0.2 (Socket.IO v2, Engine.IO v3), loaded by
 * {@link LegacyJavaClients} in a class loader of its own: compiled against the 2.1.2 client, it uses
 * only what both versions have with the same signatures. 1.0.2 has no catch-all listener, so events
 * are read from the manager's decoded packets; it cannot answer the server's acks from there, so
 * {@link #answerAcks} and the raw-connection operations are not supported. A namespace's auth
 * payload travels as its query, the way a v2 client sends it.
 */
public final class LegacyJavaTestClient implements TestClient {
    private final Socket socket;
    private final Manager manager;
    private final String transport;
    private final String nsp;
    private final Map<String, LinkedBlockingDeque<Received>> events = new ConcurrentHashMap<>();
    private final CompletableFuture<String> disconnectReason = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final AtomicInteger ackPackets = new AtomicInteger();
    private volatile String id;

    private LegacyJavaTestClient(Socket socket, String transport, String nsp) {
        this.socket = socket;
        this.manager = socket.io();
        this.transport = transport;
        this.nsp = nsp;
        manager.on("packet", a -> onPacket((Packet<?>) a[0]));
        manager.on("close", a -> closeReason.complete(a.length > 0 ? String.valueOf(a[0]) : ""));
        socket.on("disconnect", a -> disconnectReason.complete(a.length > 0 ? String.valueOf(a[0]) : ""));
    }

    private static IO.Options options(String transport, String path, Map<String, String> auth) {
        IO.Options opts = new IO.Options();
        opts.forceNew = true;
        opts.reconnection = false;
        opts.timeout = CONNECT_TIMEOUT.toMillis();
        opts.path = path;
        opts.transports = transport.split(",");
        if (!auth.isEmpty()) {
            StringBuilder q = new StringBuilder();
            auth.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            opts.query = q.toString();
        }
        return opts;
    }

    /** Called by {@link LegacyJavaClients} through reflection (this class lives in another loader). */
    public static TestClient connect(String transport, String origin, String path, String nsp, Map<String, String> auth) {
        Socket s;
        try {
            s = IO.socket(origin + nsp, options(transport, path, auth));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        return new LegacyJavaTestClient(s, transport, nsp).connect();
    }

    private LegacyJavaTestClient connect() {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once("connect", a -> outcome.complete(Boolean.TRUE));
        socket.once("error", a -> outcome.complete(new Object[] {a.length > 0 ? a[0] : null}));
        socket.once("connect_error", a -> outcome.completeExceptionally(
                new AssertionError(this + ": connection failed: " + (a.length > 0 ? a[0] : ""))));
        socket.connect();
        Object r;
        try {
            r = outcome.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            throw (AssertionError) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            close();
            throw new AssertionError(this + ": no connect within " + CONNECT_TIMEOUT.toMillis() + " ms", e);
        }
        if (r instanceof Object[] refused) {
            close();
            Object data = OrgJson.from(refused[0]);
            throw data instanceof String message ? new ConnectError(message, null) : new ConnectError(null, data);
        }
        id = socket.id();
        return this;
    }

    private void onPacket(Packet<?> p) {
        if (!nsp.equals(p.nsp)) {
            return;
        }
        if (p.type == 3 || p.type == 6) {
            ackPackets.incrementAndGet();
        }
        if ((p.type == 2 || p.type == 5) && p.data instanceof JSONArray a && a.length() > 0) {
            List<Object> args = new ArrayList<>();
            for (int i = 1; i < a.length(); i++) {
                args.add(OrgJson.from(a.opt(i)));
            }
            events.computeIfAbsent(String.valueOf(a.opt(0)), k -> new LinkedBlockingDeque<>())
                    .add(new Received(java.util.Collections.unmodifiableList(args), p.id >= 0));
        }
    }

    @Override
    public ClientKind kind() {
        return ClientKind.JAVA_V1;
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
    public TestClient socket(String otherNsp, Map<String, String> auth) {
        throw new UnsupportedOperationException("the 1.0.2 test client opens one namespace per connection");
    }

    @Override
    public void emit(String event, Object... args) {
        socket.emit(event, OrgJson.toArgs(args));
    }

    @Override
    public List<Object> emitWithAck(String event, Object... args) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, OrgJson.toArgs(args), (Ack) answer::complete);
        try {
            Object[] a = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<Object> out = new ArrayList<>();
            for (Object x : a) {
                out.add(OrgJson.from(x));
            }
            return java.util.Collections.unmodifiableList(out);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(this + ": no ack for " + event + " within " + TIMEOUT.toMillis()
                    + " ms (connected: " + socket.connected() + ")", e);
        }
    }

    @Override
    public void answerAcksAfter(String event, Duration delay, Object... answer) {
        throw new UnsupportedOperationException("the 1.0.2 test client does not answer acks");
    }

    @Override
    public void ignoreAcks(String event) {
        // it never answers them
    }

    @Override
    public Optional<Received> poll(String event, Duration wait) {
        try {
            return Optional.ofNullable(events.computeIfAbsent(event, k -> new LinkedBlockingDeque<>())
                    .poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public List<Received> drain(String event) {
        List<Received> out = new ArrayList<>();
        events.computeIfAbsent(event, k -> new LinkedBlockingDeque<>()).drainTo(out);
        return out;
    }

    @Override
    public String disconnectReason() {
        return await(disconnectReason);
    }

    @Override
    public String connectionCloseReason() {
        return await(closeReason);
    }

    private String await(CompletableFuture<String> f) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public boolean connectionClosed() {
        return closeReason.isDone();
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
        throw new UnsupportedOperationException("the 1.0.2 client does not expose its connection");
    }

    @Override
    public void sendRaw(String text) {
        throw new UnsupportedOperationException("the 1.0.2 client does not expose its connection");
    }

    @Override
    public void freeze(Duration period) {
        throw new UnsupportedOperationException("the 1.0.2 client cannot be frozen");
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "java v1 " + transport + " " + nsp + " " + id;
    }
}
