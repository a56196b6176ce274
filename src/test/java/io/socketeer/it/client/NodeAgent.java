package io.socketeer.it.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Node.js agent process ({@code src/test/node/agent.js}) that runs the official Node.js client:
 * one JSON command per line on its stdin, one answer per line on its stdout, matched by id, so
 * commands may overlap. One agent serves every Node.js test client of the JVM; it is started on
 * first use, started again if it died, and ends when the JVM does (its stdin closes).
 *
 * <p>Failures are {@link AssertionError}s that say which command failed and show the end of the
 * agent's stderr.
 */
final class NodeAgent {
    /** Added to a command's own waiting time before the agent is considered stuck. */
    private static final long MARGIN_MS = 5000;
    /** The running agents: socket.io-client 4.8.1, and 2.5.0 ({@code --v2}). */
    private static final Map<ClientKind, NodeAgent> SHARED = new java.util.EnumMap<>(ClientKind.class);

    private final Process process;
    private final Writer stdin;
    private final File stderr;
    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String exit;

    /** The running agent, started if there is none or it died. */
    static NodeAgent get() {
        return get(ClientKind.NODE);
    }

    /** The running agent of this client ({@link ClientKind#NODE} or {@link ClientKind#NODE_V2}). */
    static synchronized NodeAgent get(ClientKind kind) {
        NodeAgent a = SHARED.get(kind);
        if (a == null || !a.process.isAlive()) {
            a = start(kind == ClientKind.NODE_V2);
            SHARED.put(kind, a);
        }
        return a;
    }

    private static NodeAgent start(boolean v2) {
        String clients = System.getProperty("socketeer.testClients", "target/test-clients");
        File modules = new File(clients, "node_modules");
        if (!new File(modules, "socket.io-client").isDirectory()) {
            throw new AssertionError("no socket.io-client in " + modules.getAbsolutePath()
                    + ": run with -Ppayara, which installs the Node.js test clients");
        }
        try {
            List<String> command = new ArrayList<>(List.of("node", new File("src/test/node/agent.js").getAbsolutePath()));
            if (v2) {
                command.add("--v2");
            }
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("NODE_PATH", modules.getAbsolutePath());
            File err = File.createTempFile("node-agent", ".err");
            err.deleteOnExit();
            pb.redirectError(err);
            Process p = pb.start();
            NodeAgent agent = new NodeAgent(p, err);
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "node-agent-stop"));
            return agent;
        } catch (IOException e) {
            throw new AssertionError("cannot start node src/test/node/agent.js (is Node.js installed?)", e);
        }
    }

    private NodeAgent(Process process, File stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "node-agent-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAnswers() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject answer;
                long id;
                try (JsonReader jr = Json.createReader(new StringReader(line))) {
                    answer = jr.readObject();
                    id = answer.getJsonNumber("id").longValue();
                } catch (RuntimeException e) {
                    continue; // not an answer
                }
                CompletableFuture<JsonObject> f = pending.remove(id);
                if (f != null) {
                    f.complete(answer);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        try {
            exit = "exited with " + process.waitFor();
        } catch (InterruptedException e) {
            exit = "ended";
        }
        AssertionError dead = new AssertionError("node agent " + exit + "; stderr: " + stderrTail());
        pending.values().forEach(f -> f.completeExceptionally(dead));
    }

    /**
     * Sends a command and returns its result; {@code waitMs} is how long the command itself may wait
     * (the agent gets {@link #MARGIN_MS} more).
     */
    JsonValue call(String cmd, Map<String, Object> params, long waitMs) {
        long id = ids.incrementAndGet();
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", id).add("cmd", cmd);
        params.forEach((k, v) -> b.add(k, toJson(v)));
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (stdin) {
                stdin.write(b.build().toString());
                stdin.write('\n');
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            throw new AssertionError("node agent: cannot send " + cmd + " (" + (exit != null ? exit : e) + "); stderr: "
                    + stderrTail(), e);
        }
        JsonObject a;
        try {
            a = answer.get(waitMs + MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.remove(id);
            throw new AssertionError("node agent: no answer to " + cmd + " within " + (waitMs + MARGIN_MS)
                    + " ms; stderr: " + stderrTail());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError ae ? ae : new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!a.getBoolean("ok", false)) {
            throw new AssertionError("node agent: " + cmd + " failed: " + a.getString("error", a.toString()));
        }
        return a.get("result");
    }

    private String stderrTail() {
        try {
            String s = Files.readString(stderr.toPath(), StandardCharsets.UTF_8);
            return s.isEmpty() ? "(empty)" : s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    // --- values: JSON-like Java values <-> the agent's JSON, binary as {"$bin": base64}

    static JsonValue toJson(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof String s) {
            return Json.createValue(s);
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Json.createValue(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        if (v instanceof byte[] b) {
            return Json.createObjectBuilder().add("$bin", Base64.getEncoder().encodeToString(b)).build();
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            m.forEach((k, x) -> o.add(String.valueOf(k), toJson(x)));
            return o.build();
        }
        if (v instanceof Object[] arr) {
            return toJson(Arrays.asList(arr));
        }
        if (v instanceof Iterable<?> l) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            l.forEach(x -> a.add(toJson(x)));
            return a.build();
        }
        throw new IllegalArgumentException("not a JSON-like value: " + v.getClass().getName());
    }

    static Object fromJson(JsonValue v) {
        switch (v.getValueType()) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER:
                JsonNumber n = (JsonNumber) v;
                return n.isIntegral() ? Values.number(n.bigIntegerValue()) : (Object) n.doubleValue();
            case ARRAY:
                List<Object> l = new ArrayList<>();
                for (JsonValue x : (JsonArray) v) {
                    l.add(fromJson(x));
                }
                return l;
            default:
                JsonObject o = (JsonObject) v;
                if (o.size() == 1 && o.containsKey("$bin")) {
                    return Base64.getDecoder().decode(o.getString("$bin"));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                o.forEach((k, x) -> m.put(k, fromJson(x)));
                return m;
        }
    }
}
