package io.socketeer.container;

import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineRequest;
import io.socketeer.engineio.EngineServer;
import io.socketeer.engineio.PollingTransport;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one entry point on {@code <path>/*}: checks every request as the reference server does
 * (answering 400/403 with the protocol's JSON before any upgrade), serves long-polling with the async
 * servlet API, and hands valid WebSocket upgrades to the endpoint.
 */
public class SocketIoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SocketIoServlet.class.getName());
    /** The request this thread is serving inside {@link #service}, if any. */
    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

    private final transient Registries registries = new Registries();

    private EngineServer engine() {
        return registries.get().engine(getServletContext());
    }

    @Override
    public void init() throws ServletException {
        engine(); // start with the application, not on the first request
    }

    /** The request the calling thread is serving in this servlet, or null. */
    static HttpServletRequest currentRequest() {
        return CURRENT.get();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        CURRENT.set(req);
        try {
            serve(req, resp);
        } finally {
            CURRENT.remove();
            if (req.isAsyncStarted() && req.getAttribute(ServletPollExchange.ATTRIBUTE) instanceof ServletPollExchange held) {
                held.left();
            }
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EngineServer engine = engine();
        EngineOptions options = engine.options();
        String method = req.getMethod();
        if ("OPTIONS".equals(method)) {
            HttpRequests.cors(req, resp, options, true);
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            resp.setContentLength(0);
            return;
        }
        boolean upgrade = HttpRequests.isWebSocketUpgrade(req);
        Map<String, String> query = HttpRequests.query(req.getQueryString());
        HttpRequests.cors(req, resp, options, false);
        EngineError error = engine.verify(method, query, upgrade);
        if (error != null) {
            if (upgrade) {
                HttpRequests.sendUpgradeError(resp, error);
            } else {
                HttpRequests.sendError(resp, error);
            }
            return;
        }
        if (HttpRequests.originRefused(req, options)) {
            engine.metrics().refused(EngineError.FORBIDDEN);
            if (upgrade) {
                HttpRequests.sendUpgradeError(resp, HttpRequests.ORIGIN_NOT_ALLOWED);
            } else {
                HttpRequests.sendError(resp, EngineError.FORBIDDEN, HttpRequests.ORIGIN_NOT_ALLOWED);
            }
            return;
        }
        String sid = query.get("sid");
        if (upgrade) {
            upgrade(req, resp, engine, query, sid);
        } else if (sid == null) {
            EngineRequest request = HttpRequests.engineRequest(req, query);
            String refusal = engine.refusal(request);
            if (refusal != null) {
                engine.metrics().refused(EngineError.FORBIDDEN);
                HttpRequests.sendError(resp, EngineError.FORBIDDEN, refusal);
                return;
            }
            engine.handshakePolling(request, new ServletPollExchange(req, resp, engine));
        } else {
            PollingTransport polling = engine.polling(sid);
            if (polling == null) {
                HttpRequests.sendError(resp, EngineError.UNKNOWN_SID);
            } else if ("GET".equals(method)) {
                polling.onPollRequest(new ServletPollExchange(req, resp, engine));
            } else if ("POST".equals(method)) {
                post(req, resp, polling, options.maxHttpBufferSize());
            } else {
                HttpRequests.sendError(resp, EngineError.BAD_REQUEST);
            }
        }
    }

    private void upgrade(HttpServletRequest req, HttpServletResponse resp, EngineServer engine,
                         Map<String, String> query, String sid) throws IOException {
        ServerEndpointConfig config = (ServerEndpointConfig) getServletContext()
                .getAttribute(WebSocketRegistrar.CONFIG_ATTRIBUTE);
        ServerContainer container = (ServerContainer) getServletContext()
                .getAttribute(ServerContainer.class.getName() + ".socketeer");
        String key = req.getHeader("Sec-WebSocket-Key");
        if (config == null || container == null || key == null) {
            HttpRequests.sendUpgradeError(resp, EngineError.BAD_REQUEST);
            return;
        }
        EngineRequest request = HttpRequests.engineRequest(req, query);
        String refusal = sid == null ? engine.refusal(request) : null;
        if (refusal != null) {
            engine.metrics().refused(EngineError.FORBIDDEN);
            HttpRequests.sendUpgradeError(resp, refusal);
            return;
        }
        PendingUpgrades.put(key, request);
        try {
            container.upgradeHttpToWebSocket(req, resp, config, Map.of());
        } catch (Exception e) {
            PendingUpgrades.remove(key);
            LOG.log(Level.FINE, "WebSocket upgrade failed", e);
            try {
                if (!resp.isCommitted()) {
                    HttpRequests.sendStatus(resp, 500, "WebSocket upgrade failed");
                }
            } catch (IOException | RuntimeException gone) {
                // the container gave the connection up with the upgrade (Payara's Grizzly: its
                // output buffer is gone, a NullPointerException); nothing to answer, and an exception
                // out of the servlet would only add the container's error handling to a dead request
            }
        }
    }

    private static void post(HttpServletRequest req, HttpServletResponse resp, PollingTransport polling,
                             long max) throws IOException {
        if (req.getContentLengthLong() > max) {
            HttpRequests.sendStatus(resp, 413, "Payload Too Large");
            polling.fail("payload too large");
            return;
        }
        String type = req.getContentType();
        boolean binary = type != null && type.startsWith("application/octet-stream");
        if (binary && polling.session().protocol() != 3) {
            HttpRequests.sendError(resp, EngineError.BAD_REQUEST); // v4 sends binary as base64 text
            polling.fail("invalid content");
            return;
        }
        if (!polling.beginPost()) {
            HttpRequests.sendError(resp, EngineError.BAD_REQUEST);
            return;
        }
        byte[] body;
        try {
            body = HttpRequests.readBody(req, max + 1);
        } catch (IOException e) {
            // the client went away in the middle of its body: nothing to answer
            polling.endPost();
            polling.fail("data request connection closed prematurely");
            return;
        }
        if (body.length > max) {
            polling.endPost();
            HttpRequests.sendStatus(resp, 413, "Payload Too Large");
            polling.fail("payload too large");
            return;
        }
        if (binary) {
            polling.onBinaryData(body); // an Engine.IO v3 binary payload
        } else {
            polling.onData(new String(body, StandardCharsets.UTF_8));
        }
        HttpRequests.sendStatus(resp, 200, "ok");
    }
}
