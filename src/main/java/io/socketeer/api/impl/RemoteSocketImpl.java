package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.SocketDetails;
import io.socketeer.api.RemoteSocket;
import java.util.Map;
import java.util.Set;

/** A fetched socket: its snapshot, and operations that reach it through its own room. */
final class RemoteSocketImpl implements RemoteSocket {
    private final BroadcastTarget nsp;
    private final SocketDetails details;

    RemoteSocketImpl(BroadcastTarget nsp, SocketDetails details) {
        this.nsp = nsp;
        this.details = details;
    }

    private BroadcastOperatorImpl self() {
        return new BroadcastOperatorImpl(nsp, Set.of(details.id()), Set.of(), BroadcastFlags.NONE);
    }

    @Override
    public String id() {
        return details.id();
    }

    @Override
    public Map<String, Object> handshake() {
        return details.handshake();
    }

    @Override
    public Set<String> rooms() {
        return details.rooms();
    }

    @Override
    public Map<String, Object> data() {
        return details.data();
    }

    @Override
    public void emit(String event, Object... args) {
        self().emit(event, args);
    }

    @Override
    public void join(String... rooms) {
        self().socketsJoin(rooms);
    }

    @Override
    public void leave(String... rooms) {
        self().socketsLeave(rooms);
    }

    @Override
    public void disconnect(boolean close) {
        self().disconnectSockets(close);
    }
}
