package io.socketeer.it.cluster;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx (Debian's package; .ci/run installs it) running server-config/cluster/nginx.conf as shipped,
 * with only its listen port, its two upstream servers and its location path replaced.
 */
final class Nginx implements AutoCloseable {
    private static final String CONF = "server-config/cluster/nginx.conf";

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static Nginx start(List<Integer> upstreamPorts, String path) throws IOException {
        String conf = Files.readString(Path.of(CONF));
        int port = RedisServer.freePort();
        String withPorts = replaceOnce(conf, "listen 127.0.0.1:8080;", "listen 127.0.0.1:" + port + ";");
        withPorts = replaceOnce(withPorts, "server 127.0.0.1:8081;", "server 127.0.0.1:" + upstreamPorts.get(0) + ";");
        withPorts = replaceOnce(withPorts, "server 127.0.0.1:8082;", "server 127.0.0.1:" + upstreamPorts.get(1) + ";");
        withPorts = replaceOnce(withPorts, "location /socket.io/ {", "location " + path + " {");
        Path dir = Files.createTempDirectory("nginx");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("nginx.conf"), withPorts);
        String nginx = new File("/usr/sbin/nginx").canExecute() ? "/usr/sbin/nginx" : "nginx"; // sbin: not on every PATH
        ProcessBuilder pb = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off; master_process off; pid " + dir.resolve("nginx.pid") + "; error_log "
                + dir.resolve("logs/error.log") + " info;");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("logs/stdout.log").toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start nginx (Debian package nginx; .ci/run installs it)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "nginx-stop"));
        Nginx started = new Nginx(p, port, dir);
        started.awaitListening();
        return started;
    }

    private static String replaceOnce(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new AssertionError(CONF + " no longer has \"" + what + "\"");
        }
        return text.replace(what, with);
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + log());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                // not yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("nginx does not listen on " + port + ": " + log());
    }

    String log() {
        try {
            return Files.readString(dir.resolve("logs/stdout.log")) + Files.readString(dir.resolve("logs/error.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
