package io.socketeer.it.cluster;

import io.socketeer.it.Endpoints;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js server of the cluster test on a free port: src/test/node/cluster-node.js (socket.io 4.8
 * with {@code @socket.io/redis-adapter} 8.3, linked to the test's Redis server), or another script
 * of src/test/node that prints {@code listening <port>} once it serves.
 */
final class NodeClusterNode implements AutoCloseable {
    private final Process process;
    private final int port;
    private final File err;

    private NodeClusterNode(Process process, int port, File err) {
        this.process = process;
        this.port = port;
        this.err = err;
    }

    /** Runs {@code node src/test/node/<script> <free port> <args...>}. */
    static NodeClusterNode start(String script, String... args) {
        int port = RedisServer.freePort();
        try {
            List<String> command = new ArrayList<>(List.of("node", new File("src/test/node/" + script).getAbsolutePath(),
                    Integer.toString(port)));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("NODE_PATH", modules().getAbsolutePath());
            File err = File.createTempFile("cluster-node", ".err");
            err.deleteOnExit();
            pb.redirectError(err);
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "cluster-node-stop"));
            NodeClusterNode node = new NodeClusterNode(p, port, err);
            node.awaitListening();
            return node;
        } catch (IOException e) {
            throw new AssertionError("cannot start node src/test/node/" + script, e);
        }
    }

    /**
     * Waits for the first line on stdout; the lines after it are read and dropped, so the node never
     * blocks on a full pipe.
     */
    private void awaitListening() {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                line.complete(out.readLine());
                while (out.readLine() != null) {
                    // drained
                }
            } catch (IOException e) {
                line.complete(null);
            }
        }, "cluster-node-stdout");
        reader.setDaemon(true);
        reader.start();
        String first;
        try {
            first = line.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            first = null;
        }
        if (first == null || !first.startsWith("listening")) {
            process.destroy();
            throw new AssertionError("the Node.js cluster node did not start: " + first + "; stderr: " + stderr());
        }
    }

    /**
     * Whether the node still runs, and if not its exit code and stderr: a test that cannot reach it
     * says why (the node has died after it printed {@code listening} before).
     */
    String state() {
        if (process.isAlive()) {
            return "the Node.js cluster node on port " + port + " is running";
        }
        String stderr = stderr();
        if (stderr.length() > 4000) {
            stderr = "..." + stderr.substring(stderr.length() - 4000);
        }
        return "the Node.js cluster node on port " + port + " exited with code " + process.exitValue() + "; stderr: " + stderr;
    }

    private String stderr() {
        try {
            return Files.readString(err.toPath());
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static File modules() {
        return new File(System.getProperty("socketeer.testClients", "target/test-clients"), "node_modules");
    }

    int port() {
        return port;
    }

    Endpoints endpoints() {
        return new Endpoints("http://127.0.0.1:" + port, "/socket.io");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
