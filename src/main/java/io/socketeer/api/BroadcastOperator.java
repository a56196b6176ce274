package io.socketeer.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A broadcast being built: immutable, every modifier returns a new operator, so a half-built one can
 * be kept and shared.
 *
 * <pre>{@code
 * io.to("room1").to("room2").except("banned").emit("news", item);   // each socket once
 * socket.broadcast().volatile_().emit("cursor", x, y);
 * io.timeout(Duration.ofSeconds(5)).emitWithAck("ping").thenAccept(answers -> ...);
 * }</pre>
 */
public interface BroadcastOperator {
    /** Targets the sockets in these rooms too (a union: each socket receives the event once). */
    BroadcastOperator to(String... rooms);

    /** Same as {@link #to(String...)}. */
    BroadcastOperator in(String... rooms);

    /** Same as {@link #to(String...)}. */
    BroadcastOperator to(Collection<String> rooms);

    /** Leaves out the sockets in these rooms. */
    BroadcastOperator except(String... rooms);

    /** Only sockets connected to this node, even with a cluster adapter. */
    BroadcastOperator local();

    /** Drops the event for clients whose transport cannot take it right now. */
    BroadcastOperator volatile_();

    /** Whether the frames may be compressed. */
    BroadcastOperator compress(boolean compress);

    /** How long {@link #emitWithAck} waits for the answers. */
    BroadcastOperator timeout(Duration timeout);

    /** Emits an event to every selected socket; encoded once. */
    void emit(String event, Object... args);

    /**
     * Emits an event that every selected socket is asked to acknowledge; completes with one answer
     * per socket, or fails with {@link AckTimeoutException} (saying how many answered) when the
     * timeout set with {@link #timeout} passes first.
     */
    CompletionStage<List<Arguments>> emitWithAck(String event, Object... args);

    /** Snapshots of the selected sockets. */
    CompletionStage<List<RemoteSocket>> fetchSockets();

    /** Makes the selected sockets join rooms. */
    void socketsJoin(String... rooms);

    /** Makes the selected sockets leave rooms. */
    void socketsLeave(String... rooms);

    /** Disconnects the selected sockets; {@code close} closes their connections too. */
    void disconnectSockets(boolean close);
}
