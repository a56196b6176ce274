package io.socketeer.api.impl;

import io.socketeer.adapter.Adapter;
import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.LocalSocket;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.adapter.RequestTimeoutException;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.ConnectionListener;
import io.socketeer.api.ConnectionStateRecovery;
import io.socketeer.api.Instrumentation;
import io.socketeer.api.Namespace;
import io.socketeer.api.NamespaceMiddleware;
import io.socketeer.api.ParentNamespace;
import io.socketeer.api.ServerSideListener;
import io.socketeer.api.Socket;
import io.socketeer.engineio.EnginePacket;
import io.socketeer.engineio.Ids;
import io.socketeer.engineio.LifecycleLog;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A namespace: its sockets on this node, its adapter, the connect sequence. */
final class NamespaceImpl implements Namespace, AdapterHost, BroadcastTarget, DelegatingBroadcastOperator {
    private static final Logger LOG = Logger.getLogger(NamespaceImpl.class.getName());

    private final String name;
    private final SocketIoServerImpl server;
    private final ParentNamespaceImpl parent;
    private final List<NamespaceMiddleware> middleware = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<ServerSideListener>> serverSideListeners = new ConcurrentHashMap<>();
    /** Set when an empty child namespace was removed: a CONNECT that raced with it must look again. */
    private boolean removed;
    private final Map<String, SocketImpl> sockets = new ConcurrentHashMap<>();
    private final Map<String, Socket> socketsView = Collections.unmodifiableMap(sockets);
    /** Ids of sockets a CONNECT is recovering right now: a second CONNECT with the same pid gets a new socket. */
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();
    private final AtomicLong ackIds = new AtomicLong();
    private final Adapter adapter;
    private final BroadcastOperatorImpl all;

    NamespaceImpl(String name, SocketIoServerImpl server, ParentNamespaceImpl parent) {
        this.name = name;
        this.server = server;
        this.parent = parent;
        this.adapter = server.adapterFactory().create(this);
        this.all = new BroadcastOperatorImpl(this, Set.of(), Set.of(), BroadcastFlags.NONE);
        adapter.init();
    }

    /** Refuses reserved event names, as the reference server does. */
    static void checkEventName(String event) {
        if (event == null || Packet.RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
    }

    @Override
    public SocketIoServerImpl server() {
        return server;
    }

    /**
     * A client asks to join: runs the middleware (the parent's, this namespace's, then the
     * {@code @OnHandshake} observers), then connects the socket or answers CONNECT_ERROR. Returns
     * false when this child namespace was removed meanwhile (the caller looks the name up again).
     * With connection state recovery, a CONNECT whose auth names a kept session gets that socket
     * back (and skips the middleware when {@code skipMiddlewares}).
     */
    boolean add(Client client, Map<String, Object> auth) {
        // a Socket.IO v2 client cannot recover a session
        ConnectionStateRecovery recovery = client.protocol() == 3 ? null : server.options().connectionStateRecovery();
        PersistedSession restored = recovery == null ? null : restore(auth);
        if (restored == null) {
            return add(client, auth, recovery, null);
        }
        try {
            return add(client, auth, recovery, restored);
        } finally {
            recovering.remove(restored.sid());
        }
    }

    private boolean add(Client client, Map<String, Object> auth, ConnectionStateRecovery recovery,
                        PersistedSession restored) {
        HandshakeImpl handshake = new HandshakeImpl(client.request(), auth);
        SocketImpl socket;
        if (restored != null) {
            // as the reference server's Socket constructor: same id, private id, data and rooms
            socket = new SocketImpl(this, client, handshake, restored, (String) auth.get("offset"));
            socket.join(restored.rooms());
        } else {
            socket = new SocketImpl(socketId(client), recovery == null ? null : Ids.next(), this, client, handshake);
        }
        HandshakeContextImpl hs = new HandshakeContextImpl(socket);
        if (restored == null || !recovery.skipMiddlewares()) {
            if (parent != null) {
                runMiddleware(parent.middleware(), hs);
            }
            runMiddleware(middleware, hs);
            if (!hs.rejected()) {
                server.handlers().handshake(hs);
            }
        }
        if (!client.isOpen()) {
            socket.abandon();
            return true;
        }
        if (hs.rejected()) {
            LifecycleLog.log("connect_error", "sid", client.sid(), "nsp", name, "message", hs.message());
            socket.abandon();
            Object error;
            if (client.protocol() == 3) {
                // a Socket.IO v2 client gets the data, or else the message, as the reference server sends it
                error = hs.data() != null ? hs.data() : hs.message();
            } else {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("message", hs.message());
                if (hs.data() != null) {
                    e.put("data", hs.data());
                }
                error = e;
            }
            client.write(encode(Packet.connectError(name, error)), false);
            return true;
        }
        synchronized (this) {
            if (removed) {
                socket.abandon();
                return false;
            }
            sockets.put(socket.id(), socket);
        }
        socket.onConnect();
        client.added(name, socket);
        Instrumentation watcher = server.instrumentation();
        if (watcher != null) {
            watcher.socketConnected(socket, client.sid());
        }
        if (parent != null) {
            notifyConnection(parent.connectionListeners(), socket);
        }
        notifyConnection(connectionListeners, socket);
        server.handlers().connected(socket);
        return true;
    }

    /**
     * A new socket's id: random, except for a Socket.IO v2 client, whose socket id is the Engine.IO
     * session id ({@code /nsp#sid} outside the main namespace): that client computes it itself.
     */
    private String socketId(Client client) {
        if (client.protocol() == 3) {
            return "/".equals(name) ? client.sid() : name + "#" + client.sid();
        }
        return Ids.next();
    }

    /**
     * The session a CONNECT's {@code auth} asks to recover ({@code pid} and {@code offset}, both
     * strings, as the reference client sends them), or null: none kept, expired, an unknown offset, or
     * its socket is connected again already or being recovered by another CONNECT (then it is marked
     * {@link #recovering} until {@code add} ends). Waits for the adapter's answer.
     */
    private PersistedSession restore(Map<String, Object> auth) {
        if (!(auth.get("pid") instanceof String pid) || !(auth.get("offset") instanceof String offset)) {
            return null;
        }
        PersistedSession session;
        try {
            session = adapter.restoreSession(pid, offset).toCompletableFuture().join();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "restoring a session failed", e);
            return null;
        }
        if (session == null) {
            return null;
        }
        if (!recovering.add(session.sid())) {
            LOG.log(Level.FINE, "socket {0} is being recovered already", session.sid());
            return null;
        }
        if (sockets.containsKey(session.sid())) {
            recovering.remove(session.sid());
            LOG.log(Level.FINE, "socket {0} is connected: not recovered again", session.sid());
            return null;
        }
        return session;
    }

    private static void runMiddleware(List<NamespaceMiddleware> chain, HandshakeContextImpl hs) {
        for (NamespaceMiddleware m : chain) {
            if (hs.rejected()) {
                return;
            }
            try {
                m.handle(hs);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "namespace middleware failed", e);
                hs.reject(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private static void notifyConnection(List<ConnectionListener> listeners, SocketImpl socket) {
        for (ConnectionListener l : listeners) {
            try {
                l.onConnection(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener failed", e);
            }
        }
    }

    void remove(SocketImpl socket) {
        sockets.remove(socket.id(), socket);
        if (parent != null && server.options().cleanupEmptyChildNamespaces()) {
            synchronized (this) {
                if (!sockets.isEmpty() || removed) {
                    return;
                }
                removed = true;
            }
            server.removeChild(this);
        }
    }

    ParentNamespaceImpl parentImpl() {
        return parent;
    }

    // --- AdapterHost ---

    @Override
    public String name() {
        return name;
    }

    @Override
    public LocalSocket localSocket(String id) {
        return sockets.get(id);
    }

    @Override
    public List<EnginePacket> encode(Packet packet) {
        return server.encoder().encode(packet);
    }

    @Override
    public long nextAckId() {
        return ackIds.getAndIncrement();
    }

    @Override
    public java.time.Duration recoveryWindow() {
        ConnectionStateRecovery recovery = server.options().connectionStateRecovery();
        return recovery == null ? null : recovery.maxDisconnectionDuration();
    }

    @Override
    public void roomJoined(String room, String socketId) {
        Instrumentation watcher = server.instrumentation();
        if (watcher != null) {
            watcher.roomJoined(this, room, socketId);
        }
    }

    @Override
    public void roomLeft(String room, String socketId) {
        Instrumentation watcher = server.instrumentation();
        if (watcher != null) {
            watcher.roomLeft(this, room, socketId);
        }
    }

    @Override
    public String toJson(Object value) {
        return server.mapper().toJson(value);
    }

    @Override
    public void onServerSideEmit(List<Object> packet, java.util.function.Consumer<Object> answer) {
        if (packet.isEmpty() || !(packet.get(0) instanceof String event)) {
            return;
        }
        ServerSideEventImpl ev = new ServerSideEventImpl(this, event,
                new ArgumentsImpl(packet.subList(1, packet.size()), server.mapper()), answer);
        for (ServerSideListener l : serverSideListeners.getOrDefault(event, List.of())) {
            try {
                l.onEvent(ev);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener of server-side event " + event + " failed", e);
            }
        }
        server.handlers().serverSideEvent(ev);
    }

    // --- Namespace ---

    @Override
    public Map<String, Socket> sockets() {
        return socketsView;
    }

    /** Connected sockets (for metrics). */
    int socketCount() {
        return sockets.size();
    }

    /** Rooms on this node, without the sockets' own rooms (for metrics). */
    int roomCount() {
        int n = 0;
        for (String room : adapter.rooms()) {
            if (!sockets.containsKey(room)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Adapter adapter() {
        return adapter;
    }

    @Override
    public Namespace use(NamespaceMiddleware m) {
        middleware.add(m);
        return this;
    }

    @Override
    public Namespace onConnection(ConnectionListener listener) {
        connectionListeners.add(listener);
        return this;
    }

    @Override
    public Optional<ParentNamespace> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public void serverSideEmit(String event, Object... args) {
        adapter.serverSideEmit(serverSidePacket(event, args));
    }

    @Override
    public CompletionStage<List<Arguments>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
        return adapter.serverSideEmitWithAck(serverSidePacket(event, args), timeout).handle((answers, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : error;
            if (cause instanceof RequestTimeoutException t) {
                server.ackTimedOut();
                throw new AckTimeoutException(t.getMessage(), arguments(t.answers()));
            }
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
            }
            return arguments(answers);
        });
    }

    @Override
    public Namespace on(String event, ServerSideListener listener) {
        serverSideListeners.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(listener);
        return this;
    }

    private List<Arguments> arguments(List<List<Object>> answers) {
        List<Arguments> out = new java.util.ArrayList<>(answers.size());
        for (List<Object> a : answers) {
            out.add(new ArgumentsImpl(a, server.mapper()));
        }
        return List.copyOf(out);
    }

    private static List<Object> serverSidePacket(String event, Object[] args) {
        checkEventName(event);
        List<Object> packet = new java.util.ArrayList<>(args.length + 1);
        packet.add(event);
        packet.addAll(java.util.Arrays.asList(args));
        return packet;
    }

    @Override
    public BroadcastOperator all() {
        return all;
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
