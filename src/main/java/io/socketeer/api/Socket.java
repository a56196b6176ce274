package io.socketeer.api;

import java.time.Duration;
import java.util.Collection;
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

    /** Whether the socket came back through connection state recovery. */
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
}
