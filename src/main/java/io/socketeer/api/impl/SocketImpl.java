package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.adapter.LocalSocket;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.adapter.SocketDetails;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Disconnection;
import io.socketeer.api.Emitter;
import io.socketeer.api.EventListener;
import io.socketeer.api.Handshake;
import io.socketeer.api.Namespace;
import io.socketeer.api.OutgoingListener;
import io.socketeer.api.PacketMiddleware;
import io.socketeer.api.Socket;
import io.socketeer.engineio.EnginePacket;
import io.socketeer.engineio.LifecycleLog;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A socket: one client in one namespace. */
final class SocketImpl implements Socket, LocalSocket {
    private static final Logger LOG = Logger.getLogger(SocketImpl.class.getName());

    private final String id;
    /** The private id for connection state recovery (sent only to this client); null when it is off. */
    private final String pid;
    private final NamespaceImpl nsp;
    private final Client client;
    private final HandshakeImpl handshake;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final Map<Long, AckHandler> acks = new ConcurrentHashMap<>();
    private volatile boolean connected;
    /** Set once the socket disconnected (or its handshake failed): it never comes back. */
    private volatile boolean closed;
    /** Listeners and packet middleware registered in code; null until the first one. */
    private volatile SocketListeners listeners;
    /** Whether this socket came back through connection state recovery. */
    private final boolean recovered;
    /** A recovered socket until its CONNECT answer is written; null otherwise. */
    private volatile CatchUp catchUp;

    /** A new socket; {@code pid} is null without connection state recovery. */
    SocketImpl(String id, String pid, NamespaceImpl nsp, Client client, HandshakeImpl handshake) {
        this.id = id;
        this.pid = pid;
        this.nsp = nsp;
        this.client = client;
        this.handshake = handshake;
        this.recovered = false;
    }

    /**
     * A socket recovered from a kept session: its id, private id and data (the caller joins its
     * rooms); {@code offset} is the last one the client had.
     */
    SocketImpl(NamespaceImpl nsp, Client client, HandshakeImpl handshake, PersistedSession restored, String offset) {
        this.id = restored.sid();
        this.pid = restored.pid();
        this.nsp = nsp;
        this.client = client;
        this.handshake = handshake;
        this.recovered = true;
        this.catchUp = new CatchUp(restored, offset);
        restored.data().forEach((k, v) -> {
            if (k != null && v != null) {
                data.put(k, v);
            }
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Namespace namespace() {
        return nsp;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Map<String, Object> data() {
        return data;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public boolean recovered() {
        return recovered;
    }

    @Override
    public String transport() {
        return client.transport();
    }

    Client client() {
        return client;
    }

    // --- emitting ---

    @Override
    public void emit(String event, Object... args) {
        emit(event, args, BroadcastFlags.NONE);
    }

    @Override
    public CompletionStage<Arguments> emitWithAck(String event, Object... args) {
        return emitWithAck(event, args, BroadcastFlags.NONE);
    }

    void emit(String event, Object[] args, BroadcastFlags flags) {
        NamespaceImpl.checkEventName(event);
        if (pid != null && nsp.adapter().sessionAware()) {
            // as the reference server with recovery on: through the adapter to the socket's own room,
            // so the packet gets an offset and is kept for a recovery (also while disconnected)
            nsp.adapter().broadcast(Packet.event(nsp.name(), event, Arrays.asList(args)),
                    new BroadcastOptions(Set.of(id), Set.of(), flags));
            return;
        }
        if (connected) {
            Packet packet = Packet.event(nsp.name(), event, Arrays.asList(args));
            notifyOutgoing(packet);
            write(nsp.encode(packet), flags);
        }
    }

    private void notifyOutgoing(Packet packet) {
        SocketListeners l = listeners;
        if (l != null && !l.outgoing().isEmpty()) {
            l.callOutgoing(packet.eventName(), List.copyOf(packet.eventArgs()));
        }
    }

    CompletionStage<Arguments> emitWithAck(String event, Object[] args, BroadcastFlags flags) {
        NamespaceImpl.checkEventName(event);
        CompletableFuture<Arguments> result = new CompletableFuture<>();
        if (!connected) {
            result.completeExceptionally(new AckTimeoutException("socket is not connected"));
            return result;
        }
        long ackId = nsp.nextAckId();
        ScheduledFuture<?> timer = null;
        if (flags.timeout() != null) {
            timer = nsp.server().scheduler().schedule(() -> {
                if (acks.remove(ackId) != null) {
                    nsp.server().ackTimedOut();
                    result.completeExceptionally(new AckTimeoutException("operation has timed out"));
                }
            }, flags.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> t = timer;
        notifyOutgoing(Packet.event(nsp.name(), event, Arrays.asList(args)));
        acks.put(ackId, new AckHandler() {
            @Override
            public void answered(List<Object> answer) {
                if (t != null) {
                    t.cancel(false);
                }
                result.complete(new ArgumentsImpl(answer, nsp.server().mapper()));
            }

            @Override
            public void abandoned() {
                if (t != null) {
                    t.cancel(false);
                }
                result.completeExceptionally(new AckTimeoutException("socket has been disconnected"));
            }
        });
        write(nsp.encode(Packet.eventWithAck(nsp.name(), event, Arrays.asList(args), ackId)), flags);
        return result;
    }

    void sendAck(long ackId, Object[] args) {
        if (connected) {
            write(nsp.encode(Packet.ack(nsp.name(), ackId, Arrays.asList(args))), BroadcastFlags.NONE);
        }
    }

    private void write(List<EnginePacket> frames, BroadcastFlags flags) {
        client.write(frames, flags.volatile_());
    }

    @Override
    public Emitter timeout(Duration timeout) {
        return new SocketEmitter(this, BroadcastFlags.NONE.withTimeout(timeout));
    }

    @Override
    public Emitter volatile_() {
        return new SocketEmitter(this, BroadcastFlags.NONE.withVolatile());
    }

    @Override
    public Emitter compress(boolean compress) {
        return new SocketEmitter(this, BroadcastFlags.NONE.withCompress(compress));
    }

    // --- LocalSocket (adapter side) ---

    @Override
    public void deliver(Packet packet, List<EnginePacket> frames, BroadcastFlags flags) {
        CatchUp c = catchUp;
        if (c != null) {
            if (c.hold(packet, frames, flags) || c.replayedAlready(packet)) {
                return;
            }
            if (c.over()) {
                catchUp = null;
            }
        }
        if (connected) {
            if (packet.type() == io.socketeer.parser.PacketType.EVENT) {
                notifyOutgoing(packet);
            }
            write(frames, flags);
        }
    }

    @Override
    public void expectAck(long ackId, Consumer<List<Object>> callback) {
        acks.put(ackId, callback::accept);
    }

    @Override
    public SocketDetails details() {
        return new SocketDetails(id, handshake.describe(), rooms(), Map.copyOf(data));
    }

    // --- rooms ---

    @Override
    public void join(String... rooms) {
        join(Arrays.asList(rooms));
    }

    /** Joining works from the handshake on (middleware may join rooms), not after the disconnect. */
    @Override
    public void join(Collection<String> rooms) {
        if (!closed) {
            nsp.adapter().addAll(id, new HashSet<>(rooms));
        }
    }

    @Override
    public void leave(String room) {
        nsp.adapter().del(id, room);
    }

    @Override
    public Set<String> rooms() {
        return nsp.adapter().socketRooms(id);
    }

    @Override
    public BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    @Override
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return broadcast().except(rooms);
    }

    @Override
    public BroadcastOperator broadcast() {
        return new BroadcastOperatorImpl(nsp, Set.of(), Set.of(id), BroadcastFlags.NONE);
    }

    // --- incoming ---

    void onPacket(Packet packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> {
                List<Object> args = new ArrayList<>(packet.eventArgs());
                EventContextImpl ctx = new EventContextImpl(this, packet.eventName(),
                        new ArgumentsImpl(args, nsp.server().mapper()), packet.id());
                SocketListeners l = listeners;
                if (l == null || l.middleware().isEmpty()) {
                    dispatch(ctx);
                } else {
                    runMiddleware(ctx, List.copyOf(l.middleware()), 0);
                }
            }
            case ACK, BINARY_ACK -> {
                AckHandler handler = acks.remove(packet.id());
                if (handler != null) {
                    try {
                        handler.answered(packet.list());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "ack callback failed", e);
                    }
                }
            }
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> {
                // CONNECT and CONNECT_ERROR are handled by the client
            }
        }
    }

    /** Runs packet middleware {@code i} and, through its {@code next}, the rest and the listeners. */
    private void runMiddleware(EventContextImpl ctx, List<PacketMiddleware> chain, int i) {
        if (i == chain.size()) {
            dispatch(ctx);
            return;
        }
        AtomicBoolean decided = new AtomicBoolean();
        PacketMiddleware.Next next = new PacketMiddleware.Next() {
            @Override
            public void proceed() {
                if (decided.compareAndSet(false, true)) {
                    runMiddleware(ctx, chain, i + 1);
                }
            }

            @Override
            public void fail(String message, Object data) {
                if (decided.compareAndSet(false, true)) {
                    refuse(ctx, message, data);
                }
            }
        };
        try {
            chain.get(i).handle(ctx, next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "packet middleware failed on " + ctx.event(), e);
            next.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * An event that passed the middleware: catch-all listeners, listeners of the event, then the
     * handlers (CDI observers). Ignored when the socket disconnected meanwhile.
     */
    private void dispatch(EventContextImpl ctx) {
        if (!connected) {
            return;
        }
        SocketListeners l = listeners;
        if (l != null) {
            l.callAny(ctx);
            l.call(ctx.event(), ctx);
        }
        nsp.server().handlers().event(ctx);
    }

    /**
     * Middleware refused an event: the socket's {@code error} listeners get the message and data,
     * and so does the client, as an {@code error} event.
     */
    private void refuse(EventContextImpl ctx, String message, Object data) {
        String msg = message == null ? "" : message;
        LOG.log(Level.FINE, "socket {0}: event {1} refused: {2}", new Object[] {id, ctx.event(), msg});
        List<Object> args = new ArrayList<>(2);
        args.add(msg);
        args.add(data);
        SocketListeners l = listeners;
        if (l != null) {
            l.call("error", lifecycleContext("error", args));
        }
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", msg);
        if (data != null) {
            error.put("data", data);
        }
        emit("error", new Object[] {error}, BroadcastFlags.NONE);
    }

    private EventContextImpl lifecycleContext(String event, List<Object> args) {
        return new EventContextImpl(this, event, new ArgumentsImpl(args, nsp.server().mapper()), Packet.NO_ID);
    }

    private void lifecycle(String event, DisconnectReason reason) {
        SocketListeners l = listeners;
        if (l != null) {
            List<Object> args = new ArrayList<>(1);
            args.add(reason.toString());
            l.call(event, lifecycleContext(event, args));
        }
    }

    // --- listeners registered in code ---

    private SocketListeners listenersForUpdate() {
        SocketListeners l = listeners;
        if (l == null) {
            synchronized (this) {
                l = listeners;
                if (l == null) {
                    l = new SocketListeners();
                    listeners = l;
                }
            }
        }
        return l;
    }

    @Override
    public Socket on(String event, EventListener listener) {
        listenersForUpdate().on(event, listener, false);
        return this;
    }

    @Override
    public Socket once(String event, EventListener listener) {
        listenersForUpdate().on(event, listener, true);
        return this;
    }

    @Override
    public Socket off(String event, EventListener listener) {
        SocketListeners l = listeners;
        if (l != null) {
            l.off(event, listener);
        }
        return this;
    }

    @Override
    public Socket removeAllListeners() {
        SocketListeners l = listeners;
        if (l != null) {
            l.removeAll(null);
        }
        return this;
    }

    @Override
    public Socket removeAllListeners(String event) {
        SocketListeners l = listeners;
        if (l != null) {
            l.removeAll(event);
        }
        return this;
    }

    @Override
    public List<EventListener> listeners(String event) {
        SocketListeners l = listeners;
        return l == null ? List.of() : l.listeners(event);
    }

    @Override
    public Socket onAny(EventListener listener) {
        listenersForUpdate().any().add(listener);
        return this;
    }

    @Override
    public Socket prependAny(EventListener listener) {
        listenersForUpdate().any().add(0, listener);
        return this;
    }

    @Override
    public Socket offAny(EventListener listener) {
        SocketListeners l = listeners;
        if (l != null) {
            l.any().remove(listener);
        }
        return this;
    }

    @Override
    public Socket offAny() {
        SocketListeners l = listeners;
        if (l != null) {
            l.any().clear();
        }
        return this;
    }

    @Override
    public List<EventListener> listenersAny() {
        SocketListeners l = listeners;
        return l == null ? List.of() : List.copyOf(l.any());
    }

    @Override
    public Socket onAnyOutgoing(OutgoingListener listener) {
        listenersForUpdate().outgoing().add(listener);
        return this;
    }

    @Override
    public Socket prependAnyOutgoing(OutgoingListener listener) {
        listenersForUpdate().outgoing().add(0, listener);
        return this;
    }

    @Override
    public Socket offAnyOutgoing(OutgoingListener listener) {
        SocketListeners l = listeners;
        if (l != null) {
            l.outgoing().remove(listener);
        }
        return this;
    }

    @Override
    public Socket offAnyOutgoing() {
        SocketListeners l = listeners;
        if (l != null) {
            l.outgoing().clear();
        }
        return this;
    }

    @Override
    public List<OutgoingListener> listenersAnyOutgoing() {
        SocketListeners l = listeners;
        return l == null ? List.of() : List.copyOf(l.outgoing());
    }

    @Override
    public Socket use(PacketMiddleware middleware) {
        listenersForUpdate().middleware().add(middleware);
        return this;
    }

    /** The handshake failed: forgets the rooms middleware (or a recovery) joined. */
    void abandon() {
        closed = true;
        CatchUp c = catchUp;
        if (c != null) {
            c.abandon();
        }
        nsp.adapter().delAll(id);
    }

    /**
     * Completes the connection: joins its own room and answers CONNECT ({@code {"sid", "pid"}} with
     * recovery on). A recovered socket first gets every packet it missed, then CONNECT.
     */
    void onConnect() {
        LifecycleLog.log("connect", "sid", client.sid(), "socket", id, "nsp", nsp.name(), "recovered", recovered);
        nsp.adapter().addAll(id, Set.of(id));
        CatchUp c = catchUp;
        if (c != null) {
            List<Packet> written = c.finish(nsp.adapter(), nsp::encode, this::write, () -> {
                write(nsp.encode(connectPacket()), BroadcastFlags.NONE);
                connected = true;
            });
            if (c.over()) {
                catchUp = null; // else it drops the live copies of what it replayed, for a while
            }
            for (Packet p : written == null ? List.<Packet>of() : written) {
                if (p.type() == io.socketeer.parser.PacketType.EVENT) {
                    notifyOutgoing(p);
                }
            }
            return;
        }
        connected = true;
        write(nsp.encode(connectPacket()), BroadcastFlags.NONE);
    }

    private Packet connectPacket() {
        if (client.protocol() == 3) {
            return Packet.connect(nsp.name(), null); // a Socket.IO v2 client: 40 or 40/nsp, without data
        }
        if (pid == null) {
            return Packet.connect(nsp.name(), Map.of("sid", id));
        }
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("sid", id);
        data.put("pid", pid);
        return Packet.connect(nsp.name(), data);
    }

    @Override
    public void disconnect(boolean close) {
        if (!connected) {
            return;
        }
        if (close) {
            client.disconnectAll();
        } else {
            // the DISCONNECT goes out once the socket is marked gone with this reason: a client may
            // close the connection as soon as it reads it, and that close must not win the reason
            onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT,
                    () -> write(nsp.encode(Packet.disconnect(nsp.name())), BroadcastFlags.NONE));
        }
    }

    /**
     * The socket is gone, once: {@code disconnecting} (rooms still there), then it leaves its rooms,
     * pending acks fail, and {@code disconnect} is told.
     */
    void onClose(DisconnectReason reason) {
        onClose(reason, null);
    }

    /** Same; {@code first}, if any, runs once the socket is marked disconnected (by the caller that marked it). */
    private void onClose(DisconnectReason reason, Runnable first) {
        synchronized (this) {
            if (!connected) {
                return;
            }
            connected = false;
            closed = true;
        }
        if (first != null) {
            first.run();
        }
        Disconnection disconnection = new Disconnection(this, reason);
        lifecycle("disconnecting", reason);
        nsp.server().handlers().disconnecting(disconnection);
        if (pid != null && reason.recoverable()) {
            nsp.adapter().persistSession(new PersistedSession(id, pid, rooms(), Map.copyOf(data), List.of()));
        }
        nsp.adapter().delAll(id);
        nsp.remove(this);
        client.remove(this);
        for (Long ackId : List.copyOf(acks.keySet())) {
            AckHandler h = acks.remove(ackId);
            if (h != null) {
                h.abandoned();
            }
        }
        LifecycleLog.log("disconnect", "sid", client.sid(), "socket", id, "nsp", nsp.name(), "reason", reason);
        lifecycle("disconnect", reason);
        nsp.server().handlers().disconnected(disconnection);
        io.socketeer.api.Instrumentation watcher = nsp.server().instrumentation();
        if (watcher != null) {
            watcher.socketDisconnected(this, reason);
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + " " + nsp.name() + "]";
    }
}
