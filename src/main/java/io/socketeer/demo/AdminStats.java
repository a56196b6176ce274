package io.socketeer.demo;

import io.socketeer.api.RemoteSocket;
import io.socketeer.api.SocketIoServer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Emitting from anywhere, on a timer: every {@code socketeer.demo.statsInterval} seconds
 * ({@link DemoConfig}, default 10, 0 for none) the admins connected to {@code /admin} get a
 * {@code stats} event: the open connections, the sockets of each namespace and the chat rooms with
 * their users ({@link Stats}). It is emitted {@code volatile}: an admin whose transport is busy at
 * that moment misses that one, the next comes soon enough. Nothing is sent while no admin is
 * connected.
 *
 * <p>Only CDI and the JDK: no EJB {@code @Schedule}, no JAX-RS, so it runs on a servlet container
 * with CDI (Tomcat with Weld) as well as on a full Jakarta EE server. The pattern, for any periodic
 * emit:
 * <pre>{@code
 * @ApplicationScoped
 * public class Clock {
 *     @Inject SocketIoServer io;
 *     private ScheduledExecutorService timer;
 *
 *     void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {    // at deployment
 *         timer = Executors.newSingleThreadScheduledExecutor();
 *         timer.scheduleAtFixedRate(() -> io.volatile_().emit("time", System.currentTimeMillis()),
 *                 1, 1, TimeUnit.SECONDS);
 *     }
 *
 *     @PreDestroy
 *     void stop() {                                                                     // at undeploy
 *         timer.shutdownNow();
 *     }
 * }
 * }</pre>
 * Here the container's {@code java:comp/DefaultManagedScheduledExecutorService} (Jakarta
 * Concurrency: Payara, WildFly, ...) runs the timer when JNDI has it, and a thread of our own
 * otherwise (Tomcat). The container's executor is not ours to shut down: {@link #stop()} only
 * cancels our task on it.
 *
 * <pre>{@code
 * // Node.js or browser
 * const admin = io("http://localhost:8080/admin", { auth: { token: "admin" } });
 * admin.on("stats", s => console.log(s));
 * // {time: 1732730000000, interval: 10, connections: 3, sockets: {"/": 2, "/admin": 1},
 * //  rooms: [{name: "general", users: 1}, {name: "lobby", users: 1}]}
 * }</pre>
 */
@ApplicationScoped
public class AdminStats {
    /** The event name. */
    public static final String EVENT = "stats";
    /** Where Jakarta Concurrency puts the container's default scheduled executor. */
    static final String MANAGED_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";
    /** After Socketeer's own start-up observer (default observer priority, 2500). */
    private static final int AFTER_SOCKETEER = 3000;
    private static final Logger LOG = Logger.getLogger(AdminStats.class.getName());

    @Inject
    SocketIoServer io;
    @Inject
    DemoConfig config;

    /** Our own scheduler, when the container has none to lend; null otherwise. */
    private ScheduledExecutorService own;
    private ScheduledFuture<?> task;

    /**
     * What an admin receives.
     *
     * @param time        epoch milliseconds, server clock
     * @param interval    seconds until the next one
     * @param connections open Engine.IO connections (every namespace, this node)
     * @param sockets     connected sockets by namespace (this node)
     * @param rooms       the chat rooms, the lobby always, with their number of users
     */
    public record Stats(long time, long interval, int connections, Map<String, Integer> sockets,
                        List<Map<String, Object>> rooms) {
    }

    /** Starts the timer when the application starts (a bad interval stops the deployment). */
    synchronized void start(@Observes @Priority(AFTER_SOCKETEER) @Initialized(ApplicationScoped.class) Object ignored) {
        if (task != null) {
            return;
        }
        long interval = config.statsIntervalSeconds();
        if (interval == 0) {
            LOG.info("admin stats are off (" + DemoConfig.STATS_INTERVAL + "=0)");
            return;
        }
        ScheduledExecutorService scheduler = containerScheduler();
        if (scheduler == null) {
            own = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "socketeer-demo-stats");
                t.setDaemon(true);
                return t;
            });
            scheduler = own;
        }
        task = scheduler.scheduleAtFixedRate(() -> tick(interval), interval, interval, TimeUnit.SECONDS);
        LOG.info("admin stats every " + interval + " s to " + AdminNamespace.NAME + " on "
                + (own == null ? MANAGED_SCHEDULER : "a thread of its own (no managed scheduler in JNDI)"));
    }

    /** Cancels the timer; shuts down the scheduler only when it is ours. */
    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (own != null) {
            own.shutdownNow();
            own = null;
        }
    }

    /** One emit. Never throws: an exception would cancel every later run of the timer. */
    void tick(long interval) {
        try {
            if (io.of(AdminNamespace.NAME).sockets().isEmpty()) {
                return;
            }
            io.fetchSockets()
                    .thenAccept(chatSockets -> io.of(AdminNamespace.NAME).volatile_().emit(EVENT, stats(interval, chatSockets)))
                    .exceptionally(e -> {
                        LOG.log(Level.WARNING, "admin stats not sent", e);
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "admin stats not sent", e);
        }
    }

    private Stats stats(long interval, List<RemoteSocket> chatSockets) {
        Map<String, Integer> sockets = new TreeMap<>();
        for (String name : io.namespaces()) {
            sockets.put(name, io.of(name).sockets().size());
        }
        return new Stats(System.currentTimeMillis(), interval, io.connectionCount(), sockets,
                ChatRooms.roomCounts(chatSockets));
    }

    /** The container's default managed scheduled executor, or null when JNDI has none. */
    private static ScheduledExecutorService containerScheduler() {
        try {
            Object found = new InitialContext().lookup(MANAGED_SCHEDULER);
            return found instanceof ScheduledExecutorService s ? s : null;
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "no " + MANAGED_SCHEDULER, e);
            return null;
        }
    }
}
