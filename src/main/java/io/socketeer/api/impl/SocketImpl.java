package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.LocalSocket;
import io.socketeer.adapter.SocketDetails;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Disconnection;
import io.socketeer.api.Emitter;
import io.socketeer.api.Handshake;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import io.socketeer.engineio.EnginePacket;
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
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A socket: one client in one namespace. */
final class SocketImpl implements Socket, LocalSocket {
    private static final Logger LOG = Logger.getLogger(SocketImpl.class.getName());

    private final String id;
    private final NamespaceImpl nsp;
    private final Client client;
    private final HandshakeImpl handshake;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final Map<Long, AckHandler> acks = new ConcurrentHashMap<>();
    private volatile boolean connected;
    /** Set once the socket disconnected (or its handshake failed): it never comes back. */
    private volatile boolean closed;

    SocketImpl(String id, NamespaceImpl nsp, Client client, HandshakeImpl handshake) {
        this.id = id;
        this.nsp = nsp;
        this.client = client;
        this.handshake = handshake;
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
        return false;
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
        if (connected) {
            write(nsp.encode(Packet.event(nsp.name(), event, Arrays.asList(args))), flags);
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
                    result.completeExceptionally(new AckTimeoutException("operation has timed out"));
                }
            }, flags.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> t = timer;
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
    public void deliver(List<EnginePacket> frames, BroadcastFlags flags) {
        if (connected) {
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
                nsp.server().handlers().event(ctx);
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

    /** The handshake failed: forgets the rooms middleware may have joined. */
    void abandon() {
        closed = true;
        nsp.adapter().delAll(id);
    }

    /** Completes the connection: joins its own room and answers CONNECT. */
    void onConnect() {
        connected = true;
        nsp.adapter().addAll(id, Set.of(id));
        write(nsp.encode(Packet.connect(nsp.name(), Map.of("sid", id))), BroadcastFlags.NONE);
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

    /** The socket is gone: leaves its rooms, fails pending acks, tells the handlers; once. */
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
        nsp.adapter().delAll(id);
        nsp.remove(this);
        client.remove(this);
        for (Long ackId : List.copyOf(acks.keySet())) {
            AckHandler h = acks.remove(ackId);
            if (h != null) {
                h.abandoned();
            }
        }
        nsp.server().handlers().disconnected(new Disconnection(this, reason));
    }

    @Override
    public String toString() {
        return "Socket[" + id + " " + nsp.name() + "]";
    }
}
