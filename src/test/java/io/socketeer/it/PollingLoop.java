package io.socketeer.it;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-polling client that keeps polling on a thread of its own, as a real one does: it answers
 * pings (so it survives the conformance deployment's 300 ms heartbeat) and queues every other packet.
 * Its POSTs go one at a time, as a real client's: two at once close the session ("data request
 * overlap"), which a pong posted while a test's large body was still uploading did on Payara.
 */
final class PollingLoop implements AutoCloseable {
    final RawPolling polling;
    private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    private PollingLoop(RawPolling polling) {
        this.polling = polling;
        thread = new Thread(this::loop, "polling-loop-" + polling.sid);
        thread.setDaemon(true);
        thread.start();
    }

    /** A polling session joined to {@code /}, the CONNECT answer and the conformance {@code auth} event read. */
    static PollingLoop joined(Endpoints endpoints) throws Exception {
        PollingLoop l = new PollingLoop(RawPolling.open(endpoints));
        l.send("40");
        l.nextStartingWith("40{\"sid\":");
        l.nextStartingWith("42[\"auth\"");
        return l;
    }

    private void loop() {
        while (running) {
            try {
                HttpResponse<String> r = polling.get();
                if (r.statusCode() != 200) {
                    failure = "GET answered " + r.statusCode() + " " + r.body();
                    return;
                }
                for (String packet : r.body().split("\u001e")) {
                    if (packet.equals("2")) {
                        post(HttpRequest.BodyPublishers.ofString("3"));
                    } else {
                        packets.add(packet);
                    }
                    if (packet.equals("1") || packet.equals("6") && !running) {
                        return;
                    }
                }
            } catch (Exception e) {
                failure = "polling failed: " + e;
                return;
            }
        }
    }

    /** Posts a body, after any POST still in flight: {@code chunked} without a Content-Length. */
    HttpResponse<String> post(byte[] bytes, boolean chunked) throws Exception {
        return post(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private synchronized HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return polling.http.send(HttpRequest.newBuilder(polling.uri()).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts one packet; fails unless answered {@code ok}. */
    void send(String packet) throws Exception {
        HttpResponse<String> r = post(packet.getBytes(StandardCharsets.UTF_8), false);
        if (r.statusCode() != 200) {
            throw new AssertionError("POST answered " + r.statusCode() + " " + r.body() + "; " + failure);
        }
    }

    /** The next packet starting with {@code prefix}, skipping others, within 5 s. */
    String nextStartingWith(String prefix) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            String p = packets.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.startsWith(prefix)) {
                return p;
            }
        }
        throw new AssertionError("no packet starting with " + prefix + (failure == null ? "" : "; " + failure));
    }

    /** Closes the session as a client does ({@code 1}); the held GET gets its noop. */
    @Override
    public void close() throws Exception {
        running = false;
        post(HttpRequest.BodyPublishers.ofString("1"));
        thread.join(5000);
    }
}
