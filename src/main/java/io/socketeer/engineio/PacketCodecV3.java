package io.socketeer.engineio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v3 packet and payload encoding (engine.io-parser 2.x), spoken by Socket.IO v2 clients
 * when {@link EngineOptions#allowEIO3} is on.
 *
 * <ul>
 *   <li>A text packet is written as in v4: its type digit followed by its data.
 *   <li>Over WebSocket a binary message is a binary frame whose first byte is the packet type
 *       ({@code 4}), followed by the data.
 *   <li>In a text payload a binary message is written {@code b4<base64>}.
 *   <li>A text payload prefixes every packet with its length in UTF-16 code units (a JavaScript
 *       string's length) and a colon: {@code 6:4hello2:40}.
 *   <li>A binary payload ({@code application/octet-stream}; used when a packet is binary and the
 *       client did not ask for base64 with {@code b64=1}) writes per packet: {@code 0} for text or
 *       {@code 1} for binary, the decimal digits of the length as bytes {@code 0}-{@code 9}, the byte
 *       {@code 255}, then the packet: the text packet's UTF-8 bytes, or the type byte and the data.
 * </ul>
 */
public final class PacketCodecV3 {
    /** More digits than any length a body within maxHttpBufferSize can have. */
    private static final int MAX_LENGTH_DIGITS = 10;
    private static final int TEXT = 0;
    private static final int BINARY = 1;
    private static final int END_OF_LENGTH = 255;

    private PacketCodecV3() {
    }

    /** Decodes one text packet: {@code <type><data>}, or {@code b<type><base64>} for binary. */
    public static EnginePacket decode(String encoded) {
        if (encoded.isEmpty()) {
            throw new EngineParseException("empty packet");
        }
        if (encoded.charAt(0) != 'b') {
            return PacketCodec.decode(encoded);
        }
        if (encoded.length() < 2 || encoded.charAt(1) != PacketType.MESSAGE.code()) {
            throw new EngineParseException("binary packet is not a message");
        }
        return EnginePacket.message(PacketCodec.decodeBase64(encoded, 2));
    }

    /** Decodes a binary WebSocket frame or binary payload record: the type byte, then the data. */
    public static EnginePacket decodeFrame(byte[] frame, int from, int to) {
        if (to <= from) {
            throw new EngineParseException("empty packet");
        }
        if (frame[from] != PacketType.MESSAGE.ordinal()) {
            throw new EngineParseException("binary packet is not a message");
        }
        byte[] data = new byte[to - from - 1];
        System.arraycopy(frame, from + 1, data, 0, data.length);
        return EnginePacket.message(data);
    }

    /** The binary WebSocket frame of a binary message: the type byte {@code 4}, then the data. */
    static byte[] encodeFrame(byte[] data) {
        byte[] frame = new byte[data.length + 1];
        frame[0] = (byte) PacketType.MESSAGE.ordinal();
        System.arraycopy(data, 0, frame, 1, data.length);
        return frame;
    }

    /** Whether any of the packets is binary (then a client that supports binary gets a binary payload). */
    public static boolean hasBinary(List<EnginePacket> packets) {
        for (EnginePacket p : packets) {
            if (p.isBinary()) {
                return true;
            }
        }
        return false;
    }

    /** Encodes packets as a text payload: {@code <length>:<packet>} each, binary as {@code b4<base64>}. */
    public static String encodeTextPayload(List<EnginePacket> packets) {
        StringBuilder sb = new StringBuilder(64 * packets.size());
        for (EnginePacket p : packets) {
            String text = p.isBinary() ? "b4" + Base64.getEncoder().encodeToString(p.binary()) : p.wireText();
            sb.append(text.length()).append(':').append(text);
        }
        return sb.toString();
    }

    /** Encodes packets as a binary payload. */
    public static byte[] encodeBinaryPayload(List<EnginePacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (EnginePacket p : packets) {
            if (p.isBinary()) {
                byte[] data = p.binary();
                header(out, BINARY, data.length + 1);
                out.write(PacketType.MESSAGE.ordinal());
                out.write(data, 0, data.length);
            } else {
                byte[] text = p.wireText().getBytes(StandardCharsets.UTF_8);
                header(out, TEXT, text.length);
                out.write(text, 0, text.length);
            }
        }
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int kind, int length) {
        out.write(kind);
        String digits = Integer.toString(length);
        for (int i = 0; i < digits.length(); i++) {
            out.write(digits.charAt(i) - '0');
        }
        out.write(END_OF_LENGTH);
    }

    /** Decodes a text payload ({@code <length>:<packet>...}); records of length 0 are skipped. */
    public static List<EnginePacket> decodePayload(String payload) {
        List<EnginePacket> packets = new ArrayList<>(4);
        int i = 0;
        int len = payload.length();
        if (len == 0) {
            throw new EngineParseException("empty payload");
        }
        while (i < len) {
            int colon = i;
            long n = 0;
            while (colon < len && payload.charAt(colon) != ':') {
                char c = payload.charAt(colon);
                if (c < '0' || c > '9' || colon - i >= MAX_LENGTH_DIGITS) {
                    throw new EngineParseException("invalid length in payload");
                }
                n = n * 10 + (c - '0');
                colon++;
            }
            if (colon == len || colon == i) {
                throw new EngineParseException("invalid length in payload");
            }
            int start = colon + 1;
            if (n > len - start) {
                throw new EngineParseException("payload shorter than its length");
            }
            int end = start + (int) n;
            if (end > start) {
                packets.add(decode(payload.substring(start, end)));
            }
            i = end;
        }
        return packets;
    }

    /** Decodes a binary payload. */
    public static List<EnginePacket> decodePayload(byte[] payload) {
        List<EnginePacket> packets = new ArrayList<>(4);
        int i = 0;
        int len = payload.length;
        if (len == 0) {
            throw new EngineParseException("empty payload");
        }
        while (i < len) {
            int kind = payload[i] & 0xff;
            if (kind != TEXT && kind != BINARY) {
                throw new EngineParseException("invalid record type in binary payload");
            }
            int j = i + 1;
            long n = 0;
            while (j < len && (payload[j] & 0xff) != END_OF_LENGTH) {
                int d = payload[j] & 0xff;
                if (d > 9 || j - i > MAX_LENGTH_DIGITS) {
                    throw new EngineParseException("invalid length in binary payload");
                }
                n = n * 10 + d;
                j++;
            }
            if (j == len || j == i + 1) {
                throw new EngineParseException("invalid length in binary payload");
            }
            int start = j + 1;
            if (n > len - start) {
                throw new EngineParseException("binary payload shorter than its length");
            }
            int end = start + (int) n;
            if (kind == TEXT) {
                packets.add(decode(new String(payload, start, end - start, StandardCharsets.UTF_8)));
            } else {
                packets.add(decodeFrame(payload, start, end));
            }
            i = end;
        }
        return packets;
    }
}
