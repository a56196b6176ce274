package io.socketeer.adapter;

import io.socketeer.parser.Packet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Rooms and broadcast of one namespace, with the reference server's method names
 * (socket.io-adapter). The in-memory {@link InMemoryAdapter} is the default; cluster adapters extend
 * it and add publish and listen.
 */
public interface Adapter {
    /** Called once the namespace is ready. */
    default void init() {
    }

    /** Called when the server shuts down. */
    default void close() {
    }

    /** Adds a socket to rooms. */
    void addAll(String socketId, Set<String> rooms);

    /** Removes a socket from a room. */
    void del(String socketId, String room);

    /** Removes a socket from all its rooms (on disconnect). */
    void delAll(String socketId);

    /** The rooms a local socket is in. */
    Set<String> socketRooms(String socketId);

    /** The ids of the local sockets in any of these rooms (all local sockets when empty). */
    Set<String> sockets(Set<String> rooms);

    /** The names of all rooms that have local sockets. */
    Set<String> rooms();

    /**
     * The names of the rooms of every node ({@code adapter.allRooms()} of the Node.js Redis adapter);
     * this node's alone with the in-memory adapter.
     */
    default CompletionStage<Set<String>> allRooms() {
        return java.util.concurrent.CompletableFuture.completedFuture(rooms());
    }

    /** Sends a packet to every socket the options select. */
    void broadcast(Packet packet, BroadcastOptions opts);

    /**
     * Sends a packet that asks for acknowledgements: {@code clientCount} learns how many sockets it
     * went to, once per node (so {@link #serverCount} times in all), {@code ack} receives each answer.
     */
    void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                          Consumer<List<Object>> ack);

    /** Descriptions of the sockets the options select, on every node unless {@code local}. */
    CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts);

    /** Makes the selected sockets join rooms. */
    void addSockets(BroadcastOptions opts, Set<String> rooms);

    /** Makes the selected sockets leave rooms. */
    void delSockets(BroadcastOptions opts, Set<String> rooms);

    /** Disconnects the selected sockets. */
    void disconnectSockets(BroadcastOptions opts, boolean close);

    /**
     * Sends an event (name first, then arguments) to the other servers of the cluster. The in-memory
     * adapter has none: nothing happens.
     */
    default void serverSideEmit(List<Object> packet) {
    }

    /**
     * Sends an event to the other servers and collects one answer (argument list) per server within
     * {@code timeout}. The in-memory adapter has none: completes at once with no answers.
     */
    default CompletionStage<List<List<Object>>> serverSideEmitWithAck(List<Object> packet, java.time.Duration timeout) {
        return java.util.concurrent.CompletableFuture.completedFuture(List.of());
    }

    /** The number of nodes in the cluster (1 for the in-memory adapter). */
    default CompletionStage<Integer> serverCount() {
        return java.util.concurrent.CompletableFuture.completedFuture(1);
    }

    /**
     * Whether this adapter keeps sessions and broadcast packets for connection state recovery
     * ({@link SessionAwareAdapter}): then, with recovery on, a socket's own emits go through
     * {@link #broadcast} to its room, as in the reference server, so they get an offset and are kept too.
     */
    default boolean sessionAware() {
        return false;
    }

    /** Stores a disconnected socket for connection state recovery. No-op without recovery support. */
    default void persistSession(PersistedSession session) {
    }

    /**
     * Finds a stored session and the packets it missed after {@code offset}, in order, each with its
     * offset as last argument; completes with null when it cannot be recovered. The session stays
     * stored: a recovery asks twice, once when the CONNECT comes and again once the socket is
     * reachable by broadcasts (its list then ends where the broadcasts it holds begin), and the
     * socket's next recoverable disconnect stores it anew.
     */
    default CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
