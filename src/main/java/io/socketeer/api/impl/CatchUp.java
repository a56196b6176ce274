package io.socketeer.api.impl;

import io.socketeer.adapter.Adapter;
import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A socket recovered by connection state recovery, from its restore until its CONNECT answer: the
 * broadcasts that reach it meanwhile are held; {@link #finish} then asks the adapter again for what
 * the client missed after its offset (that list ends where the held broadcasts begin, so nothing
 * falls between), writes those packets, then the held ones that are not among them (same offset),
 * then CONNECT, all under this object's lock, so a broadcast waiting in {@link #hold} is written after.
 *
 * <p>A broadcast can also reach the socket live only after that: it was in the adapter's store when
 * {@link #finish} read it (and so written as missed), but its live delivery still travelled (a node's
 * own broadcast whose local delivery waits for the store's answer, or another node's still in the
 * reader). For {@link #REPLAY_WINDOW_NANOS} after the finish, a broadcast whose offset was among the
 * missed ones is therefore dropped ({@link #replayedAlready}); seen on Payara with the Redis Streams
 * adapter, where a recovered client got one event twice.
 */
final class CatchUp {
    private static final Logger LOG = Logger.getLogger(CatchUp.class.getName());

    private final PersistedSession restored;
    private final String offset;
    /** Broadcasts held meanwhile; null once finished or abandoned. Guarded by this. */
    private List<Held> held = new ArrayList<>();
    /** After the finish: the offsets written as missed, not seen live since; null when none. Guarded by this. */
    private Set<Object> replayed;
    private long replayedUntil;
    static final long REPLAY_WINDOW_NANOS = 10_000_000_000L;

    private record Held(Packet packet, List<EnginePacket> frames, BroadcastFlags flags) {
    }

    /** {@code restored}: the session as the CONNECT found it; {@code offset}: the client's. */
    CatchUp(PersistedSession restored, String offset) {
        this.restored = restored;
        this.offset = offset;
    }

    /** Holds a broadcast; false once finished (the caller writes it itself). */
    synchronized boolean hold(Packet packet, List<EnginePacket> frames, BroadcastFlags flags) {
        if (held == null) {
            return false;
        }
        held.add(new Held(packet, frames, flags));
        return true;
    }

    /** The handshake failed: nothing is written. */
    synchronized void abandon() {
        held = null;
    }

    /**
     * Writes what the client missed, the held broadcasts, then runs {@code connect} (CONNECT written,
     * the socket connected). Returns the held packets written (for the outgoing listeners, called by
     * the caller outside any lock), or null when abandoned meanwhile.
     */
    List<Packet> finish(Adapter adapter, Function<Packet, List<EnginePacket>> encode,
                        BiConsumer<List<EnginePacket>, BroadcastFlags> write, Runnable connect) {
        PersistedSession now = null;
        try {
            now = adapter.restoreSession(restored.pid(), offset).toCompletableFuture().join();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "restoring the session of " + restored.sid() + " again failed", e);
        }
        // null: it expired in between (ms); what the CONNECT found is then the best there is
        List<Packet> missed = now != null ? now.missedPackets() : restored.missedPackets();
        List<Packet> written = new ArrayList<>();
        synchronized (this) {
            if (held == null) {
                return null;
            }
            Set<Object> offsets = new HashSet<>();
            for (Packet p : missed) {
                offsets.add(lastArgument(p));
                write.accept(encode.apply(p), BroadcastFlags.NONE);
            }
            for (Held h : held) {
                Object last = lastArgument(h.packet());
                if (last == null || !offsets.contains(last)) {
                    write.accept(h.frames(), h.flags());
                    written.add(h.packet());
                }
            }
            connect.run();
            held = null;
            if (!offsets.isEmpty()) {
                replayed = offsets;
                replayedUntil = System.nanoTime() + REPLAY_WINDOW_NANOS;
            }
        }
        return written;
    }

    /**
     * After the finish: whether this broadcast was already written as missed (then it is dropped).
     * Each offset is dropped once.
     */
    synchronized boolean replayedAlready(Packet packet) {
        if (replayed == null) {
            return false;
        }
        if (System.nanoTime() - replayedUntil > 0) {
            replayed = null;
            return false;
        }
        Object last = lastArgument(packet);
        boolean seen = last != null && replayed.remove(last);
        if (replayed.isEmpty()) {
            replayed = null;
        }
        return seen;
    }

    /** Finished, and nothing left to drop: the socket may forget this. */
    synchronized boolean over() {
        return held == null && replayed == null;
    }

    /** The last argument of an event if it is a string (an offset, for a kept broadcast), else null. */
    private static Object lastArgument(Packet p) {
        if (!(p.data() instanceof List<?> l) || l.isEmpty()) {
            return null;
        }
        Object last = l.get(l.size() - 1);
        return last instanceof String ? last : null;
    }
}
