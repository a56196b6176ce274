package io.socketeer.adapter;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import java.util.List;
import java.util.function.Consumer;

/** A socket connected to this node, as the adapter sees it. */
public interface LocalSocket {
    /** The socket id (also the name of its own room). */
    String id();

    /**
     * Writes the already encoded frames of {@code packet} (the packet itself is for the socket's
     * outgoing listeners); {@code flags.volatile_()} drops them when the transport is busy.
     */
    void deliver(Packet packet, List<EnginePacket> frames, BroadcastFlags flags);

    /** Registers the callback for the acknowledgement with this id (broadcast with acks). */
    void expectAck(long id, Consumer<List<Object>> callback);

    /** Disconnects the socket; {@code close} closes its whole connection too. */
    void disconnect(boolean close);

    /** An immutable description (for fetchSockets). */
    SocketDetails details();
}
