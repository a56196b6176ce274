package io.socketeer.api.impl;

import io.socketeer.api.Arguments;
import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.parser.Packet;
import java.util.concurrent.atomic.AtomicBoolean;

/** One incoming event; {@link #ack} answers once. */
final class EventContextImpl implements EventContext {
    private final SocketImpl socket;
    private final String event;
    private final Arguments args;
    private final long ackId;
    private final AtomicBoolean acked = new AtomicBoolean();

    EventContextImpl(SocketImpl socket, String event, Arguments args, long ackId) {
        this.socket = socket;
        this.event = event;
        this.args = args;
        this.ackId = ackId;
    }

    @Override
    public Socket socket() {
        return socket;
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public Arguments args() {
        return args;
    }

    @Override
    public boolean hasAck() {
        return ackId != Packet.NO_ID;
    }

    @Override
    public void ack(Object... ackArgs) {
        if (ackId != Packet.NO_ID && acked.compareAndSet(false, true)) {
            socket.sendAck(ackId, ackArgs);
        }
    }

    @Override
    public String toString() {
        return "EventContext[" + event + " " + args + "]";
    }
}
