package io.socketeer.it;

import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-polling client that keeps polling on a thread of its own, as a real one does: it answers
 * pings (so it survives the conformance deployment's 300 ms heartbeat) and queues every other packet.
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
                        polling.post("3");
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

    /** Posts one packet; fails unless answered {@code ok}. */
    void send(String packet) throws Exception {
        HttpResponse<String> r = polling.post(packet);
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
        polling.post("1");
        thread.join(5000);
    }
}
