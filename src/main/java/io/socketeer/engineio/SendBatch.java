package io.socketeer.engineio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Frames written together: while a thread dispatches an incoming packet (the handlers run, emit,
 * broadcast), each WebSocket that gets frames from that thread writes its first frame at once and
 * holds the others until the dispatch ends, then writes them in one go ({@code more}, see
 * {@link WebSocketConnection}). A handler broadcasting 200 events to 1,000 sockets thus costs each
 * socket two writes instead of 200 (and on Tomcat two thread hand-offs instead of 200).
 *
 * <p>A handler that emits and then blocks must not keep its frames back: {@link #HOLD_MS} after a
 * frame was first held, the batch is released while the handler still runs; later frames start a
 * new round (the first at once, the rest held). Frames sent from threads that dispatch nothing
 * (timers, servlets, other beans) are written at once, as before.
 *
 * <p>Thread-safety: the dispatching thread adds transports, the release timer may take them from
 * the scheduler's thread; the list is guarded by this object. Lock order: a transport's queue, then
 * this batch.
 */
public final class SendBatch {
    /** How long a frame may be held back at most while its handler still runs. */
    static final long HOLD_MS = 10;

    private static final ThreadLocal<SendBatch> CURRENT = new ThreadLocal<>();

    private final ScheduledExecutorService scheduler;
    private List<WebSocketTransport> transports;
    private ScheduledFuture<?> release;

    private SendBatch(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code work} as a dispatch: the frames it sends are written together when it ends (or
     * {@link #HOLD_MS} after the first was held, by a timer on {@code scheduler}). For other sources
     * of many frames at once, such as the messages a cluster adapter receives from other nodes.
     */
    public static void writeTogether(ScheduledExecutorService scheduler, Runnable work) {
        SendBatch batch = open(scheduler);
        try {
            work.run();
        } finally {
            if (batch != null) {
                batch.close();
            }
        }
    }

    /** Opens a batch on this thread; null when one is open already (the outer one writes). */
    static SendBatch open(ScheduledExecutorService scheduler) {
        if (CURRENT.get() != null) {
            return null;
        }
        SendBatch b = new SendBatch(scheduler);
        CURRENT.set(b);
        return b;
    }

    /** The batch open on this thread, or null. */
    static SendBatch current() {
        return CURRENT.get();
    }

    /** A transport writes its first frame of this round and holds the next ones. */
    synchronized void add(WebSocketTransport t) {
        if (transports == null) {
            transports = new ArrayList<>();
        }
        transports.add(t);
    }

    /** A transport holds a frame: make sure the round ends within {@link #HOLD_MS}. */
    synchronized void holding() {
        if (release == null) {
            release = scheduler.schedule(this::releaseRound, HOLD_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The dispatch ended: writes what every transport holds. */
    void close() {
        CURRENT.remove();
        ScheduledFuture<?> timer;
        synchronized (this) {
            timer = release;
            release = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        releaseAll();
    }

    private void releaseRound() {
        synchronized (this) {
            release = null;
        }
        releaseAll();
    }

    private void releaseAll() {
        List<WebSocketTransport> list;
        synchronized (this) {
            list = transports;
            transports = null;
        }
        if (list != null) {
            for (WebSocketTransport t : list) {
                t.release(this);
            }
        }
    }
}
