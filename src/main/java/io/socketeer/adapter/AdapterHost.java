package io.socketeer.adapter;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import java.util.List;

/** What an adapter needs from its namespace. */
public interface AdapterHost {
    /** The namespace name, e.g. {@code /} or {@code /admin}. */
    String name();

    /** The socket with this id connected to this node, or null. */
    LocalSocket localSocket(String id);

    /** Encodes a packet once, for every recipient of a broadcast. */
    List<EnginePacket> encode(Packet packet);

    /** A new namespace-wide ack id, shared by all recipients of one broadcast. */
    long nextAckId();

    /**
     * The JSON text of a value the packet encoder has no JSON type for (an application object, mapped
     * with JSON-B): how a cluster adapter writes such arguments for the other nodes.
     */
    default String toJson(Object value) {
        throw new IllegalArgumentException("no JSON mapping for " + value.getClass().getName());
    }

    /**
     * With connection state recovery on, its {@code maxDisconnectionDuration}; null when it is off
     * (cluster adapters then add no offsets to broadcasts and keep no sessions).
     */
    default java.time.Duration recoveryWindow() {
        return null;
    }

    /**
     * Another node sent an event with serverSideEmit: {@code packet} is the name then the arguments;
     * {@code answer} takes the one answer for the sender, or is null when none was asked for.
     */
    default void onServerSideEmit(List<Object> packet, java.util.function.Consumer<Object> answer) {
    }

    /**
     * A local socket joined a room (the reference adapter's {@code join-room} event): called by
     * {@link InMemoryAdapter} after the change, on the thread that made it; nothing by default.
     */
    default void roomJoined(String room, String socketId) {
    }

    /** A local socket left a room, by itself or when it disconnected (the adapter's {@code leave-room}). */
    default void roomLeft(String room, String socketId) {
    }
}
