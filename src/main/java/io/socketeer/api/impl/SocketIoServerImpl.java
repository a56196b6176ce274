package io.socketeer.api.impl;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.adapter.SessionAwareAdapter;
import io.socketeer.api.AllowRequestContext;
import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.ConnectionStateRecovery;
import io.socketeer.api.Instrumentation;
import io.socketeer.api.Namespace;
import io.socketeer.api.NamespaceMatcher;
import io.socketeer.api.ParentNamespace;
import io.socketeer.api.ServerMetrics;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.api.SocketIoServer;
import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.EngineMetrics;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineRequest;
import io.socketeer.engineio.EngineServer;
import io.socketeer.engineio.EngineSession;
import io.socketeer.parser.PacketEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The Socket.IO server over an {@link EngineServer}: namespaces, clients, encoding, and the
 * handlers that receive the application events.
 *
 * <pre>{@code
 * SocketIoServerImpl io = new SocketIoServerImpl(options, scheduler, handlers, new JsonbMapper(), AdapterFactory.IN_MEMORY);
 * // the container layer hands requests to io.engine()
 * }</pre>
 */
public final class SocketIoServerImpl implements SocketIoServer, DelegatingBroadcastOperator {
    private static final Logger LOG = Logger.getLogger(SocketIoServerImpl.class.getName());
    private final SocketIoOptions options;
    private final ScheduledExecutorService scheduler;
    private final Handlers handlers;
    private final JsonMapper mapper;
    private final AdapterFactory adapterFactory;
    private final PacketEncoder encoder;
    private final EngineServer engine;
    private final Map<String, NamespaceImpl> namespaces = new ConcurrentHashMap<>();
    private final Map<String, ParentNamespaceImpl> parents = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>());
    private final java.util.concurrent.atomic.AtomicInteger predicateParents = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether new namespaces are announced to the handlers yet (see {@link #ready}). */
    private volatile boolean ready;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final long startedAt = System.nanoTime();
    private final LongAdder ackTimeouts = new LongAdder();
    private final NamespaceImpl main;
    private final List<Consumer<AllowRequestContext>> allowRequestHooks =
            new CopyOnWriteArrayList<>();
    /** What watches the server (the admin UI), or null: then no hook costs anything. */
    private volatile Instrumentation instrumentation;

    public SocketIoServerImpl(SocketIoOptions options, ScheduledExecutorService scheduler, Handlers handlers,
                              JsonMapper mapper, AdapterFactory adapterFactory) {
        this.options = options;
        this.scheduler = scheduler;
        this.handlers = handlers;
        this.mapper = mapper;
        this.adapterFactory = sessionAware(options.connectionStateRecovery(), adapterFactory, scheduler);
        this.encoder = new PacketEncoder(mapper::toJson);
        this.engine = new EngineServer(options.engine(), scheduler);
        this.engine.onConnection(this::onConnection);
        this.engine.allowRequest(this::refusal);
        this.main = (NamespaceImpl) of("/");
        for (String nsp : options.namespaces()) {
            if (nsp.startsWith("^")) {
                of(Pattern.compile(nsp));
            } else {
                of(nsp);
            }
        }
    }

    /**
     * With connection state recovery on, the in-memory adapter is the session-aware one, as in the
     * reference server ({@code opts.adapter || SessionAwareAdapter}); another adapter is kept as it is
     * (one that keeps no sessions, such as the classic Redis adapter, then recovers nothing).
     */
    private static AdapterFactory sessionAware(ConnectionStateRecovery recovery, AdapterFactory factory,
                                               ScheduledExecutorService scheduler) {
        if (recovery == null || factory != AdapterFactory.IN_MEMORY) {
            return factory;
        }
        return nsp -> new SessionAwareAdapter(nsp, recovery.maxDisconnectionDuration(), scheduler);
    }

    @Override
    public SocketIoServer allowRequest(Consumer<AllowRequestContext> hook) {
        allowRequestHooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** The {@code allowRequest} hooks, then observers, for a handshake: null, or why it is refused. */
    private String refusal(EngineRequest request) {
        if (allowRequestHooks.isEmpty() && handlers == Handlers.NONE) {
            return null;
        }
        AllowRequestContextImpl context = new AllowRequestContextImpl(request);
        for (Consumer<AllowRequestContext> hook : allowRequestHooks) {
            try {
                hook.accept(context);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "allowRequest hook failed: the request is refused", e);
                context.refuse("Forbidden");
            }
            if (context.refused()) {
                return context.refusal();
            }
        }
        handlers.allowRequest(context);
        return context.refusal();
    }

    private void onConnection(EngineSession session) {
        Instrumentation i = instrumentation;
        if (i != null) {
            i.connectionOpened(session.id(), session.transportName());
        }
        Client client = new Client(this, session);
        clients.add(client);
        session.listener(client);
        client.start();
    }

    /** The Engine.IO server that the transports feed. */
    public EngineServer engine() {
        return engine;
    }

    /** An emit's ack timeout passed (counted for {@link #metrics}). */
    void ackTimedOut() {
        ackTimeouts.increment();
    }

    @Override
    public ServerMetrics metrics() {
        int polling = 0;
        int websocket = 0;
        for (EngineSession s : engine.sessions()) {
            if (EngineOptions.WEBSOCKET.equals(s.transportName())) {
                websocket++;
            } else {
                polling++;
            }
        }
        Map<String, Integer> sockets = new TreeMap<>();
        Map<String, Integer> rooms = new TreeMap<>();
        for (NamespaceImpl n : namespaces.values()) {
            sockets.put(n.name(), n.socketCount());
            rooms.put(n.name(), n.roomCount());
        }
        EngineMetrics m = engine.metrics();
        Map<String, Long> errors = new TreeMap<>();
        for (EngineError e : EngineError.values()) {
            errors.put(Integer.toString(e.code()), m.refusedWith(e));
        }
        return new ServerMetrics(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), polling + websocket,
                polling, websocket, m.sessionsOpened(), sockets, rooms, m.messagesIn(), m.bytesIn(), m.messagesOut(),
                m.bytesOut(), errors, ackTimeouts.sum(), adapterFactory.unavailable());
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Sets what watches this server ({@link Instrumentation}; the admin UI): once, before clients
     * connect (connections opened before only partly reach it). Every namespace that exists is
     * announced to it at once, later ones as they are created.
     *
     * <pre>{@code server.instrument(adminUi);}</pre>
     */
    public void instrument(Instrumentation watcher) {
        synchronized (parents) {
            if (instrumentation != null) {
                throw new IllegalStateException("the server is instrumented already");
            }
            instrumentation = Objects.requireNonNull(watcher, "watcher");
        }
        for (NamespaceImpl nsp : List.copyOf(namespaces.values())) {
            watcher.namespaceCreated(nsp);
        }
    }

    /** What watches this server, or null (the default). */
    Instrumentation instrumentation() {
        return instrumentation;
    }

    Handlers handlers() {
        return handlers;
    }

    JsonMapper mapper() {
        return mapper;
    }

    PacketEncoder encoder() {
        return encoder;
    }

    AdapterFactory adapterFactory() {
        return adapterFactory;
    }

    /** An existing namespace, or null. */
    NamespaceImpl namespace(String name) {
        return namespaces.get(name);
    }

    /**
     * The namespace a CONNECT asks for: an existing one, or a new child of the first dynamic namespace
     * that accepts the name; null when none does ("Invalid namespace").
     */
    NamespaceImpl namespaceFor(String name, Map<String, Object> auth) {
        NamespaceImpl existing = namespaces.get(name);
        if (existing != null) {
            return existing;
        }
        List<ParentNamespaceImpl> candidates;
        synchronized (parents) {
            candidates = List.copyOf(parents.values());
        }
        for (ParentNamespaceImpl parent : candidates) {
            boolean match;
            try {
                match = parent.matches(name, auth);
            } catch (RuntimeException e) {
                match = false;
            }
            if (match) {
                return createNamespace(name, parent);
            }
        }
        return null;
    }

    private NamespaceImpl createNamespace(String name, ParentNamespaceImpl parent) {
        boolean[] created = {false};
        NamespaceImpl nsp = namespaces.computeIfAbsent(name, k -> {
            created[0] = true;
            return new NamespaceImpl(k, this, parent);
        });
        if (created[0]) {
            if (parent != null) {
                parent.addChild(nsp);
            }
            Instrumentation i = instrumentation;
            if (i != null) {
                i.namespaceCreated(nsp);
            }
            if (ready) {
                handlers.namespaceCreated(nsp);
            }
        }
        return nsp;
    }

    /**
     * The application is up: handlers are told of the namespaces that exist, and from now on of each
     * new one (once; later calls do nothing). Before that, a handler could reach a server still being
     * built, or a bean still being injected.
     */
    public void ready() {
        synchronized (parents) {
            if (ready) {
                return;
            }
            ready = true;
        }
        for (NamespaceImpl nsp : List.copyOf(namespaces.values())) {
            handlers.namespaceCreated(nsp);
        }
    }

    /** An empty child namespace goes away (option cleanupEmptyChildNamespaces). */
    void removeChild(NamespaceImpl child) {
        if (namespaces.remove(child.name(), child)) {
            child.parentImpl().removeChild(child);
            child.adapter().close();
        }
    }

    void removeClient(Client client) {
        clients.remove(client);
    }

    /**
     * Shuts down: every socket disconnects with reason {@code server shutting down}, every
     * connection closes, adapters close.
     */
    public void close() {
        for (Client c : List.copyOf(clients)) {
            c.shutdown();
        }
        engine.closeAll();
        for (NamespaceImpl n : namespaces.values()) {
            n.adapter().close();
        }
    }

    // --- SocketIoServer ---

    @Override
    public Namespace of(String name) {
        return createNamespace(name.startsWith("/") ? name : "/" + name, null);
    }

    @Override
    public ParentNamespace of(Pattern names) {
        synchronized (parents) {
            return parents.computeIfAbsent(names.pattern(),
                    k -> new ParentNamespaceImpl(k, (n, auth) -> names.matcher(n).matches()));
        }
    }

    @Override
    public ParentNamespace of(Predicate<String> names) {
        return of((NamespaceMatcher) (n, auth) -> names.test(n));
    }

    @Override
    public ParentNamespace of(NamespaceMatcher matcher) {
        String name = "/_" + predicateParents.getAndIncrement();
        ParentNamespaceImpl parent = new ParentNamespaceImpl(name, matcher);
        parents.put(name, parent);
        return parent;
    }

    @Override
    public void serverSideEmit(String event, Object... args) {
        main.serverSideEmit(event, args);
    }

    @Override
    public CompletionStage<List<Arguments>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
        return main.serverSideEmitWithAck(timeout, event, args);
    }

    @Override
    public Namespace sockets() {
        return main;
    }

    @Override
    public Set<String> namespaces() {
        return Set.copyOf(namespaces.keySet());
    }

    @Override
    public SocketIoOptions options() {
        return options;
    }

    @Override
    public int connectionCount() {
        return engine.sessionCount();
    }

    @Override
    public BroadcastOperator all() {
        return main;
    }
}
