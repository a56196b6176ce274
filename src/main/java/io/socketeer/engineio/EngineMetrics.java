package io.socketeer.engineio;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the Engine.IO server counts while it runs, for metrics: sessions opened, messages and their
 * sizes in and out, and refused requests by engine.io's error code (its {@code connection_error}).
 * Counting is a {@link LongAdder} increment, cheap on the hot path; the figures are read on demand.
 *
 * <p>Sizes are {@link EnginePacket#bufferedSize}: bytes of binary data, characters of text (equal to
 * bytes for ASCII; UTF-8 may take more), before framing. A message to many clients counts once per
 * client; heartbeat and other control packets are not counted.
 */
public final class EngineMetrics {
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicLongArray errors = new AtomicLongArray(EngineError.values().length);

    void opened() {
        sessionsOpened.increment();
    }

    void in(EnginePacket p) {
        messagesIn.increment();
        bytesIn.add(p.bufferedSize());
    }

    void out(EnginePacket p) {
        messagesOut.increment();
        bytesOut.add(p.bufferedSize());
    }

    /** A request refused with this error (counted by its code). */
    public void refused(EngineError error) {
        errors.incrementAndGet(error.ordinal());
    }

    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    public long messagesIn() {
        return messagesIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long messagesOut() {
        return messagesOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Requests refused with this error so far. */
    public long refusedWith(EngineError error) {
        return errors.get(error.ordinal());
    }
}
