package io.socketeer.container;

import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.PollExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A long-polling GET. Answered on its own request thread when packets are waiting; otherwise held
 * with the async servlet API ({@link #hold}), so no container thread waits for it.
 *
 * <p>A held GET answered from inside another request (a POST whose handler emits) is completed on a
 * container thread of its own through {@link AsyncContext#start}: completing one request inside
 * another makes some containers (Payara + Weld) tear down the outer request's CDI contexts.
 */
final class ServletPollExchange implements PollExchange {
    private static final Logger LOG = Logger.getLogger(ServletPollExchange.class.getName());
    private static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile AsyncContext async;

    ServletPollExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public void hold() {
        AsyncContext a = request.startAsync();
        a.setTimeout(0); // the heartbeat answers a held GET within pingInterval
        async = a;
    }

    @Override
    public void sendPayload(String payload) {
        if (done.compareAndSet(false, true)) {
            answer(() -> writePayload(payload));
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
        HttpServletRequest current = SocketIoServlet.currentRequest();
        if (current != null && current != request) {
            a.start(writeAndComplete);
        } else {
            writeAndComplete.run();
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
        try {
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            setTextPlain(response);
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "poll response not written", e);
        }
    }
}
