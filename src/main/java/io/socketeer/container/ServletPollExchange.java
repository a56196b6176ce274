package io.socketeer.container;

import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.EngineServer;
import io.socketeer.engineio.PollExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A long-polling GET. Answered on its own request thread when packets are waiting; otherwise held
 * with the async servlet API ({@link #hold}), so no container thread waits for it.
 *
 * <p>A held GET answered from inside another request (a POST whose handler emits) is completed on a
 * container thread of its own through {@link AsyncContext#start}: completing one request inside
 * another makes some containers (Payara + Weld) tear down the outer request's CDI contexts.
 *
 * <p>A held GET is never completed from another thread while its own thread is still in the
 * container: an answer that comes before the GET's thread has left {@link SocketIoServlet} is
 * written by that thread as it leaves ({@link #left}), and on Payara, whose Grizzly recycles a
 * request completed from another thread even while its own thread still reads it at the end of
 * the request ({@code PECoyoteConnector.requestEndEvent}: a NullPointerException, then Weld's
 * contexts leak on that thread and its next request fails with 500), an answer within
 * {@link #completionGrace} of the thread leaving waits until that much time has passed.
 */
final class ServletPollExchange implements PollExchange {
    private static final Logger LOG = Logger.getLogger(ServletPollExchange.class.getName());
    private static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

    /** State of a held GET's own thread: still in the servlet, left it, or left an answer to write. */
    private static final int IN_SERVICE = 0;
    private static final int LEFT = 1;
    private static final int ANSWERED = 2;
    /** Set on Payara (see the class comment); zero elsewhere. */
    private static volatile long graceNanos;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final EngineServer engine;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicInteger thread = new AtomicInteger(IN_SERVICE);
    private volatile AsyncContext async;
    private volatile Thread holder;
    private volatile Runnable pending;
    private volatile long leftAt;

    ServletPollExchange(HttpServletRequest request, HttpServletResponse response, EngineServer engine) {
        this.request = request;
        this.response = response;
        this.engine = engine;
    }

    /** How long after its thread left the servlet a held GET may be completed from another thread. */
    static void completionGrace(Duration grace) {
        graceNanos = grace.toNanos();
    }

    @Override
    public void hold() {
        AsyncContext a = request.startAsync();
        a.setTimeout(0); // the heartbeat answers a held GET within pingInterval
        holder = Thread.currentThread();
        request.setAttribute(ATTRIBUTE, this);
        async = a;
    }

    /** The request attribute holding a held GET's exchange, for {@link #left}. */
    static final String ATTRIBUTE = "io.socketeer.pollExchange";

    /**
     * Called by the GET's own thread as it leaves the servlet: writes an answer that came meanwhile
     * (on this thread, so that the container ends the request itself).
     */
    void left() {
        leftAt = System.nanoTime();
        if (!thread.compareAndSet(IN_SERVICE, LEFT)) {
            pending.run();
        }
    }

    @Override
    public void sendPayload(String payload) {
        if (done.compareAndSet(false, true)) {
            answer(() -> writePayload(payload));
        }
    }

    @Override
    public void sendBinaryPayload(byte[] payload) {
        if (done.compareAndSet(false, true)) {
            answer(() -> write(payload, true));
        }
    }

    @Override
    public void sendError(EngineError error) {
        if (done.compareAndSet(false, true)) {
            answer(() -> {
                try {
                    HttpRequests.sendError(response, error);
                } catch (IOException | IllegalStateException e) {
                    LOG.log(Level.FINE, "poll error not written", e);
                }
            });
        }
    }

    private void answer(Runnable write) {
        AsyncContext a = async;
        if (a == null) {
            write.run(); // still on the GET's own thread: a plain synchronous response
            return;
        }
        Runnable writeAndComplete = () -> {
            try {
                write.run();
            } finally {
                try {
                    a.complete();
                } catch (IllegalStateException e) {
                    // the container already ended it (client gone)
                }
            }
        };
        if (Thread.currentThread() == holder && thread.get() == IN_SERVICE) {
            writeAndComplete.run(); // the GET's own thread, still in the servlet
            return;
        }
        pending = writeAndComplete;
        if (thread.compareAndSet(IN_SERVICE, ANSWERED)) {
            return; // written by the GET's thread as it leaves (left())
        }
        long wait = graceNanos - (System.nanoTime() - leftAt);
        if (wait > 0) {
            engine.later(wait, () -> start(a, writeAndComplete));
            return;
        }
        HttpServletRequest current = SocketIoServlet.currentRequest();
        if (current != null && current != request) {
            start(a, writeAndComplete);
        } else {
            writeAndComplete.run();
        }
    }

    private static void start(AsyncContext a, Runnable writeAndComplete) {
        try {
            a.start(writeAndComplete);
        } catch (IllegalStateException e) {
            // the container already ended it (client gone)
        }
    }

    /**
     * {@code Content-Type: text/plain; charset=UTF-8}, written as the reference server writes it.
     * Given whole, Payara keeps it as it is but Undertow (WildFly) writes
     * {@code text/plain;charset=UTF-8}; Undertow keeps the space when the charset was set first and the
     * type comes without one, which Payara in turn writes without the space. So: whole first, and the
     * other order only when the container shows that it rewrote the header.
     */
    static void setTextPlain(HttpServletResponse response) {
        response.setContentType(TEXT_PLAIN);
        String written = response.getHeader("Content-Type");
        if (written != null && !written.equals(TEXT_PLAIN)) {
            response.setCharacterEncoding("UTF-8");
            response.setContentType("text/plain");
        }
    }

    private void writePayload(String payload) {
        write(payload.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Writes a 200 with this body: text, or an Engine.IO v3 binary payload. */
    private void write(byte[] body, boolean binary) {
        try {
            response.setStatus(200);
            if (binary) {
                response.setContentType("application/octet-stream");
            } else {
                setTextPlain(response);
            }
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "poll response not written", e);
        }
    }
}
