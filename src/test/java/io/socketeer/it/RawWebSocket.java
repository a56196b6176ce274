package io.socketeer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that speaks Engine.IO by hand (JDK client, no Socket.IO library): frames
 * received are queued as {@code String} (text) or {@code byte[]} (binary); server pings are answered
 * while {@link #autoPong} is on, and then not queued.
 */
public final class RawWebSocket implements WebSocket.Listener {
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private volatile boolean autoPong = true;
    private volatile int pingsAnswered;
    private volatile boolean reading = true;
    private WebSocket ws;

    public static RawWebSocket open(URI uri) throws Exception {
        RawWebSocket l = new RawWebSocket();
        l.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, l).get(10, TimeUnit.SECONDS);
        return l;
    }

    /** Answer server pings ({@code 2}) with pongs ({@code 3}) or stop answering. */
    public RawWebSocket autoPong(boolean on) {
        this.autoPong = on;
        return this;
    }

    /**
     * Stops reading: asks the JDK client for no more frames, so it stops reading the connection and
     * the server's writes back up (a stuck consumer). Pings go unanswered from then on.
     */
    RawWebSocket stopReading() {
        reading = false;
        return this;
    }

    int pingsAnswered() {
        return pingsAnswered;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String frame = text.toString();
            text.setLength(0);
            if (autoPong && "2".equals(frame)) {
                pingsAnswered++;
                try {
                    send("3");
                } catch (java.util.concurrent.CompletionException | IllegalStateException e) {
                    // closing: no pong to send
                }
            } else {
                frames.add(frame);
            }
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            frames.add(binary.toByteArray());
            binary = new java.io.ByteArrayOutputStream();
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** Sends a frame and waits until it is sent (one send at a time: the pongs go out from the listener). */
    synchronized void send(String frame) {
        ws.sendText(frame, true).join();
    }

    synchronized void send(byte[] frame) {
        ws.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    /** Sends one binary message as several frames (a first frame and continuation frames). */
    public synchronized void sendInFrames(byte[]... parts) {
        for (int i = 0; i < parts.length; i++) {
            ws.sendBinary(ByteBuffer.wrap(parts[i]), i == parts.length - 1).join();
        }
    }

    /** Sends one text message as several frames. */
    public synchronized void sendInFrames(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            ws.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    /** The next frame, waiting at most 5 s; fails when none comes. */
    public Object next() throws InterruptedException {
        Object f = frames.poll(5, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return f;
    }

    /** The next text frame (fails on a binary one). */
    String nextText() throws InterruptedException {
        Object f = next();
        if (!(f instanceof String s)) {
            throw new AssertionError("expected a text frame, got binary");
        }
        return s;
    }

    /** The next text frame that starts with {@code prefix}, skipping others. */
    String nextStartingWith(String prefix) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            Object f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f instanceof String s && s.startsWith(prefix)) {
                return s;
            }
        }
        throw new AssertionError("no frame starting with " + prefix);
    }

    /** The next frame if one comes within {@code ms}, else null. */
    public Object poll(long ms) throws InterruptedException {
        return frames.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting at most {@code ms}; null if still open. */
    public Integer closeCode(long ms) throws Exception {
        try {
            return closed.get(ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Sends a close frame with this code and reason, and stops. */
    public void close(int code, String reason) {
        ws.sendClose(code, reason).join();
        ws.abort();
    }

    public void close() {
        if (!closed.isDone()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            ws.abort();
        }
    }

    /**
     * Opens a session over WebSocket and joins {@code /}: returns the client after the Engine.IO
     * open packet and the Socket.IO CONNECT answer (and the conformance {@code auth} event) are read.
     */
    static RawWebSocket connected(Endpoints endpoints) throws Exception {
        RawWebSocket ws = open(endpoints.ws("EIO=4&transport=websocket"));
        String open = ws.nextText();
        if (!open.startsWith("0{\"sid\":")) {
            throw new AssertionError("not an open packet: " + open);
        }
        ws.send("40");
        String connect = ws.nextText();
        if (!connect.startsWith("40{\"sid\":")) {
            throw new AssertionError("not a CONNECT answer: " + connect);
        }
        ws.nextStartingWith("42[\"auth\"");
        return ws;
    }
}
