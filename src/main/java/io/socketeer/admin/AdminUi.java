package io.socketeer.admin;

import io.socketeer.adapter.Adapter;
import io.socketeer.adapter.InMemoryAdapter;
import io.socketeer.adapter.SessionAwareAdapter;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.DisconnectReason;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Instrumentation;
import io.socketeer.api.Namespace;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.Socket;
import io.socketeer.api.impl.SocketIoServerImpl;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server side of the Socket.IO Admin UI (npm {@code @socket.io/admin-ui} 0.5's
 * {@code instrument(io, options)}): the dashboard connects to a namespace of this server
 * ({@code /admin} by default) as it does to a Node.js server, logs in (a bcrypt hash, or no
 * authentication), and gets:
 * <ul>
 *   <li>{@code session} (a session id it sends back as {@code auth.sessionId} when it reconnects),
 *       {@code config} ({@code supportedFeatures}) and, in development mode, {@code all_sockets};</li>
 *   <li>{@code server_stats} every 2 s: {@code serverId}, {@code hostname}, {@code pid},
 *       {@code uptime}, {@code clientsCount}, {@code pollingClientsCount}, {@code aggregatedEvents}
 *       (connections, disconnections, packets and bytes in and out per second),
 *       {@code namespaces} ({@code name}, {@code socketsCount}), plus {@code memoryUsage} (the
 *       JVM's heap: not in the reference, the dashboard ignores it);</li>
 *   <li>in development mode: {@code socket_connected}, {@code socket_updated} (transport upgrade),
 *       {@code socket_disconnected}, {@code room_joined}, {@code room_left}, {@code event_received},
 *       {@code event_sent}, with the reference's arguments;</li>
 * </ul>
 * and runs its actions, unless read-only: {@code emit}, {@code join}, {@code leave},
 * {@code _disconnect} (namespace, argument, optional filter room: a socket id for one socket).
 *
 * <pre>{@code
 * AdminUi admin = AdminUi.instrument(server, new AdminUiOptions("/admin", "admin", "$2a$10$...",
 *         "development", false, null), scheduler);
 * ...
 * admin.close();
 * }</pre>
 */
public final class AdminUi implements Instrumentation, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AdminUi.class.getName());
    /** Milliseconds between two {@code server_stats}, as the reference. */
    static final long STATS_INTERVAL_MS = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocketIoServerImpl server;
    private final AdminUiOptions options;
    private final Namespace admin;
    private final Clock clock;
    private final EventBuffer events;
    /** Sessions of dashboards that logged in (the reference's {@code InMemoryStore}). */
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    /** Session ids to hand to sockets that logged in, once connected. */
    private final Map<String, String> newSessions = new ConcurrentHashMap<>();
    /** Connections on long-polling: the reference's {@code _pollingClientsCount}. */
    private final Set<String> polling = ConcurrentHashMap.newKeySet();
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<String> supportedFeatures;
    private final Map<String, Object> baseStats;
    /** Whether the admin namespace's adapter is one of this node only: nobody elsewhere watches. */
    private final boolean localOnly;
    private volatile ScheduledFuture<?> statsTimer;

    private AdminUi(SocketIoServerImpl server, AdminUiOptions options, Clock clock) {
        this.server = server;
        this.options = options;
        this.clock = clock;
        this.events = new EventBuffer(clock);
        this.admin = server.of(options.namespace());
        Adapter adapter = admin.adapter();
        this.localOnly = adapter.getClass() == InMemoryAdapter.class || adapter.getClass() == SessionAwareAdapter.class;
        List<String> features = new ArrayList<>();
        if (!options.readonly()) {
            features.addAll(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT"));
        }
        features.add("AGGREGATED_EVENTS");
        if (options.development()) {
            features.add("ALL_EVENTS");
        }
        this.supportedFeatures = List.copyOf(features);
        String hostname = hostname();
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("serverId", options.serverId() != null ? options.serverId() : hostname);
        base.put("hostname", hostname);
        base.put("pid", ProcessHandle.current().pid());
        this.baseStats = Map.copyOf(base);
    }

    /**
     * Instruments {@code server} for the dashboard: creates the admin namespace with its
     * authentication and actions, watches the server ({@link SocketIoServerImpl#instrument}) and
     * sends {@code server_stats} every 2 s on {@code scheduler} until {@link #close}.
     */
    public static AdminUi instrument(SocketIoServerImpl server, AdminUiOptions options,
                                     ScheduledExecutorService scheduler) {
        return instrument(server, options, scheduler, Clock.systemUTC());
    }

    static AdminUi instrument(SocketIoServerImpl server, AdminUiOptions options, ScheduledExecutorService scheduler,
                              Clock clock) {
        AdminUi ui = new AdminUi(server, options, clock);
        if (options.authenticated()) {
            ui.admin.use(ui::authenticate);
        } else {
            LOG.warning("Admin UI on " + options.namespace() + " without authentication: anyone who reaches the "
                    + "server can watch it" + (options.readonly() ? "" : " and disconnect its clients"));
        }
        ui.admin.onConnection(ui::onAdminConnection);
        server.instrument(ui);
        ui.statsTimer = scheduler.scheduleAtFixedRate(ui::emitStats, 0, STATS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        LOG.info("Admin UI on namespace " + options.namespace() + " (" + options.mode()
                + (options.readonly() ? ", read-only" : "") + (options.authenticated() ? ", basic authentication" : "")
                + ")");
        return ui;
    }

    /** The options in force. */
    public AdminUiOptions options() {
        return options;
    }

    /** Stops the stats; the namespace stays (the server is closing). */
    @Override
    public void close() {
        ScheduledFuture<?> t = statsTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    // --- the dashboard's side ---

    /** The reference's basic authentication: a known session id, or the username and the password's hash. */
    private void authenticate(HandshakeContext hs) {
        Map<String, Object> auth = hs.auth();
        if (auth.get("sessionId") instanceof String sessionId && sessions.contains(sessionId)) {
            return;
        }
        if (options.username().equals(auth.get("username")) && auth.get("password") instanceof String password
                && Bcrypt.check(password, options.passwordHash())) {
            String sessionId = HexFormat.of().formatHex(randomBytes(8));
            sessions.add(sessionId);
            newSessions.put(hs.socket().id(), sessionId);
            return;
        }
        hs.reject("invalid credentials");
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private void onAdminConnection(Socket socket) {
        String sessionId = newSessions.remove(socket.id());
        if (sessionId != null) {
            socket.emit("session", sessionId);
        }
        if (!options.readonly()) {
            registerActions(socket);
        }
        socket.emit("config", Map.of("supportedFeatures", supportedFeatures));
        if (options.development()) {
            allSockets().thenAccept(all -> socket.emit("all_sockets", all)).exceptionally(e -> {
                LOG.log(Level.WARNING, "Admin UI: listing the sockets failed", e);
                return null;
            });
        }
    }

    /** Every socket of every namespace, as {@code fetchSockets} finds them (on every node). */
    private CompletableFuture<List<Map<String, Object>>> allSockets() {
        List<CompletableFuture<List<Map<String, Object>>>> parts = new ArrayList<>();
        for (Namespace nsp : liveNamespaces()) {
            parts.add(nsp.fetchSockets().toCompletableFuture().thenApply(sockets -> {
                List<Map<String, Object>> out = new ArrayList<>(sockets.size());
                for (RemoteSocket s : sockets) {
                    out.add(SocketSerializer.serialize(s, nsp.name()));
                }
                return out;
            }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Map<String, Object>> all = new ArrayList<>();
            for (CompletableFuture<List<Map<String, Object>>> p : parts) {
                all.addAll(p.join());
            }
            return all;
        });
    }

    /** {@code emit}, {@code join}, {@code leave}, {@code _disconnect}: as the reference with socket.io 4. */
    private void registerActions(Socket socket) {
        socket.on("emit", ev -> act(ev, (nsp, target) -> {
            if (!(ev.arg(2) instanceof String event)) {
                return;
            }
            List<Object> args = ev.args().list();
            target.emit(event, args.subList(3, args.size()).toArray());
        }));
        socket.on("join", ev -> act(ev, (nsp, target) -> {
            if (ev.arg(1) instanceof String room) {
                target.socketsJoin(room);
            }
        }));
        socket.on("leave", ev -> act(ev, (nsp, target) -> {
            if (ev.arg(1) instanceof String room) {
                target.socketsLeave(room);
            }
        }));
        socket.on("_disconnect", ev -> act(ev, (nsp, target) -> target.disconnectSockets(Boolean.TRUE.equals(ev.arg(1)))));
    }

    private interface Action {
        void run(Namespace nsp, BroadcastOperator target);
    }

    /**
     * Runs an action on the namespace named by the first argument (one that exists: the reference
     * would create it), restricted to the room in {@code filter} (the third argument) when there is one.
     */
    private void act(EventContext ev, Action action) {
        List<Object> args = ev.args().list();
        if (args.isEmpty() || !(args.get(0) instanceof String name) || !server.namespaces().contains(name)) {
            return;
        }
        Namespace nsp = server.of(name);
        Object filter = "emit".equals(ev.event()) ? (args.size() > 1 ? args.get(1) : null)
                : (args.size() > 2 ? args.get(2) : null);
        BroadcastOperator target = filter instanceof String room && !room.isEmpty() ? nsp.in(room) : nsp;
        try {
            action.run(nsp, target);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Admin UI: " + ev.event() + " on " + name + " failed", e);
        }
    }

    // --- server stats ---

    private void emitStats() {
        try {
            List<Map<String, Object>> aggregated = events.valuesAndClear();
            if (localOnly && admin.sockets().isEmpty()) {
                return;
            }
            admin.emit("server_stats", stats(aggregated));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Admin UI: server_stats failed", e);
        }
    }

    Map<String, Object> stats(List<Map<String, Object>> aggregated) {
        Map<String, Object> stats = new LinkedHashMap<>(baseStats);
        stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        stats.put("clientsCount", server.connectionCount());
        stats.put("pollingClientsCount", polling.size());
        stats.put("aggregatedEvents", aggregated);
        List<Map<String, Object>> nsps = new ArrayList<>();
        for (Namespace nsp : liveNamespaces()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", nsp.name());
            n.put("socketsCount", nsp.sockets().size());
            nsps.add(n);
        }
        stats.put("namespaces", nsps);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heapUsed", heap.getUsed());
        memory.put("heapTotal", heap.getCommitted());
        memory.put("heapMax", heap.getMax());
        stats.put("memoryUsage", memory);
        return stats;
    }

    /** The namespaces that exist now (a removed child namespace is left out), by name. */
    private List<Namespace> liveNamespaces() {
        Set<String> names = server.namespaces();
        List<Namespace> out = new ArrayList<>();
        for (Namespace nsp : namespaces.values()) {
            if (names.contains(nsp.name())) {
                out.add(nsp);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }

    private String now() {
        return SocketSerializer.date(clock.instant());
    }

    /** Sends to every dashboard, unless none can be listening. */
    private void toDashboards(String event, Object... args) {
        if (localOnly && admin.sockets().isEmpty()) {
            return;
        }
        try {
            admin.emit(event, args);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Admin UI: " + event + " not sent", e);
        }
    }

    // --- Instrumentation: the engine (both modes) ---

    @Override
    public void connectionOpened(String sid, String transport) {
        events.push("rawConnection", null, 1);
        if ("polling".equals(transport)) {
            polling.add(sid);
        }
    }

    @Override
    public void connectionUpgraded(String sid, String transport) {
        polling.remove(sid);
    }

    @Override
    public void connectionClosed(String sid, String reason) {
        polling.remove(sid);
        events.push("rawDisconnection", reason, 1);
    }

    @Override
    public void packetReceived(int bytes) {
        events.push("packetsIn", null, 1);
        events.push("bytesIn", null, bytes);
    }

    @Override
    public void packetSent(int bytes) {
        events.push("packetsOut", null, 1);
        events.push("bytesOut", null, bytes);
    }

    @Override
    public void namespaceCreated(Namespace nsp) {
        namespaces.putIfAbsent(nsp.name(), nsp);
    }

    // --- Instrumentation: sockets and rooms (development mode) ---

    @Override
    public void socketConnected(Socket socket, String clientId) {
        if (!options.development()) {
            return;
        }
        String nsp = socket.namespace().name();
        Map<String, Object> own = new ConcurrentHashMap<>();
        own.put("clientId", clientId.substring(0, Math.min(12, clientId.length())));
        own.put("transport", socket.transport());
        socket.data().put(SocketSerializer.ADMIN_KEY, own);
        toDashboards("socket_connected", SocketSerializer.serialize(socket, nsp), now());
        if (socket.namespace() != admin) {
            socket.onAny(ev -> toDashboards("event_received", nsp, socket.id(),
                    SocketSerializer.eventArgs(ev.event(), ev.args().list()), now()));
            socket.onAnyOutgoing((event, args) -> toDashboards("event_sent", nsp, socket.id(),
                    SocketSerializer.eventArgs(event, args), now()));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void socketUpgraded(Socket socket, String transport) {
        if (!options.development()) {
            return;
        }
        if (socket.data().get(SocketSerializer.ADMIN_KEY) instanceof Map<?, ?> own) {
            try {
                ((Map<String, Object>) own).put("transport", transport);
            } catch (UnsupportedOperationException e) {
                // data restored from another node is read-only: the event below still tells the dashboard
            }
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", socket.id());
        update.put("nsp", socket.namespace().name());
        update.put("transport", transport);
        toDashboards("socket_updated", update);
    }

    @Override
    public void socketDisconnected(Socket socket, DisconnectReason reason) {
        if (options.development()) {
            toDashboards("socket_disconnected", socket.namespace().name(), socket.id(), reason.toString(), now());
        }
    }

    @Override
    public void roomJoined(Namespace nsp, String room, String socketId) {
        if (options.development()) {
            toDashboards("room_joined", nsp.name(), room, socketId, now());
        }
    }

    @Override
    public void roomLeft(Namespace nsp, String room, String socketId) {
        if (options.development()) {
            toDashboards("room_left", nsp.name(), room, socketId, now());
        }
    }
}
