package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.api.Arguments;
import io.socketeer.api.Emitter;
import java.util.concurrent.CompletionStage;

/** A socket with flags for the next emit: {@code socket.timeout(d)}, {@code socket.volatile_()}. */
final class SocketEmitter implements Emitter {
    private final SocketImpl socket;
    private final BroadcastFlags flags;

    SocketEmitter(SocketImpl socket, BroadcastFlags flags) {
        this.socket = socket;
        this.flags = flags;
    }

    @Override
    public void emit(String event, Object... args) {
        socket.emit(event, args, flags);
    }

    @Override
    public CompletionStage<Arguments> emitWithAck(String event, Object... args) {
        return socket.emitWithAck(event, args, flags);
    }
}
