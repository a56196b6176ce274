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
        // both streams go to files: a pipe nobody reads before the exit would block (or, with Node,
        // truncate) any output larger than the pipe buffer (64 KiB)
        File out = File.createTempFile("node-client", ".out");
        File err = File.createTempFile("node-client", ".err");
        pb.redirectOutput(out);
        pb.redirectError(err);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " timed out; stdout: " + read(out) + "\nstderr: " + read(err));
            }
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(script + " exited " + p.exitValue() + ": " + read(out) + "\nstderr: " + read(err));
        }
        String stdout = read(out);
        out.delete();
        err.delete();
        return stdout;
    }

    private static String read(File f) throws IOException {
        return new String(java.nio.file.Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
    }
}
