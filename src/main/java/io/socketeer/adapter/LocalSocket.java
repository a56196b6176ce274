package io.socketeer.adapter;

import io.socketeer.engineio.EnginePacket;
import java.util.List;
import java.util.function.Consumer;

/** A socket connected to this node, as the adapter sees it. */
public interface LocalSocket {
    /** The socket id (also the name of its own room). */
    String id();

    /** Writes already encoded frames; {@code flags.volatile_()} drops them when the transport is busy. */
    void deliver(List<EnginePacket> frames, BroadcastFlags flags);

    /** Registers the callback for the acknowledgement with this id (broadcast with acks). */
    void expectAck(long id, Consumer<List<Object>> callback);

    /** Disconnects the socket; {@code close} closes its whole connection too. */
    void disconnect(boolean close);

    /** An immutable description (for fetchSockets). */
    SocketDetails details();
}
