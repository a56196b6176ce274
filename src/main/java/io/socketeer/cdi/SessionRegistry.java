package io.socketeer.cdi;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.api.SocketIoServer;
import io.socketeer.api.impl.JsonbMapper;
import io.socketeer.api.impl.SocketIoServerImpl;
import io.socketeer.engineio.EngineServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one registry of sessions of the application, shared by the WebSocket endpoint and the
 * long-polling servlet (that is how a polling session is found again when it upgrades), and the
 * producer of the injectable {@link SocketIoServer}.
 *
 * <p>Started when the application starts (or on first use), stopped on undeploy: every socket then
 * disconnects with reason {@code server shutting down}.
 */
@ApplicationScoped
public class SessionRegistry {
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    @Inject
    Event<Object> events;
    @Inject
    SocketeerExtension extension;
    @Inject
    Instance<ServletContext> servletContexts;
    @Inject
    Instance<RequestContextController> requestContexts;

    private volatile SocketIoServerImpl server;
    /** Set on undeploy: the server is never started again (a late injection gets an exception). */
    private boolean stopped;
    private volatile ScheduledThreadPoolExecutor scheduler;
    private JsonbMapper mapper;
    private AdapterFactory adapters;
    /** The Socket.IO Admin UI's server side, when {@code socketeer.adminUi=true}; else null. */
    private io.socketeer.admin.AdminUi adminUi;
    /** Removes the MicroProfile Metrics gauges (where the container has them), or null. */
    private Runnable metricsRegistration;

    /**
     * The application started: the server runs (if a bean did not start it already), and observers
     * are told of the namespaces that exist. Not earlier: a server started while a bean is being
     * injected must not call observers of a bean still under construction.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        start(context).ready();
    }

    /** The server, started with this context's parameters if it is not running yet. */
    public SocketIoServerImpl server(ServletContext context) {
        SocketIoServerImpl s = server;
        return s != null ? s : start(context);
    }

    /** The Engine.IO server the transports feed. */
    public EngineServer engine(ServletContext context) {
        return server(context).engine();
    }

    /** Timers waiting in the scheduler (heartbeats, timeouts): for leak checks and metrics. */
    public int scheduledTasks() {
        ScheduledThreadPoolExecutor s = scheduler;
        return s == null ? 0 : s.getQueue().size();
    }

    /** The injectable server. */
    @Produces
    public SocketIoServer socketIoServer() {
        SocketIoServerImpl s = server;
        return s != null ? s : start(null);
    }

    private synchronized SocketIoServerImpl start(ServletContext context) {
        if (server != null) {
            return server;
        }
        if (stopped) {
            throw new IllegalStateException("Socketeer is stopped: the application is being undeployed");
        }
        UnaryOperator<String> params = contextParameters(context);
        SocketIoOptions options = ConfigLoader.load(params);
        io.socketeer.admin.AdminUiOptions admin = ConfigLoader.adminUi(params);
        adapters = ConfigLoader.adapter(params);
        scheduler = new ScheduledThreadPoolExecutor(2, threads());
        scheduler.setRemoveOnCancelPolicy(true);
        mapper = new JsonbMapper();
        CdiHandlers handlers = new CdiHandlers(events, extension, requestContexts);
        SocketIoServerImpl s = new SocketIoServerImpl(options, scheduler, handlers, mapper, adapters);
        for (String nsp : extension.namespaces()) {
            if (nsp.startsWith("^")) {
                s.of(java.util.regex.Pattern.compile(nsp));
            } else {
                s.of(nsp);
            }
        }
        if (admin != null) {
            adminUi = io.socketeer.admin.AdminUi.instrument(s, admin, scheduler);
        }
        if (MicroProfileMetrics.available()) {
            metricsRegistration = MicroProfileMetrics.register(s, handlers::watchNamespaces);
        }
        server = s;
        extension.started(s);
        LOG.log(Level.INFO, "Socketeer started on {0}, namespaces {1}",
                new Object[] {options.engine().path(), s.namespaces()});
        return s;
    }

    /**
     * The servlet context parameters: of the given context, else of the injectable one. On some
     * containers (Payara) that bean is request scoped, so outside a request it cannot be read: then
     * only MicroProfile Config and system properties count.
     */
    private UnaryOperator<String> contextParameters(ServletContext context) {
        ServletContext ctx = context;
        if (ctx == null && servletContexts.isResolvable()) {
            try {
                ctx = servletContexts.get();
                ctx.getServerInfo(); // touches the proxy: fails here when no context is active
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "servlet context not readable here; context parameters ignored", e);
                ctx = null;
            }
        }
        return ctx == null ? null : ctx::getInitParameter;
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        SocketIoServerImpl s = server;
        if (s == null) {
            return;
        }
        try {
            if (metricsRegistration != null) {
                metricsRegistration.run();
            }
            if (adminUi != null) {
                adminUi.close();
            }
            s.close();
        } finally {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(2, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduler.shutdownNow();
            }
            mapper.close();
            if (adapters instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "closing the adapter failed", e);
                }
            }
            server = null;
        }
        LOG.info("Socketeer stopped");
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "socketeer-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
