package io.socketeer.engineio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Engine.IO server: the registry of open sessions, the checks every request goes through, and
 * the handshake. Shared by both transports, which is how a polling session is found again when it
 * upgrades to WebSocket.
 *
 * <pre>{@code
 * EngineServer engine = new EngineServer(EngineOptions.defaults(), scheduler);
 * engine.onConnection(session -> session.listener(myListener));
 * EngineError err = engine.verify("GET", query, false);   // null when the request may proceed
 * }</pre>
 */
public final class EngineServer {
    private final EngineOptions options;
    private final ScheduledExecutorService scheduler;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final EngineMetrics metrics = new EngineMetrics();
    private volatile NewSessionListener connectionListener = s -> { };
    private volatile Function<EngineRequest, String> allowRequest = r -> null;
    /** Runs the closes that may block (see {@link #closeOffThread}); threads only while there is work. */
    private final ThreadPoolExecutor closer = new ThreadPoolExecutor(CLOSE_THREADS, CLOSE_THREADS, 10,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "socketeer-close");
                t.setDaemon(true);
                return t;
            });
    private static final int CLOSE_THREADS = 4;

    public EngineServer(EngineOptions options, ScheduledExecutorService scheduler) {
        this.options = options;
        this.scheduler = scheduler;
        closer.allowCoreThreadTimeOut(true);
    }

    public EngineOptions options() {
        return options;
    }

    /** What this server counted so far. */
    public EngineMetrics metrics() {
        return metrics;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Runs {@code task} on the server's timer thread after {@code delayNanos}, or at once on the
     * calling thread once the server is stopped. For the container glue: {@code CompletableFuture}'s
     * delayed executor starts a new thread for every task where the common pool has fewer than two
     * threads (any machine with one or two cores).
     */
    public void later(long delayNanos, Runnable task) {
        try {
            scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Runs a close that may block on a thread of its own: closing a WebSocket while a write to a
     * client that does not read is in flight waits for that write in some containers (Tomcat: up to
     * its blocking send timeout, 20 s by default), which must not stall a broadcast or the heartbeat
     * timers. After {@link #closeAll} it runs on the calling thread.
     */
    void closeOffThread(Runnable close) {
        try {
            closer.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }

    /** Sets who is told of new sessions. */
    public void onConnection(NewSessionListener listener) {
        this.connectionListener = listener;
    }

    /**
     * Sets the hook that may refuse a handshake: it answers null to let the request in, or the
     * message of the refusal (answered 403 {@code {"code":4,"message":...}}).
     */
    public void allowRequest(Function<EngineRequest, String> hook) {
        this.allowRequest = hook;
    }

    /**
     * Checks a request as the reference server does, in the same order: transport, then session id,
     * then (for a handshake) method, WebSocket-without-upgrade and protocol version.
     *
     * @param method  the HTTP method
     * @param query   the query parameters
     * @param upgrade whether this is a WebSocket upgrade request
     * @return the error to answer with, or {@code null} when the request may go on
     */
    public EngineError verify(String method, Map<String, String> query, boolean upgrade) {
        EngineError error = check(method, query, upgrade);
        if (error != null) {
            metrics.refused(error);
        }
        return error;
    }

    private EngineError check(String method, Map<String, String> query, boolean upgrade) {
        String transport = query.get("transport");
        if (transport == null || !options.transports().contains(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        if (upgrade && !EngineOptions.WEBSOCKET.equals(transport)) {
            return EngineError.BAD_REQUEST;
        }
        String sid = query.get("sid");
        if (sid != null) {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                return EngineError.UNKNOWN_SID;
            }
            if (!upgrade && !session.transportName().equals(transport)) {
                return EngineError.BAD_REQUEST;
            }
            if (upgrade && !options.allowUpgrades()) {
                return EngineError.BAD_REQUEST;
            }
            return null;
        }
        if (!"GET".equals(method)) {
            return EngineError.BAD_HANDSHAKE_METHOD;
        }
        if (EngineOptions.WEBSOCKET.equals(transport) && !upgrade) {
            return EngineError.BAD_REQUEST;
        }
        String protocol = query.get("EIO");
        if (!"4".equals(protocol) && !("3".equals(protocol) && options.allowEIO3())) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        return null;
    }

    /** Runs the {@link #allowRequest} hook for a handshake: null, or why it is refused (answer 403). */
    public String refusal(EngineRequest request) {
        return allowRequest.apply(request);
    }

    /** Handshake over long-polling: a new session whose first GET is {@code exchange}. */
    public EngineSession handshakePolling(EngineRequest request, PollExchange exchange) {
        EngineSession session = new EngineSession(this, Ids.next(), request);
        PollingTransport polling = new PollingTransport(session);
        session.start(polling);
        register(session);
        polling.onPollRequest(exchange);
        return session;
    }

    /** Handshake directly over WebSocket: a new session whose transport is this WebSocket. */
    public WebSocketTransport handshakeWebSocket(EngineRequest request, WebSocketConnection connection) {
        EngineSession session = new EngineSession(this, Ids.next(), request);
        WebSocketTransport ws = new WebSocketTransport(session, connection);
        session.start(ws);
        register(session);
        return ws;
    }

    /**
     * A WebSocket opened with the id of an existing session: it becomes the upgrade candidate of that
     * session. Returns null (and closes the WebSocket) when there is no such session.
     */
    public WebSocketTransport upgrade(String sid, WebSocketConnection connection) {
        EngineSession session = sessions.get(sid);
        if (session == null) {
            connection.close(WebSocketTransport.NORMAL_CLOSURE, "Session ID unknown");
            return null;
        }
        WebSocketTransport ws = new WebSocketTransport(session, connection);
        session.onUpgradeRequest(ws);
        return ws;
    }

    /** The polling transport of a session, or null when the session is gone or not polling. */
    public PollingTransport polling(String sid) {
        EngineSession session = sessions.get(sid);
        if (session == null) {
            return null;
        }
        synchronized (session.lock) {
            return session.isCurrentPolling();
        }
    }

    /** The open session with this id, or null. */
    public EngineSession session(String sid) {
        return sessions.get(sid);
    }

    /** A snapshot of the open sessions. */
    public Collection<EngineSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The number of open sessions. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Closes every session ("forced close"); used on undeploy. */
    public void closeAll() {
        for (EngineSession s : new ArrayList<>(sessions.values())) {
            s.close();
        }
        closer.shutdown(); // the closes already handed over still run
    }

    private void register(EngineSession session) {
        sessions.put(session.id(), session);
        metrics.opened();
        if (LifecycleLog.enabled()) {
            LifecycleLog.log("handshake", "sid", session.id(), "transport", session.transportName(),
                    "protocol", session.protocol(), "remote", session.request().remoteAddress());
        }
        connectionListener.onConnection(session);
        session.open();
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
    }
}
