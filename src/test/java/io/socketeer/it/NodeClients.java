package io.socketeer.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code src/test/node} with the official Node.js client installed by the build
 * (system property {@code socketeer.testClients}) and returns its standard output.
 */
public final class NodeClients {
    private NodeClients() {
    }

    /** Runs {@code node src/test/node/<script> args...}; fails on a non-zero exit or after the timeout. */
    public static String run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        String clients = System.getProperty("socketeer.testClients", "target/test-clients");
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        cmd.add(new File("src/test/node/" + script).getAbsolutePath());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("NODE_PATH", new File(clients, "node_modules").getAbsolutePath());
        File err = File.createTempFile("node-client", ".err");
        pb.redirectError(err);
        Process p = pb.start();
        byte[] out;
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " timed out; stderr: " + read(err));
            }
            out = p.getInputStream().readAllBytes();
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(script + " exited " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8)
                    + "\nstderr: " + read(err));
        }
        err.delete();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(File f) throws IOException {
        return new String(java.nio.file.Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
    }
}
