package io.socketeer.container;

import io.socketeer.engineio.EngineError;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading requests and writing the protocol's answers. */
final class HttpRequests {
    /**
     * Header names, query keys and values that nearly every request has, kept once: a session keeps
     * its request (for {@code socket.handshake}), and these would otherwise be new strings in every
     * session (names lower-cased, the query cut out of its string).
     */
    private static final Map<String, String> COMMON = common("host", "connection", "upgrade", "origin",
            "user-agent", "accept", "accept-encoding", "accept-language", "cache-control", "pragma", "cookie",
            "referer", "content-type", "content-length", "authorization", "x-forwarded-for", "x-forwarded-proto",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site", "EIO", "transport", "sid", "t", "b64", "j", "4", "3",
            "websocket", "polling");

    private HttpRequests() {
    }

    private static Map<String, String> common(String... strings) {
        Map<String, String> m = new HashMap<>();
        for (String s : strings) {
            m.put(s, s);
        }
        return Map.copyOf(m);
    }

    /** The common instance of an equal string, or the string itself. */
    static String shared(String s) {
        String common = COMMON.get(s);
        return common != null ? common : s;
    }

    /** A header name in lower case, the common instance for common ones. */
    static String headerName(String name) {
        return shared(name.toLowerCase(Locale.ROOT));
    }

    /** The query parameters (first value of each), parsed from the query string only. */
    static Map<String, String> query(String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return Map.of();
        }
        Map<String, String> q = new HashMap<>(8);
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = shared(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String v = eq < 0 ? "" : shared(decode(pair.substring(eq + 1)));
            q.putIfAbsent(k, v);
        }
        return q;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** What the session keeps of the request. */
    static EngineRequest engineRequest(HttpServletRequest req, Map<String, String> query) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(headerName(name), List.copyOf(Collections.list(req.getHeaders(name))));
        }
        String qs = req.getQueryString();
        String url = qs == null ? req.getRequestURI() : req.getRequestURI() + "?" + qs;
        return new EngineRequest(req.getMethod(), url, query, headers, req.getRemoteAddr(), req.isSecure(),
                System.currentTimeMillis(), req.getUserPrincipal());
    }

    /** Whether this is a WebSocket upgrade request. */
    static boolean isWebSocketUpgrade(HttpServletRequest req) {
        String upgrade = req.getHeader("Upgrade");
        return "GET".equals(req.getMethod()) && upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    }

    /** Answers with the protocol's error: status and JSON body. */
    static void sendError(HttpServletResponse resp, EngineError error) throws IOException {
        sendError(resp, error, error.message());
    }

    /** The error's status and JSON body with another message (a refusal's own, as engine.io writes it). */
    static void sendError(HttpServletResponse resp, EngineError error, String message) throws IOException {
        StringBuilder json = new StringBuilder("{\"code\":").append(error.code()).append(",\"message\":");
        io.socketeer.parser.Json.quote(json, message);
        byte[] body = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(error.httpStatus());
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** A refused WebSocket upgrade: 400 with the message as text, as the reference server does. */
    static void sendUpgradeError(HttpServletResponse resp, EngineError error) throws IOException {
        sendUpgradeError(resp, error.message());
    }

    /** A refused WebSocket upgrade with this message. */
    static void sendUpgradeError(HttpServletResponse resp, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(400);
        resp.setContentType("text/html");
        resp.setContentLength(body.length);
        resp.setHeader("Connection", "close");
        resp.getOutputStream().write(body);
    }

    /** Plain status with a short text body. */
    static void sendStatus(HttpServletResponse resp, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /**
     * Adds the CORS headers the options call for: {@code *} (or the request's origin when
     * credentials are allowed), or the request's origin when it is in the list.
     */
    static void cors(HttpServletRequest req, HttpServletResponse resp, EngineOptions options, boolean preflight) {
        List<String> origins = options.corsOrigins();
        if (origins.isEmpty()) {
            return;
        }
        String origin = req.getHeader("Origin");
        boolean any = origins.contains("*");
        if (any && !options.corsCredentials()) {
            resp.setHeader("Access-Control-Allow-Origin", "*");
        } else if (origin != null && (any || origins.contains(origin))) {
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.addHeader("Vary", "Origin");
        } else {
            return;
        }
        if (options.corsCredentials()) {
            resp.setHeader("Access-Control-Allow-Credentials", "true");
        }
        if (preflight) {
            resp.setHeader("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
            String requested = req.getHeader("Access-Control-Request-Headers");
            if (requested != null) {
                resp.setHeader("Access-Control-Allow-Headers", requested);
                resp.addHeader("Vary", "Access-Control-Request-Headers");
            }
        }
    }

    /** The message of a refused origin. */
    static final String ORIGIN_NOT_ALLOWED = "Origin not allowed";

    /**
     * Whether a browser's request comes from an origin that {@code socketeer.cors.origin} does not
     * allow, when it is a list (not {@code *}). Browsers enforce CORS on long-polling but not on
     * WebSocket, so without this a page of any site could open a WebSocket with the user's cookies.
     * Requests without {@code Origin} (clients other than browsers) and from the server's own origin
     * (its {@code Host}) pass.
     */
    static boolean originRefused(HttpServletRequest req, EngineOptions options) {
        List<String> origins = options.corsOrigins();
        if (origins.isEmpty() || origins.contains("*")) {
            return false;
        }
        String origin = req.getHeader("Origin");
        if (origin == null || origins.contains(origin)) {
            return false;
        }
        String host = req.getHeader("Host");
        return host == null || !origin.endsWith("://" + host);
    }

    /** Reads at most {@code limit} bytes of the body. */
    static byte[] readBody(HttpServletRequest req, long limit) throws IOException {
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        return req.getInputStream().readNBytes(cap);
    }
}
