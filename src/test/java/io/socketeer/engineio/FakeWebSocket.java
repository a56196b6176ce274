package io.socketeer.engineio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The sending side of a WebSocket that records frames. Sends complete synchronously by default;
 * in manual mode each completion waits for {@link #completeOne()}. Also checks that the transport
 * never has two sends in flight.
 */
public final class FakeWebSocket implements WebSocketConnection {
    private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final List<Object> all = new ArrayList<>();
    private final List<Boolean> more = new ArrayList<>();
    private final ArrayDeque<SendCallback> pending = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean manual;
    private volatile java.util.concurrent.Executor completer;
    private volatile int closeCode = -1;
    private volatile int maxInFlight;
    private volatile Consumer<String> onText = t -> { };
    private volatile Throwable failWith;
    private volatile Runnable onClose = () -> { };

    /** Sends wait for {@link #completeOne()}. */
    public FakeWebSocket manual() {
        manual = true;
        return this;
    }

    /** Sends complete later, on this executor (as a container's I/O thread would). */
    public FakeWebSocket completeOn(java.util.concurrent.Executor executor) {
        this.completer = executor;
        return this;
    }

    /** Called with every text frame, before the send completes (e.g. to answer pings). */
    public FakeWebSocket onText(Consumer<String> hook) {
        this.onText = hook;
        return this;
    }

    /** Called by {@link #close}, e.g. to report the socket closed at once, as a container may. */
    public FakeWebSocket onClose(Runnable hook) {
        this.onClose = hook;
        return this;
    }

    /** The next send fails with this error. */
    public void failNextSend(Throwable t) {
        failWith = t;
    }

    @Override
    public void sendText(String text, boolean more, SendCallback done) {
        record(text, more);
        onText.accept(text);
        complete(done);
    }

    @Override
    public void sendBinary(byte[] data, boolean more, SendCallback done) {
        record(data.clone(), more);
        complete(done);
    }

    private void record(Object frame, boolean moreBehind) {
        int n = inFlight.incrementAndGet();
        synchronized (this) {
            maxInFlight = Math.max(maxInFlight, n);
            all.add(frame);
            more.add(moreBehind);
        }
        frames.add(frame);
    }

    private void complete(SendCallback done) {
        Throwable f = failWith;
        if (f != null) {
            failWith = null;
            inFlight.decrementAndGet();
            done.done(f);
            return;
        }
        java.util.concurrent.Executor ex = completer;
        if (ex != null) {
            ex.execute(() -> {
                inFlight.decrementAndGet();
                done.done(null);
            });
        } else if (manual) {
            synchronized (pending) {
                pending.add(done);
            }
        } else {
            inFlight.decrementAndGet();
            done.done(null);
        }
    }

    /** Completes the oldest send still in flight; false when there is none. */
    public boolean completeOne() {
        SendCallback cb;
        synchronized (pending) {
            cb = pending.poll();
        }
        if (cb == null) {
            return false;
        }
        inFlight.decrementAndGet();
        cb.done(null);
        return true;
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closed.countDown();
        onClose.run();
    }

    /** The next frame (String or byte[]), or null after the timeout. */
    public Object nextFrame(long ms) {
        try {
            return frames.poll(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame, which must be a text frame. */
    public String nextText() {
        Object f = nextFrame(2000);
        if (f == null) {
            throw new AssertionError("no frame within 2 s; frames so far: " + describe(all()));
        }
        if (!(f instanceof String s)) {
            throw new AssertionError("expected a text frame, got " + describe(List.of(f)));
        }
        return s;
    }

    /** The next frame, which must be a binary frame. */
    public byte[] nextBinary() {
        Object f = nextFrame(2000);
        if (!(f instanceof byte[] b)) {
            throw new AssertionError("expected a binary frame, got " + (f == null ? "nothing" : describe(List.of(f))));
        }
        return b;
    }

    /** True when no frame arrives within {@code ms}. */
    public boolean silentFor(long ms) {
        return nextFrame(ms) == null;
    }

    /** Every frame sent so far, in order. */
    public synchronized List<Object> all() {
        return new ArrayList<>(all);
    }

    /** For every frame sent so far, in order, whether the transport said more were queued behind it. */
    public synchronized List<Boolean> moreFlags() {
        return new ArrayList<>(more);
    }

    /** Text frames sent so far, in order. */
    public synchronized List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Object o : all) {
            if (o instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean awaitClosed(long ms) {
        try {
            return closed.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    public int closeCode() {
        return closeCode;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    private static String describe(List<Object> frames) {
        List<String> out = new ArrayList<>();
        for (Object o : frames) {
            out.add(o instanceof byte[] b ? "bin" + Arrays.toString(b) : String.valueOf(o));
        }
        return out.toString();
    }
}
