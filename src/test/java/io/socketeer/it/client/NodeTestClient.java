package io.socketeer.it.client;

import io.socketeer.it.Endpoints;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TestClient} over the official Node.js client, a socket of the shared {@link NodeAgent}
 * (each connection its own Manager: {@code forceNew}, no reconnection).
 */
final class NodeTestClient implements TestClient {
    private final NodeAgent agent;
    private final ClientKind kind;
    private final String handle;
    private final String transport;
    private final String nsp;
    private final String id;

    private NodeTestClient(NodeAgent agent, ClientKind kind, String handle, String transport, String nsp, String id) {
        this.agent = agent;
        this.kind = kind;
        this.handle = handle;
        this.transport = transport;
        this.nsp = nsp;
        this.id = id;
    }

    /** A new connection to {@code nsp}, connected. */
    static NodeTestClient connect(String transport, Endpoints endpoints, String nsp, Map<String, String> auth) {
        return connect(ClientKind.NODE, transport, endpoints, nsp, auth);
    }

    /**
     * A new connection of socket.io-client 4.8.1 ({@link ClientKind#NODE}) or 2.5.0
     * ({@link ClientKind#NODE_V2}) to {@code nsp}, connected; {@code transport} may list several
     * ({@code polling,websocket}: the upgrade).
     */
    static NodeTestClient connect(ClientKind kind, String transport, Endpoints endpoints, String nsp,
            Map<String, String> auth) {
        NodeAgent agent = NodeAgent.get(kind);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("origin", endpoints.origin());
        params.put("path", endpoints.path());
        params.put("nsp", nsp);
        params.put("auth", auth);
        params.put("transports", List.of(transport.split(",")));
        params.put("timeoutMs", CONNECT_TIMEOUT.toMillis());
        JsonObject r = agent.call("connect", params, CONNECT_TIMEOUT.toMillis()).asJsonObject();
        return connected(agent, kind, r, transport, nsp, true);
    }

    @Override
    public TestClient socket(String otherNsp, Map<String, String> auth) {
        Map<String, Object> params = params();
        params.put("nsp", otherNsp);
        params.put("auth", auth);
        params.put("timeoutMs", CONNECT_TIMEOUT.toMillis());
        JsonObject r = agent.call("socket", params, CONNECT_TIMEOUT.toMillis()).asJsonObject();
        return connected(agent, kind, r, transport, otherNsp, false);
    }

    private static NodeTestClient connected(NodeAgent agent, ClientKind kind, JsonObject r, String transport,
            String nsp, boolean ownConnection) {
        String handle = r.getString("socket");
        NodeTestClient c = new NodeTestClient(agent, kind, handle, transport, nsp, r.getString("id", null));
        if (r.containsKey("id")) {
            return c;
        }
        if (ownConnection) {
            c.close();
        } else {
            c.disconnect();
        }
        if (r.containsKey("connectError")) {
            JsonObject err = r.getJsonObject("connectError");
            JsonValue data = err.get("data");
            throw new ConnectError(err.getString("message", null), data == null ? null : NodeAgent.fromJson(data));
        }
        if (r.containsKey("transportError")) {
            throw new AssertionError("node " + transport + ": connect to " + nsp + " failed: " + r.getString("transportError"));
        }
        throw new AssertionError("node " + transport + ": no connect to " + nsp + " within " + CONNECT_TIMEOUT.toMillis() + " ms");
    }

    private Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("socket", handle);
        return p;
    }

    private JsonValue call(String cmd, Map<String, Object> params, long waitMs) {
        try {
            return agent.call(cmd, params, waitMs);
        } catch (AssertionError e) {
            throw new AssertionError(this + ": " + e.getMessage(), e);
        }
    }

    // --- TestClient

    @Override
    public ClientKind kind() {
        return kind;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String namespace() {
        return nsp;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean connected() {
        return state().getBoolean("connected");
    }

    private JsonObject state() {
        return call("state", params(), 0).asJsonObject();
    }

    @Override
    public void emit(String event, Object... args) {
        Map<String, Object> p = params();
        p.put("event", event);
        p.put("args", Arrays.asList(args));
        call("emit", p, 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> emitWithAck(String event, Object... args) {
        Map<String, Object> p = params();
        p.put("event", event);
        p.put("args", Arrays.asList(args));
        p.put("timeoutMs", TIMEOUT.toMillis());
        return Collections.unmodifiableList((List<Object>) NodeAgent.fromJson(call("emitWithAck", p, TIMEOUT.toMillis())));
    }

    @Override
    public void answerAcksAfter(String event, Duration delay, Object... answer) {
        Map<String, Object> p = params();
        p.put("event", event);
        p.put("answer", Arrays.asList(answer));
        p.put("delayMs", delay.toMillis());
        call("ackPolicy", p, 0);
    }

    @Override
    public void ignoreAcks(String event) {
        Map<String, Object> p = params();
        p.put("event", event);
        p.put("answer", null);
        call("ackPolicy", p, 0);
    }

    @Override
    public Optional<Received> poll(String event, Duration wait) {
        Map<String, Object> p = params();
        p.put("event", event);
        p.put("timeoutMs", wait.toMillis());
        JsonValue r = call("poll", p, wait.toMillis());
        return r.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(received(r.asJsonObject()));
    }

    @Override
    public List<Received> drain(String event) {
        Map<String, Object> p = params();
        p.put("event", event);
        List<Received> out = new ArrayList<>();
        for (JsonValue v : call("drain", p, 0).asJsonArray()) {
            out.add(received(v.asJsonObject()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Received received(JsonObject r) {
        List<Object> args = (List<Object>) NodeAgent.fromJson(r.get("args"));
        return new Received(Collections.unmodifiableList(args), r.getBoolean("ack", false));
    }

    @Override
    public String disconnectReason() {
        return awaitReason("disconnectReason", "a disconnect");
    }

    @Override
    public String connectionCloseReason() {
        return awaitReason("closeReason", "the connection to close");
    }

    private String awaitReason(String cmd, String what) {
        Map<String, Object> p = params();
        p.put("timeoutMs", TIMEOUT.toMillis());
        JsonValue r = call(cmd, p, TIMEOUT.toMillis());
        if (r.getValueType() == JsonValue.ValueType.NULL) {
            throw new AssertionError(this + ": waited " + TIMEOUT.toMillis() + " ms for " + what);
        }
        return NodeAgent.fromJson(r).toString();
    }

    @Override
    public boolean connectionClosed() {
        return state().get("closeReason").getValueType() != JsonValue.ValueType.NULL;
    }

    @Override
    public int ackPacketsReceived() {
        return state().getInt("ackPackets");
    }

    @Override
    public void disconnect() {
        call("disconnect", params(), 0);
    }

    @Override
    public void dropConnection() {
        call("dropConnection", params(), 0);
    }

    @Override
    public void sendRaw(String text) {
        Map<String, Object> p = params();
        p.put("text", text);
        call("raw", p, 0);
    }

    @Override
    public void freeze(Duration period) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ms", period.toMillis());
        call("freeze", p, period.toMillis());
    }

    @Override
    public void close() {
        try {
            agent.call("close", params(), 0);
        } catch (AssertionError e) {
            // closing is best effort
        }
    }

    @Override
    public String toString() {
        return "node " + transport + " " + nsp + " " + id;
    }
}
