package io.socketeer.it.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A real {@code redis-server} (Debian's package; .ci/run installs it) on a free port of 127.0.0.1,
 * without persistence, started once per test JVM and stopped with it.
 */
final class RedisServer {
    private static RedisServer shared;

    private final int port;
    private final File log;
    private Process process;

    private RedisServer(int port, Process process, File log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The server of this JVM, started on first use. */
    static synchronized RedisServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private static RedisServer start() {
        int port = freePort();
        try {
            File log = File.createTempFile("redis-server", ".log");
            log.deleteOnExit();
            RedisServer server = new RedisServer(port, launch(port, log), log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-stop"));
            server.awaitPong();
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server (Debian package redis-server; .ci/run installs it)", e);
        }
    }

    private static Process launch(int port, File log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        return pb.start();
    }

    /** Stops the server (an outage); {@link #resume} starts it again on the same port. */
    synchronized void stop() {
        process.destroy();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on its port after {@link #stop}, empty. */
    synchronized void resume() {
        try {
            process = launch(port, log);
            awaitPong();
        } catch (IOException e) {
            throw new AssertionError("cannot restart redis-server", e);
        }
    }

    /** Sends PING until the server answers PONG (10 s at most). */
    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited: " + Files.readString(log.toPath()));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[7];
                int n = in.readNBytes(buf, 0, 7);
                if (new String(buf, 0, n, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("redis-server did not answer PING on " + port + ": " + Files.readString(log.toPath()));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
