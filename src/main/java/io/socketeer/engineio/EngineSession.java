package io.socketeer.engineio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Engine.IO session (a "socket" in engine.io's words): its id, its current transport, the
 * server-sent heartbeat, the buffer of packets waiting for the transport, and the upgrade from
 * long-polling to WebSocket.
 *
 * <p>Packets are queued in one buffer that belongs to the session, not to a transport, and handed
 * to whichever transport is current when it can take them; that is what keeps packets from being
 * lost, duplicated or reordered across an upgrade. All state changes happen under {@link #lock};
 * I/O and listener calls happen after it is released.
 */
public final class EngineSession {
    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());

    /** Life cycle of a session. */
    public enum State { OPENING, OPEN, CLOSING, CLOSED }

    final Object lock = new Object();
    private final EngineServer server;
    private final String id;
    private final EngineRequest request;
    /** The Engine.IO protocol revision of the client: 4, or 3 ({@link EngineOptions#allowEIO3}). */
    private final int protocol;
    /** An Engine.IO v3 client that did not ask for base64 ({@code b64}) takes binary polling payloads. */
    private final boolean supportsBinary;
    private final ArrayDeque<EnginePacket> writeBuffer = new ArrayDeque<>();
    /** About the bytes of the application's packets in {@link #writeBuffer} ({@link EnginePacket#bufferedSize}). */
    private long writeBufferBytes;
    private State state = State.OPENING;
    private Transport transport;
    private WebSocketTransport upgradeCandidate;
    private boolean upgraded;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> pingTimeoutTimer;
    private ScheduledFuture<?> upgradeTimer;
    private ScheduledFuture<?> upgradeCheckTimer;
    private ScheduledFuture<?> closeTimer;
    /** Pings sent so far; tells a ping timeout whether its ping is still the one awaiting a pong. */
    private long pings;
    private volatile SessionListener listener = SessionListener.NONE;

    EngineSession(EngineServer server, String id, EngineRequest request) {
        this.server = server;
        this.id = id;
        this.request = request;
        this.protocol = "3".equals(request.query().get("EIO")) ? 3 : 4;
        this.supportsBinary = !request.query().containsKey("b64");
    }

    /**
     * The client's Engine.IO protocol revision: 4, or 3 for a Socket.IO v2 client
     * ({@link EngineOptions#allowEIO3}), which pings the server itself and frames payloads and binary
     * packets as Engine.IO v3 does ({@link PacketCodecV3}).
     */
    public int protocol() {
        return protocol;
    }

    /** An Engine.IO v3 client that takes binary polling payloads (it did not ask for {@code b64}). */
    boolean supportsBinary() {
        return supportsBinary;
    }

    /** The session id ({@code sid}). */
    public String id() {
        return id;
    }

    EngineServer server() {
        return server;
    }

    /** The request that opened the session. */
    public EngineRequest request() {
        return request;
    }

    /** The current transport's name: {@code polling} or {@code websocket}. */
    public String transportName() {
        synchronized (lock) {
            return transport.name();
        }
    }

    /** Whether the session went from polling to WebSocket. */
    public boolean upgraded() {
        synchronized (lock) {
            return upgraded;
        }
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Sets who receives this session's messages and its close. */
    public void listener(SessionListener listener) {
        this.listener = listener;
    }

    /** Sends a text message ({@code 4<text>}). */
    public void send(String text) {
        send(EnginePacket.message(text));
    }

    /** Sends a binary message. */
    public void send(byte[] data) {
        send(EnginePacket.message(data));
    }

    /**
     * Queues one packet and flushes. Past {@link EngineOptions#maxWriteBufferSize} of packets waiting
     * for this client, the session closes instead ("transport error").
     */
    public void send(EnginePacket packet) {
        Runnable io;
        long overflow;
        synchronized (lock) {
            if (state != State.OPEN && state != State.OPENING) {
                return;
            }
            writeBuffer.add(packet);
            writeBufferBytes += packet.bufferedSize();
            server.metrics().out(packet);
            io = flushLocked();
            overflow = overflowLocked();
        }
        finish(io, overflow);
    }

    /**
     * Queues several packets as one unit, so that no other packet lands between them (a Socket.IO
     * packet and its binary attachments), and flushes.
     */
    public void sendAll(List<EnginePacket> packets) {
        Runnable io;
        long overflow;
        synchronized (lock) {
            if (state != State.OPEN && state != State.OPENING) {
                return;
            }
            writeBuffer.addAll(packets);
            writeBufferBytes += EnginePacket.bufferedSize(packets);
            for (EnginePacket p : packets) {
                server.metrics().out(p);
            }
            io = flushLocked();
            overflow = overflowLocked();
        }
        finish(io, overflow);
    }

    /** Under the lock: the bytes waiting for this client when they are over the limit, else -1. */
    private long overflowLocked() {
        long waiting = writeBufferBytes + transport.bufferedBytes();
        return waiting > server.options().maxWriteBufferSize() ? waiting : -1;
    }

    /**
     * Runs the I/O of a send, or closes the session when the client does not read what it is sent
     * (a stuck or very slow consumer): what waits for it is dropped, other sessions go on.
     */
    private void finish(Runnable io, long overflow) {
        if (overflow < 0) {
            run(io);
            return;
        }
        LOG.log(Level.INFO, "session {0}: closed, {1} bytes wait for a client that does not read (maxWriteBufferSize {2})",
                new Object[] {id, overflow, server.options().maxWriteBufferSize()});
        onClose("transport error", false);
    }

    /**
     * Whether a packet sent now would go out at once, without waiting in a buffer: Socket.IO's
     * volatile events are dropped when it is false.
     */
    public boolean isWritable() {
        synchronized (lock) {
            return state == State.OPEN && writeBuffer.isEmpty() && transport.isWritable();
        }
    }

    /** Closes the session from the server side once buffered packets are out ("forced close"). */
    public void close() {
        Runnable io;
        boolean closedNow;
        synchronized (lock) {
            if (state != State.OPEN && state != State.OPENING) {
                return;
            }
            state = State.CLOSING;
            Runnable flushIo = flushLocked();
            Runnable closeIo = transport.close(true, false);
            io = both(flushIo, closeIo);
            closedNow = !(transport instanceof PollingTransport p) || !p.closePending();
            if (!closedNow) {
                // no GET to carry the close packet yet: give the client a heartbeat's time to poll
                closeTimer = schedule(server.options().pingInterval() + server.options().pingTimeout(),
                        () -> onClose("forced close", false));
            }
        }
        run(io);
        if (closedNow) {
            onClose("forced close", false);
        }
    }

    // --- called by the server and the transports ---

    void start(Transport initial) {
        synchronized (lock) {
            transport = initial;
        }
    }

    /** Opens the session: sends the handshake packet and starts the heartbeat. */
    void open() {
        EngineOptions o = server.options();
        boolean offerUpgrade;
        synchronized (lock) {
            offerUpgrade = transport instanceof PollingTransport && o.offersUpgrade();
        }
        String handshake = "{\"sid\":\"" + id + "\",\"upgrades\":" + (offerUpgrade ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + o.pingInterval() + ",\"pingTimeout\":" + o.pingTimeout()
                + ",\"maxPayload\":" + o.maxHttpBufferSize() + "}";
        Runnable io;
        synchronized (lock) {
            if (state != State.OPENING) {
                return;
            }
            state = State.OPEN;
            // first, ahead of what was sent while opening (a v3 client's CONNECT to "/")
            writeBuffer.addFirst(EnginePacket.of(PacketType.OPEN, handshake));
            if (protocol == 3) {
                expectPingLocked();
            } else {
                schedulePingLocked();
            }
            io = flushLocked();
        }
        run(io);
    }

    /** Under the lock: hands the buffer to the transport if it can take it; returns the I/O. */
    Runnable flushLocked() {
        // nothing goes out before the open packet (a v2 client's CONNECT to "/" is sent while opening)
        if (state == State.CLOSED || state == State.OPENING || writeBuffer.isEmpty() || !transport.canSend()) {
            return null;
        }
        List<EnginePacket> batch = new ArrayList<>(writeBuffer);
        writeBuffer.clear();
        writeBufferBytes = 0;
        return transport.send(batch);
    }

    /** Under the lock: the current transport when it is long-polling, else null. */
    PollingTransport isCurrentPolling() {
        return state != State.CLOSED && transport instanceof PollingTransport p ? p : null;
    }

    /** Under the lock: whether {@code t} is the current transport. */
    boolean isCurrent(Transport t) {
        return transport == t && state != State.CLOSED;
    }

    void onTransportPacket(Transport from, EnginePacket packet) {
        SessionListener l;
        Runnable upgradeIo = null;
        boolean upgradedNow = false;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            if (from != transport) {
                if (from == upgradeCandidate) {
                    upgradeIo = onUpgradePacketLocked((WebSocketTransport) from, packet);
                    upgradedNow = transport == from;
                }
                l = null;
            } else {
                l = listener;
            }
        }
        if (l == null) {
            run(upgradeIo);
            if (upgradedNow) {
                LifecycleLog.log("upgrade", "sid", id, "transport", from.name());
                notifyUpgrade(from.name());
            }
            return;
        }
        switch (packet.type()) {
            case MESSAGE -> {
                server.metrics().in(packet);
                SendBatch batch = SendBatch.open(server.scheduler());
                try {
                    if (packet.isBinary()) {
                        l.onMessage(this, packet.binary());
                    } else {
                        l.onMessage(this, packet.text());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "session " + id + ": listener failed", e);
                } finally {
                    if (batch != null) {
                        batch.close();
                    }
                }
            }
            case PONG -> {
                if (protocol == 3) {
                    onClose("transport error", false); // v3: only the client pings
                } else {
                    onPong();
                }
            }
            case CLOSE -> onClose("transport close", true);
            case PING -> {
                if (protocol == 3) {
                    onClientPing();
                } else {
                    onClose("transport error", false); // v4: only the server pings
                }
            }
            default -> {
                // open, upgrade and noop mean nothing on the current transport
            }
        }
    }

    private void notifyUpgrade(String transportName) {
        try {
            listener.onUpgrade(this, transportName);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": upgrade listener failed", e);
        }
    }

    void onTransportParseError(Transport from, EngineParseException e) {
        if (isCurrentOrCandidate(from)) {
            LOG.log(Level.FINE, "session {0}: parse error: {1}", new Object[] {id, e.getMessage()});
            if (from == currentTransport()) {
                onClose("parse error", false);
            } else {
                cancelUpgrade((WebSocketTransport) from);
            }
        }
    }

    void onTransportError(Transport from, String description) {
        if (from == currentTransport()) {
            LOG.log(Level.FINE, "session {0}: transport error: {1}", new Object[] {id, description});
            onClose("transport error", false);
        } else if (from instanceof WebSocketTransport ws) {
            cancelUpgrade(ws);
        }
    }

    void onTransportClosedByClient(Transport from) {
        Transport current;
        boolean closing;
        synchronized (lock) {
            current = transport;
            closing = state == State.CLOSING;
        }
        if (from == current) {
            // while the server closes the session, the transport ends because of that close: the
            // container may report it before close() itself gets to say "forced close"
            onClose(closing ? "forced close" : "transport close", true);
        } else if (from instanceof WebSocketTransport ws) {
            cancelUpgrade(ws);
        }
    }

    /** A polling transport delivered the close packet of a server-side close. */
    void onTransportClosedByServer(Transport from) {
        onClose("forced close", false);
    }

    /** A WebSocket with this session's id asks to become its transport. */
    void onUpgradeRequest(WebSocketTransport ws) {
        Runnable reject = null;
        synchronized (lock) {
            if (state != State.OPEN || upgradeCandidate != null || upgraded
                    || !(transport instanceof PollingTransport)) {
                reject = ws.close(false, false);
            } else {
                upgradeCandidate = ws;
                upgradeTimer = schedule(server.options().upgradeTimeout(), () -> cancelUpgrade(ws));
            }
        }
        run(reject);
    }

    // --- internals ---

    private Transport currentTransport() {
        synchronized (lock) {
            return transport;
        }
    }

    private boolean isCurrentOrCandidate(Transport t) {
        synchronized (lock) {
            return state != State.CLOSED && (t == transport || t == upgradeCandidate);
        }
    }

    /** Under the lock: one packet of the WebSocket that is becoming the transport; returns the I/O. */
    private Runnable onUpgradePacketLocked(WebSocketTransport ws, EnginePacket packet) {
        if (packet.type() == PacketType.PING && EnginePacket.PROBE.equals(packet.text())) {
            Runnable pong = ws.send(List.of(EnginePacket.of(PacketType.PONG, EnginePacket.PROBE)));
            cancel(upgradeCheckTimer);
            upgradeCheckTimer = server.scheduler().scheduleWithFixedDelay(this::upgradeCheck, 100, 100,
                    TimeUnit.MILLISECONDS);
            return both(pong, noopToPollingLocked());
        }
        upgradeCandidate = null;
        cancel(upgradeTimer);
        cancel(upgradeCheckTimer);
        if (packet.type() == PacketType.UPGRADE && (state == State.OPEN || state == State.CLOSING)) {
            Transport old = transport;
            transport = ws;
            upgraded = true;
            Runnable io = both(old.close(false, false), flushLocked());
            if (state == State.CLOSING) {
                // closed while upgrading (as in the reference server): what was buffered before the
                // close, such as a DISCONNECT, goes out over the WebSocket, which then closes; the
                // paused polling transport would never deliver it
                io = both(io, both(ws.close(true, false), () -> onClose("forced close", false)));
            }
            return io;
        }
        return ws.close(false, false);
    }

    /** While upgrading, a held GET gets a noop so the client can pause polling. */
    private void upgradeCheck() {
        Runnable io;
        synchronized (lock) {
            if (upgradeCandidate == null) {
                cancel(upgradeCheckTimer);
                return;
            }
            io = noopToPollingLocked();
        }
        run(io);
    }

    private Runnable noopToPollingLocked() {
        if (transport instanceof PollingTransport p && p.isWritable() && writeBuffer.isEmpty()) {
            return p.send(List.of(EnginePacket.of(PacketType.NOOP)));
        }
        return null;
    }

    private void cancelUpgrade(WebSocketTransport ws) {
        Runnable io = null;
        synchronized (lock) {
            if (upgradeCandidate == ws) {
                upgradeCandidate = null;
                cancel(upgradeTimer);
                cancel(upgradeCheckTimer);
            }
            if (transport != ws) {
                io = ws.close(false, false);
            }
        }
        run(io);
    }

    private void schedulePingLocked() {
        cancel(pingTimer);
        pingTimer = schedule(server.options().pingInterval(), this::ping);
    }

    private void ping() {
        Runnable io;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            writeBuffer.add(EnginePacket.of(PacketType.PING));
            cancel(pingTimeoutTimer);
            long ping = ++pings;
            pingTimeoutTimer = schedule(server.options().pingTimeout(), () -> pingTimedOut(ping));
            io = flushLocked();
        }
        run(io);
    }

    /**
     * The timeout of ping number {@code ping}. The timer may already be running when {@link #onPong}
     * cancels it (the task then waits for the lock): a pong that came in meanwhile wins.
     */
    private void pingTimedOut(long ping) {
        synchronized (lock) {
            if (ping != pings || pingTimeoutTimer == null) {
                return;
            }
        }
        onClose("ping timeout", false);
    }

    /**
     * Engine.IO v3: the client pings, the server answers; a client that sends no ping for
     * pingInterval + pingTimeout is gone ("ping timeout"), as in the reference server.
     */
    private void expectPingLocked() {
        cancel(pingTimeoutTimer);
        long ping = ++pings;
        pingTimeoutTimer = schedule(server.options().pingInterval() + server.options().pingTimeout(),
                () -> pingTimedOut(ping));
    }

    /** Engine.IO v3: a ping from the client, answered with a pong. */
    private void onClientPing() {
        Runnable io;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            expectPingLocked();
            writeBuffer.add(EnginePacket.of(PacketType.PONG));
            io = flushLocked();
        }
        run(io);
    }

    private void onPong() {
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            cancel(pingTimeoutTimer);
            pingTimeoutTimer = null;
            schedulePingLocked();
        }
    }

    /** Closes the session for good and tells the listener; idempotent. */
    void onClose(String reason, boolean byClient) {
        Runnable io;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            cancel(pingTimer);
            cancel(pingTimeoutTimer);
            cancel(upgradeTimer);
            cancel(upgradeCheckTimer);
            cancel(closeTimer);
            pingTimer = pingTimeoutTimer = upgradeTimer = upgradeCheckTimer = closeTimer = null;
            writeBuffer.clear();
            writeBufferBytes = 0;
            io = transport.close(false, byClient);
            if (upgradeCandidate != null) {
                io = both(io, upgradeCandidate.close(false, false));
                upgradeCandidate = null;
            }
        }
        LifecycleLog.log("close", "sid", id, "reason", reason);
        run(io);
        server.remove(this);
        SessionListener l = listener;
        listener = SessionListener.NONE;
        try {
            l.onClose(this, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": close listener failed", e);
        }
    }

    private ScheduledFuture<?> schedule(long ms, Runnable task) {
        return server.scheduler().schedule(task, ms, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static Runnable both(Runnable a, Runnable b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return () -> {
            a.run();
            b.run();
        };
    }

    /** Runs a transport's I/O outside the lock; what a container throws there stays here (logged). */
    private void run(Runnable io) {
        if (io != null) {
            try {
                io.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session " + id + ": transport I/O failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + "]";
    }
}
