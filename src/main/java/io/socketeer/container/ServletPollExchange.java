package io.socketeer.container;

import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.PollExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A long-polling GET held with the async servlet API: no container thread waits for it. */
final class ServletPollExchange implements PollExchange {
    private static final Logger LOG = Logger.getLogger(ServletPollExchange.class.getName());

    private final AsyncContext async;
    private final AtomicBoolean done = new AtomicBoolean();

    ServletPollExchange(AsyncContext async) {
        this.async = async;
    }

    @Override
    public void sendPayload(String payload) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            HttpServletResponse resp = (HttpServletResponse) async.getResponse();
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            resp.setStatus(200);
            resp.setContentType("text/plain; charset=UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "poll response not written", e);
        } finally {
            complete();
        }
    }

    @Override
    public void sendError(EngineError error) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            HttpRequests.sendError((HttpServletResponse) async.getResponse(), error);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "poll error not written", e);
        } finally {
            complete();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // the container already ended it (client gone)
        }
    }
}
