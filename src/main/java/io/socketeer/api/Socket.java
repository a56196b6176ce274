package io.socketeer.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client connected to a namespace.
 *
 * <pre>{@code
 * void joined(@Observes @OnConnect Socket socket) {
 *     socket.join("lobby");
 *     socket.emit("welcome", socket.id());
 *     socket.to("lobby").emit("user joined", socket.id());   // everyone in lobby but this socket
 * }
 * }</pre>
 */
public interface Socket extends Emitter {
    /** The socket id: random, distinct from the Engine.IO session id; also the name of its own room. */
    String id();

    /** The namespace the socket is connected to. */
    Namespace namespace();

    /** The request that opened the connection and the CONNECT's auth payload. */
    Handshake handshake();

    /**
     * Application data attached to the socket (thread-safe map); visible to {@code fetchSockets()}
     * and kept across connection state recovery.
     */
    Map<String, Object> data();

    /** Whether the socket is connected. */
    boolean connected();

    /**
     * Whether the socket came back through connection state recovery (option
     * {@code socketeer.connectionStateRecovery}): same id, rooms and data as before its connection was
     * lost, and the packets it missed were sent. Already true in namespace middleware and in
     * {@code @OnConnect} observers.
     *
     * <pre>{@code
     * void joined(@Observes @OnConnect Socket socket) {
     *     if (!socket.recovered()) socket.join("lobby");   // a recovered socket is in its rooms again
     * }
     * }</pre>
     */
    boolean recovered();

    /** The current transport: {@code polling} or {@code websocket}. */
    String transport();

    /** Joins rooms. */
    void join(String... rooms);

    /** Joins rooms. */
    void join(Collection<String> rooms);

    /** Leaves a room. */
    void leave(String room);

    /** The rooms the socket is in, its own room included (a snapshot). */
    Set<String> rooms();

    /** A broadcast to these rooms that leaves this socket out. */
    BroadcastOperator to(String... rooms);

    /** Same as {@link #to}. */
    BroadcastOperator in(String... rooms);

    /** A broadcast to the whole namespace except the sockets in these rooms and this socket. */
    BroadcastOperator except(String... rooms);

    /** A broadcast to every other socket of the namespace. */
    BroadcastOperator broadcast();

    /** Emits with a timeout for the acknowledgement: {@code socket.timeout(d).emitWithAck(...)}. */
    Emitter timeout(Duration timeout);

    /** Emits an event that is dropped if the transport cannot take it right now. */
    Emitter volatile_();

    /** Emits with a compression hint. */
    Emitter compress(boolean compress);

    /**
     * Disconnects the socket: sends DISCONNECT to the client (reason {@code server namespace
     * disconnect}); with {@code close} the whole connection closes too.
     */
    void disconnect(boolean close);

    // --- listeners registered in code, as in the reference server ---

    /**
     * Listens to an event from the client. Besides event names, {@code disconnecting} and
     * {@code disconnect} (argument: the reason) and {@code error} (arguments: message and data, when
     * packet middleware refused an event) can be listened to.
     *
     * <p>Order for an incoming event: packet middleware ({@link #use}), {@link #onAny} listeners,
     * listeners of the event, then CDI observers ({@code @OnAnyEvent}, then {@code @OnEvent}). A
     * listener that throws is logged; the others still run.
     */
    Socket on(String event, EventListener listener);

    /** Listens to the next occurrence of an event only. */
    Socket once(String event, EventListener listener);

    /** Removes a listener (the first registration of it). */
    Socket off(String event, EventListener listener);

    /** Removes every listener of every event (not the catch-all ones). */
    Socket removeAllListeners();

    /** Removes every listener of one event. */
    Socket removeAllListeners(String event);

    /** The listeners of an event. */
    List<EventListener> listeners(String event);

    /** Listens to every incoming event (after packet middleware, before the listeners of the event). */
    Socket onAny(EventListener listener);

    /** Same as {@link #onAny}, called before the catch-all listeners already there. */
    Socket prependAny(EventListener listener);

    /** Removes a catch-all listener. */
    Socket offAny(EventListener listener);

    /** Removes every catch-all listener. */
    Socket offAny();

    /** The catch-all listeners. */
    List<EventListener> listenersAny();

    /** Sees every outgoing event: the socket's own emits and the broadcasts that reach it. */
    Socket onAnyOutgoing(OutgoingListener listener);

    /** Same as {@link #onAnyOutgoing}, called before those already there. */
    Socket prependAnyOutgoing(OutgoingListener listener);

    /** Removes an outgoing listener. */
    Socket offAnyOutgoing(OutgoingListener listener);

    /** Removes every outgoing listener. */
    Socket offAnyOutgoing();

    /** The outgoing listeners. */
    List<OutgoingListener> listenersAnyOutgoing();

    /** Adds packet middleware, run in order for every incoming event. */
    Socket use(PacketMiddleware middleware);
}
