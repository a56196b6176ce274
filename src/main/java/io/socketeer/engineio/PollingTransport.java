package io.socketeer.engineio;

import java.util.ArrayList;
import java.util.List;

/**
 * HTTP long-polling: a GET is held until the session has packets (or a ping) for it, a POST carries
 * the client's packets. At most one of each may be in flight; an overlapping request fails with 400
 * and closes the session, as in the reference server.
 */
public final class PollingTransport extends Transport {
    private PollExchange pendingGet;
    private boolean posting;
    private boolean closeOnNextPoll;
    private boolean closed;

    PollingTransport(EngineSession session) {
        super(session);
    }

    @Override
    String name() {
        return EngineOptions.POLLING;
    }

    @Override
    boolean isWritable() {
        return pendingGet != null;
    }

    @Override
    boolean canSend() {
        return pendingGet != null;
    }

    @Override
    Runnable send(List<EnginePacket> packets) {
        PollExchange ex = pendingGet;
        pendingGet = null;
        if (closeOnNextPoll && packets.isEmpty()) {
            // the close goes alone, once the packets buffered before it are out: in the same payload
            // the client would act on the close before the Socket.IO packets ahead of it (it handles
            // those on the next tick), and report "transport close" instead of "io server disconnect"
            packets = List.of(EnginePacket.of(PacketType.CLOSE));
            closeOnNextPoll = false;
            closed = true;
        }
        List<EnginePacket> out = packets;
        return () -> answer(ex, out);
    }

    /** Answers a GET with these packets, framed as the client's protocol revision wants them. */
    private void answer(PollExchange ex, List<EnginePacket> packets) {
        if (session.protocol() != 3) {
            ex.sendPayload(PacketCodec.encodePayload(packets));
        } else if (session.supportsBinary() && PacketCodecV3.hasBinary(packets)) {
            ex.sendBinaryPayload(PacketCodecV3.encodeBinaryPayload(packets));
        } else {
            ex.sendPayload(PacketCodecV3.encodeTextPayload(packets));
        }
    }

    @Override
    Runnable close(boolean graceful, boolean byClient) {
        if (closed) {
            return null;
        }
        if (pendingGet != null) {
            closed = true;
            PollExchange ex = pendingGet;
            pendingGet = null;
            List<EnginePacket> last = List.of(EnginePacket.of(byClient ? PacketType.NOOP : PacketType.CLOSE));
            return () -> answer(ex, last);
        }
        if (graceful) {
            closeOnNextPoll = true;
        } else {
            closed = true;
        }
        return null;
    }

    /** Under the session lock: true while a close packet still waits for the next GET. */
    boolean closePending() {
        return closeOnNextPoll;
    }

    /**
     * A GET arrived for this session. It is answered now when packets are waiting, or held until
     * there are some.
     */
    public void onPollRequest(PollExchange exchange) {
        Runnable io;
        boolean overlap = false;
        boolean finishedClose = false;
        synchronized (session.lock) {
            if (closed || !session.isCurrent(this)) {
                io = () -> exchange.sendError(EngineError.BAD_REQUEST);
            } else if (pendingGet != null) {
                overlap = true;
                io = () -> exchange.sendError(EngineError.BAD_REQUEST);
            } else {
                pendingGet = exchange;
                io = session.flushLocked();
                if (io == null && closeOnNextPoll) {
                    io = send(new ArrayList<>(0));
                }
                if (pendingGet == exchange) {
                    exchange.hold();
                }
                finishedClose = closed;
            }
        }
        if (overlap) {
            // answer the second GET first: the pending one gets the close packet from the session close
            io.run();
            session.onTransportError(this, "overlap from client");
            return;
        }
        if (io != null) { // null: nothing queued, the GET is held
            io.run();
        }
        if (finishedClose) {
            session.onTransportClosedByServer(this);
        }
    }

    /**
     * A POST is starting. Returns false, and closes the session, when another POST is still in
     * flight; the caller then answers 400.
     */
    public boolean beginPost() {
        synchronized (session.lock) {
            if (!posting && !closed) {
                posting = true;
                return true;
            }
        }
        session.onTransportError(this, "data request overlap from client");
        return false;
    }

    /** The body of the POST begun with {@link #beginPost}: its packets are handed to the session. */
    public void onData(String payload) {
        List<EnginePacket> packets;
        try {
            packets = session.protocol() == 3 ? PacketCodecV3.decodePayload(payload) : PacketCodec.decodePayload(payload);
        } catch (EngineParseException e) {
            endPost();
            session.onTransportParseError(this, e);
            return;
        }
        deliver(packets);
    }

    /**
     * The binary body ({@code application/octet-stream}) of the POST begun with {@link #beginPost}:
     * an Engine.IO v3 binary payload. Engine.IO v4 clients send none; for them it is a parse error.
     */
    public void onBinaryData(byte[] payload) {
        List<EnginePacket> packets;
        try {
            if (session.protocol() != 3) {
                throw new EngineParseException("binary payload from an Engine.IO v4 client");
            }
            packets = PacketCodecV3.decodePayload(payload);
        } catch (EngineParseException e) {
            endPost();
            session.onTransportParseError(this, e);
            return;
        }
        deliver(packets);
    }

    private void deliver(List<EnginePacket> packets) {
        try {
            for (EnginePacket p : packets) {
                session.onTransportPacket(this, p);
            }
        } finally {
            endPost();
        }
    }

    /** The POST begun with {@link #beginPost} ended without data (too large, broken). */
    public void endPost() {
        synchronized (session.lock) {
            posting = false;
        }
    }

    /** The request failed (too large, broken): the session closes with reason "transport error". */
    public void fail(String description) {
        session.onTransportError(this, description);
    }

    /** The session this transport belongs to. */
    public EngineSession session() {
        return session;
    }
}
