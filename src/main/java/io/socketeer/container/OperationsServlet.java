package io.socketeer.container;

import io.socketeer.api.ServerMetrics;
import io.socketeer.parser.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's view of a running server, on two paths of its own (see {@link SocketeerInitializer}):
 *
 * <ul>
 *   <li>{@code socketeer.metrics=true}: {@code GET <metrics.path>} answers {@link ServerMetrics} as
 *       JSON, or as Prometheus text ({@code text/plain; version=0.0.4}) with {@code ?format=prometheus}
 *       or an {@code Accept} that asks for {@code text/plain} (what Prometheus sends).
 *   <li>{@code socketeer.health=true}: {@code GET <health.path>} (and {@code /live}, {@code /ready})
 *       answers as MicroProfile Health does: {@code {"status":"UP","checks":[...]}} with 200, or
 *       {@code "DOWN"} with 503. Liveness: the server runs. Readiness: it runs and its adapter reaches
 *       the other nodes (a Redis adapter whose Redis is down is not ready).
 * </ul>
 * Where the container has MicroProfile Health, the same checks are also in its own endpoint
 * ({@code SocketeerExtension}).
 */
public class OperationsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Init parameter: {@code metrics} or {@code health}. */
    static final String KIND = "kind";

    private final transient Registries registries = new Registries();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ServerMetrics m = registries.get().server(getServletContext()).metrics();
        if ("health".equals(getInitParameter(KIND))) {
            health(req, resp, m);
        } else if ("prometheus".equals(req.getParameter("format"))
                || req.getParameter("format") == null && accepts(req, "text/plain")) {
            write(resp, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus(m));
        } else {
            write(resp, 200, "application/json", Json.write(json(m), OperationsServlet::quoted));
        }
    }

    private static String quoted(Object v) {
        StringBuilder sb = new StringBuilder();
        Json.quote(sb, String.valueOf(v));
        return sb.toString();
    }

    private static boolean accepts(HttpServletRequest req, String type) {
        String accept = req.getHeader("Accept");
        return accept != null && accept.contains(type) && !accept.contains("application/json");
    }

    private static void write(HttpServletResponse resp, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** {@link ServerMetrics} as a JSON object with the record's names. */
    static Map<String, Object> json(ServerMetrics m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("uptimeMillis", m.uptimeMillis());
        o.put("connections", m.connections());
        o.put("pollingConnections", m.pollingConnections());
        o.put("websocketConnections", m.websocketConnections());
        o.put("connectionsOpened", m.connectionsOpened());
        o.put("socketsByNamespace", new java.util.TreeMap<>(m.socketsByNamespace()));
        o.put("roomsByNamespace", new java.util.TreeMap<>(m.roomsByNamespace()));
        o.put("messagesIn", m.messagesIn());
        o.put("bytesIn", m.bytesIn());
        o.put("messagesOut", m.messagesOut());
        o.put("bytesOut", m.bytesOut());
        o.put("connectionErrors", new java.util.TreeMap<>(m.connectionErrors()));
        o.put("ackTimeouts", m.ackTimeouts());
        o.put("adapterProblem", m.adapterProblem());
        return o;
    }

    /** {@link ServerMetrics} in Prometheus' text format, names prefixed {@code socketeer_}. */
    static String prometheus(ServerMetrics m) {
        StringBuilder sb = new StringBuilder(2048);
        gauge(sb, "socketeer_uptime_seconds", "Seconds since the server started", m.uptimeMillis() / 1000.0);
        sb.append("# HELP socketeer_connections Open Engine.IO connections by transport\n")
                .append("# TYPE socketeer_connections gauge\n")
                .append("socketeer_connections{transport=\"polling\"} ").append(m.pollingConnections()).append('\n')
                .append("socketeer_connections{transport=\"websocket\"} ").append(m.websocketConnections()).append('\n');
        counter(sb, "socketeer_connections_opened_total", "Engine.IO connections opened", m.connectionsOpened());
        labelled(sb, "socketeer_sockets", "gauge", "Connected sockets by namespace", "namespace", m.socketsByNamespace());
        labelled(sb, "socketeer_rooms", "gauge", "Rooms by namespace (without each socket's own room)", "namespace",
                m.roomsByNamespace());
        counter(sb, "socketeer_messages_received_total", "Engine.IO messages received", m.messagesIn());
        counter(sb, "socketeer_message_bytes_received_total",
                "Size of the messages received: bytes of binary, characters of text", m.bytesIn());
        counter(sb, "socketeer_messages_sent_total", "Engine.IO messages sent, once per client", m.messagesOut());
        counter(sb, "socketeer_message_bytes_sent_total",
                "Size of the messages sent: bytes of binary, characters of text", m.bytesOut());
        labelled(sb, "socketeer_connection_errors_total", "counter", "Requests refused, by engine.io error code", "code",
                m.connectionErrors());
        counter(sb, "socketeer_ack_timeouts_total", "Emits with acks whose timeout passed", m.ackTimeouts());
        gauge(sb, "socketeer_adapter_up", "1 when the adapter reaches the other nodes (or there are none)",
                m.adapterProblem() == null ? 1 : 0);
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(number(value)).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void labelled(StringBuilder sb, String name, String type, String help, String label,
                                 Map<String, ? extends Number> values) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        new java.util.TreeMap<>(values).forEach((k, v) -> sb.append(name).append('{').append(label).append("=\"")
                .append(k.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"} ")
                .append(v).append('\n'));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private void health(HttpServletRequest req, HttpServletResponse resp, ServerMetrics m) throws IOException {
        String which = req.getPathInfo() == null ? "" : req.getPathInfo();
        List<Map<String, Object>> checks = new java.util.ArrayList<>();
        if (!which.equals("/ready")) {
            checks.add(liveness(m));
        }
        if (!which.equals("/live")) {
            checks.add(readiness(m));
        }
        boolean up = checks.stream().allMatch(c -> "UP".equals(c.get("status")));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", up ? "UP" : "DOWN");
        o.put("checks", checks);
        write(resp, up ? 200 : 503, "application/json", Json.write(o, OperationsServlet::quoted));
    }

    /** The liveness check: the server runs (it answered these metrics). */
    static Map<String, Object> liveness(ServerMetrics m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connections", m.connections());
        data.put("uptimeMillis", m.uptimeMillis());
        return check("socketeer", true, data);
    }

    /** The readiness check: the adapter reaches the other nodes. */
    static Map<String, Object> readiness(ServerMetrics m) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (m.adapterProblem() != null) {
            data.put("adapter", m.adapterProblem());
        }
        return check("socketeer-adapter", m.adapterProblem() == null, data);
    }

    private static Map<String, Object> check(String name, boolean up, Map<String, Object> data) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("status", up ? "UP" : "DOWN");
        if (!data.isEmpty()) {
            c.put("data", data);
        }
        return c;
    }
}
