package io.socketeer.adapter;

import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The in-memory adapter with connection state recovery (socket.io-adapter's
 * {@code SessionAwareAdapter}, what the reference server uses when {@code connectionStateRecovery} is
 * on and no other adapter is set).
 *
 * <p>Every broadcast EVENT without an ack and not volatile gets an offset appended as its last
 * argument (the client keeps the last one it handled) and is kept for
 * {@code maxDisconnectionDuration}. A socket that left for a recoverable reason is kept as a
 * {@link PersistedSession} for as long; {@link #restoreSession} finds it by its private id and returns
 * the packets broadcast after the client's offset that were meant for its rooms, in order.
 *
 * <p>Expired sessions and packets go away: the oldest packets are dropped on each broadcast, and a
 * cleanup timer runs while anything is kept (at most every minute, as the reference's), so an idle
 * adapter has no timer scheduled; {@link #close} cancels it and forgets everything.
 *
 * <pre>{@code
 * AdapterFactory f = nsp -> new SessionAwareAdapter(nsp, Duration.ofMinutes(2), scheduler);
 * }</pre>
 */
public class SessionAwareAdapter extends InMemoryAdapter {
    private static final long MAX_CLEANUP_PERIOD_MS = 60_000;

    private final long maxDisconnectionMs;
    private final long cleanupPeriodMs;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final Map<String, Kept> sessions = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /**
     * Read-held by a broadcast from keeping its packet until it has handed it to every recipient,
     * write-held by {@link #restoreSession} while it looks for missed packets: so a packet it finds was
     * handed out already (to a recovering socket that was reachable, which then holds it and drops the
     * copy), and one it does not find is handed out later.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock order =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** The kept packets, oldest first, from index {@link #first}; their sequence numbers follow each other. */
    private final ArrayList<Stored> packets = new ArrayList<>();
    private int first;
    /** The sequence number of the next packet; offsets are these numbers in base 36. */
    private long nextSeq = System.currentTimeMillis() * 1000;
    private ScheduledFuture<?> cleanup;
    private boolean closed;

    /** A session kept since {@code disconnectedAt} (ms of {@link #clock}). */
    private record Kept(PersistedSession session, long disconnectedAt) {
    }

    /** A kept packet: its sequence number, for whom it was, the packet with its offset, when. */
    private record Stored(long seq, BroadcastOptions opts, Packet packet, long emittedAt) {
    }

    /**
     * @param scheduler runs the cleanup; null for none (expired packets still go on each broadcast,
     *                  expired sessions when asked for)
     */
    public SessionAwareAdapter(AdapterHost nsp, Duration maxDisconnectionDuration, ScheduledExecutorService scheduler) {
        this(nsp, maxDisconnectionDuration, scheduler, () -> System.nanoTime() / 1_000_000);
    }

    /** With a clock in milliseconds (tests). */
    public SessionAwareAdapter(AdapterHost nsp, Duration maxDisconnectionDuration, ScheduledExecutorService scheduler,
                               LongSupplier clock) {
        super(nsp);
        this.maxDisconnectionMs = maxDisconnectionDuration.toMillis();
        this.cleanupPeriodMs = Math.max(100, Math.min(MAX_CLEANUP_PERIOD_MS, maxDisconnectionMs));
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public boolean sessionAware() {
        return true;
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        boolean event = packet.type() == PacketType.EVENT || packet.type() == PacketType.BINARY_EVENT;
        // packets with an ack are not kept (the ack could not be answered after a recovery), nor volatile ones
        if (!event || packet.hasId() || opts.flags().volatile_()) {
            super.broadcast(packet, opts);
            return;
        }
        Packet withOffset;
        order.readLock().lock();
        try {
            synchronized (lock) {
                long seq = nextSeq++;
                List<Object> data = new ArrayList<>(packet.list().size() + 1);
                data.addAll(packet.list());
                data.add(Long.toString(seq, 36)); // last: the client keeps it as the offset it has reached
                withOffset = new Packet(packet.type(), packet.nsp(), Packet.NO_ID, Collections.unmodifiableList(data));
                long now = clock.getAsLong();
                packets.add(new Stored(seq, opts, withOffset, now));
                dropExpiredPackets(now);
                scheduleCleanup();
            }
            super.broadcast(withOffset, opts);
        } finally {
            order.readLock().unlock();
        }
    }

    @Override
    public void persistSession(PersistedSession session) {
        PersistedSession kept = new PersistedSession(session.sid(), session.pid(), Set.copyOf(session.rooms()),
                Map.copyOf(session.data()), List.of());
        sessions.put(session.pid(), new Kept(kept, clock.getAsLong()));
        synchronized (lock) {
            scheduleCleanup();
        }
    }

    /**
     * The session kept under {@code pid} with the packets broadcast to its rooms after {@code offset};
     * null when there is none, it expired, or the offset is unknown or no longer kept (the reference
     * adapter's rules). The session stays kept until it expires or the socket leaves again.
     */
    @Override
    public CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
        Kept kept = pid == null ? null : sessions.get(pid);
        if (kept == null) {
            return CompletableFuture.completedFuture(null);
        }
        long now = clock.getAsLong();
        if (kept.disconnectedAt() + maxDisconnectionMs < now) {
            sessions.remove(pid, kept);
            return CompletableFuture.completedFuture(null);
        }
        long seq = parseOffset(offset);
        PersistedSession s = kept.session();
        List<Packet> missed = new ArrayList<>();
        order.writeLock().lock();
        try {
            synchronized (lock) {
                if (seq < 0 || first >= packets.size()) {
                    return CompletableFuture.completedFuture(null);
                }
                long firstSeq = packets.get(first).seq();
                if (seq < firstSeq || seq >= nextSeq) {
                    return CompletableFuture.completedFuture(null);
                }
                for (int i = first + (int) (seq - firstSeq) + 1; i < packets.size(); i++) {
                    Stored p = packets.get(i);
                    if (isFor(s.rooms(), p.opts())) {
                        missed.add(p.packet());
                    }
                }
            }
        } finally {
            order.writeLock().unlock();
        }
        return CompletableFuture.completedFuture(new PersistedSession(s.sid(), s.pid(), s.rooms(), s.data(),
                Collections.unmodifiableList(missed)));
    }

    private static long parseOffset(String offset) {
        if (offset == null || offset.isEmpty() || offset.length() > 13) {
            return -1;
        }
        try {
            return Long.parseLong(offset, 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a socket in {@code rooms} was among the receivers of a broadcast with these options. */
    private static boolean isFor(Set<String> rooms, BroadcastOptions opts) {
        boolean included = opts.rooms().isEmpty();
        for (String room : rooms) {
            if (opts.except().contains(room)) {
                return false;
            }
            included |= opts.rooms().contains(room);
        }
        return included;
    }

    /** Drops the packets older than maxDisconnectionDuration. Under {@link #lock}. */
    private void dropExpiredPackets(long now) {
        long threshold = now - maxDisconnectionMs;
        while (first < packets.size() && packets.get(first).emittedAt() < threshold) {
            packets.set(first, null);
            first++;
        }
        if (first == packets.size()) {
            packets.clear();
            first = 0;
        } else if (first > 1024 && first > packets.size() / 2) {
            packets.subList(0, first).clear();
            first = 0;
        }
    }

    /** Arms the cleanup timer unless it is armed. Under {@link #lock}. */
    private void scheduleCleanup() {
        if (cleanup != null || closed || scheduler == null) {
            return;
        }
        try {
            cleanup = scheduler.schedule(this::cleanup, cleanupPeriodMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is stopping: close() follows and forgets everything
        }
    }

    /** Forgets expired sessions and packets; runs again later while anything is kept. */
    private void cleanup() {
        long now = clock.getAsLong();
        sessions.values().removeIf(k -> k.disconnectedAt() + maxDisconnectionMs < now);
        synchronized (lock) {
            cleanup = null;
            dropExpiredPackets(now);
            if (first < packets.size() || !sessions.isEmpty()) {
                scheduleCleanup();
            }
        }
    }

    /** Cancels the cleanup and forgets every session and packet. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (cleanup != null) {
                cleanup.cancel(false);
                cleanup = null;
            }
            packets.clear();
            first = 0;
        }
        sessions.clear();
        super.close();
    }

    /** The number of sessions kept (for leak checks and metrics). */
    public int sessionCount() {
        return sessions.size();
    }

    /** The number of packets kept. */
    public int packetCount() {
        synchronized (lock) {
            return packets.size() - first;
        }
    }

    /** Whether the cleanup timer is armed (it is not once nothing is kept). */
    public boolean cleanupScheduled() {
        synchronized (lock) {
            return cleanup != null;
        }
    }
}
