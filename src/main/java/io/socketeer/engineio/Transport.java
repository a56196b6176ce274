package io.socketeer.engineio;

import java.util.List;

/**
 * A way packets travel between client and session: long-polling or WebSocket. The session calls
 * the methods marked "under the session lock" while holding it; they only change state and return
 * the I/O to run once the lock is released, so no lock is held during a write.
 */
abstract class Transport {
    protected final EngineSession session;

    Transport(EngineSession session) {
        this.session = session;
    }

    /** {@code polling} or {@code websocket}. */
    abstract String name();

    /** Under the session lock: whether packets handed now go out without waiting. */
    abstract boolean isWritable();

    /** Under the session lock: whether {@link #send} may be called now. */
    abstract boolean canSend();

    /** Under the session lock: takes these packets; returns the I/O to run after unlocking, or null. */
    abstract Runnable send(List<EnginePacket> packets);

    /**
     * Under the session lock: closes the transport. {@code graceful}: let what was handed over be
     * delivered first. {@code byClient}: the client asked (a close packet), which a held GET answers
     * with a noop instead of a close packet. Returns the I/O to run after unlocking, or null.
     */
    abstract Runnable close(boolean graceful, boolean byClient);

    /**
     * Under the session lock: about how many bytes were handed over and are not written yet (see
     * {@link EnginePacket#bufferedSize}). Long-polling hands its packets to a GET at once: zero.
     */
    long bufferedBytes() {
        return 0;
    }

    /** Decodes a text frame or record and hands the packet to the session. */
    final void receive(String encoded) {
        EnginePacket packet;
        try {
            packet = session.protocol() == 3 ? PacketCodecV3.decode(encoded) : PacketCodec.decode(encoded);
        } catch (EngineParseException e) {
            session.onTransportParseError(this, e);
            return;
        }
        session.onTransportPacket(this, packet);
    }

    /**
     * Decodes a binary WebSocket frame and hands the packet to the session: the data of a binary
     * message, or for Engine.IO v3 its type byte and then the data.
     */
    final void receive(byte[] frame) {
        EnginePacket packet;
        try {
            packet = session.protocol() == 3 ? PacketCodecV3.decodeFrame(frame, 0, frame.length) : PacketCodec.decode(frame);
        } catch (EngineParseException e) {
            session.onTransportParseError(this, e);
            return;
        }
        session.onTransportPacket(this, packet);
    }
}
