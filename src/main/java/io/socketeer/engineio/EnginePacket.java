package io.socketeer.engineio;

import java.nio.charset.StandardCharsets;

/**
 * One Engine.IO packet: a type and either text data or binary data (binary only for
 * {@link PacketType#MESSAGE}). Immutable, so one instance can be queued to many sessions: a
 * broadcast builds its packets once.
 */
public final class EnginePacket {
    /** {@code 2probe}, the upgrade probe. */
    public static final String PROBE = "probe";

    private static final EnginePacket[] BARE = new EnginePacket[PacketType.values().length];

    static {
        for (PacketType t : PacketType.values()) {
            BARE[t.ordinal()] = new EnginePacket(t, "", null);
        }
    }

    private final PacketType type;
    private final byte[] binary;
    private String text;
    private String wire;
    private byte[] frameV3;

    private EnginePacket(PacketType type, String text, byte[] binary) {
        this.type = type;
        this.text = text;
        this.binary = binary;
    }

    /** A packet without data, such as {@code 2} (ping) or {@code 6} (noop). */
    public static EnginePacket of(PacketType type) {
        return BARE[type.ordinal()];
    }

    /** A packet with text data, such as {@code 3probe}. */
    public static EnginePacket of(PacketType type, String data) {
        return data.isEmpty() ? of(type) : new EnginePacket(type, data, null);
    }

    /** A text message ({@code 4<text>}). */
    public static EnginePacket message(String text) {
        return new EnginePacket(PacketType.MESSAGE, text, null);
    }

    /**
     * A text message given by its whole text frame, type digit included ({@code 42["hi"]}): how the
     * Socket.IO encoder hands over a packet it wrote in one go.
     */
    public static EnginePacket messageFrame(String frame) {
        if (frame.isEmpty() || frame.charAt(0) != PacketType.MESSAGE.code()) {
            throw new IllegalArgumentException("not a message frame");
        }
        EnginePacket p = new EnginePacket(PacketType.MESSAGE, null, null);
        p.wire = frame;
        return p;
    }

    /** A binary message: a binary WebSocket frame, or {@code b<base64>} in a polling payload. */
    public static EnginePacket message(byte[] data) {
        return new EnginePacket(PacketType.MESSAGE, null, data);
    }

    public PacketType type() {
        return type;
    }

    /** True when the data is binary. */
    public boolean isBinary() {
        return binary != null;
    }

    /** The text data ({@code ""} when none); {@code null} for a binary packet. */
    public String text() {
        String t = text;
        if (t == null && binary == null) {
            t = wire.substring(1);
            text = t;
        }
        return t;
    }

    /** The binary data; {@code null} for a text packet. Not copied: do not modify. */
    public byte[] binary() {
        return binary;
    }

    /**
     * The binary WebSocket frame of this binary message for an Engine.IO v3 client: the type byte,
     * then the data. Built once and shared, as {@link #wireText}. Not copied: do not modify.
     */
    public byte[] binaryFrameV3() {
        byte[] f = frameV3;
        if (f == null) {
            if (binary == null) {
                throw new IllegalStateException("text packet has no binary frame");
            }
            f = PacketCodecV3.encodeFrame(binary);
            frameV3 = f;
        }
        return f;
    }

    /**
     * The text frame of this packet: the type digit followed by the data. Computed once and shared,
     * which is what lets a broadcast hand the same frame to every recipient.
     */
    public String wireText() {
        String w = wire;
        if (w == null) {
            if (binary != null) {
                throw new IllegalStateException("binary packet has no text form");
            }
            w = text.isEmpty() ? String.valueOf(type.code()) : type.code() + text;
            wire = w;
        }
        return w;
    }

    /**
     * About the memory this packet holds while it waits to be written, for the write buffer's limit:
     * the bytes of a binary packet, the characters of a text frame (cheap: no encoding).
     */
    public int bufferedSize() {
        return binary != null ? binary.length : wireText().length();
    }

    /** The {@link #bufferedSize} of these packets together. */
    static long bufferedSize(java.util.List<EnginePacket> packets) {
        long sum = 0;
        for (EnginePacket p : packets) {
            sum += p.bufferedSize();
        }
        return sum;
    }

    /** Size of the data in bytes (UTF-8 for text), for limits and metrics. */
    public int dataLength() {
        return binary != null ? binary.length : text().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return binary != null ? type + "<" + binary.length + " bytes>" : type + ":" + text();
    }
}
