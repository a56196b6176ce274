package io.socketeer.engineio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v4 packet and payload encoding.
 *
 * <ul>
 *   <li>A text packet is its type digit followed by its data: {@code 4hello}, {@code 2}, {@code 3probe}.
 *   <li>Over WebSocket a binary message is a binary frame of the raw bytes.
 *   <li>A long-polling payload joins packets with the record separator {@code \x1e}; a binary
 *       message is written {@code b<base64>}.
 * </ul>
 */
public final class PacketCodec {
    /** The record separator between packets of a polling payload. */
    public static final char SEPARATOR = '\u001e';

    private PacketCodec() {
    }

    /** Decodes one text packet (a WebSocket text frame, or one record of a payload). */
    public static EnginePacket decode(String encoded) {
        if (encoded.isEmpty()) {
            throw new EngineParseException("empty packet");
        }
        char c = encoded.charAt(0);
        if (c == 'b') {
            return EnginePacket.message(decodeBase64(encoded, 1));
        }
        PacketType type = PacketType.fromCode(c);
        if (type == null) {
            throw new EngineParseException("unknown packet type '" + c + "'");
        }
        return EnginePacket.of(type, encoded.substring(1));
    }

    /** Decodes a binary WebSocket frame: always a binary message. */
    public static EnginePacket decode(byte[] frame) {
        return EnginePacket.message(frame);
    }

    /** Decodes a long-polling payload: records separated by {@code \x1e}. */
    public static List<EnginePacket> decodePayload(String payload) {
        List<EnginePacket> packets = new ArrayList<>(4);
        int start = 0;
        int len = payload.length();
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = len;
            }
            packets.add(decode(payload.substring(start, end)));
            if (end == len) {
                return packets;
            }
            start = end + 1;
        }
    }

    /** Encodes packets as one long-polling payload. */
    public static String encodePayload(List<EnginePacket> packets) {
        if (packets.size() == 1) {
            return encodeForPayload(packets.get(0));
        }
        StringBuilder sb = new StringBuilder(64 * packets.size());
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            EnginePacket p = packets.get(i);
            if (p.isBinary()) {
                sb.append('b').append(Base64.getEncoder().encodeToString(p.binary()));
            } else {
                sb.append(p.wireText());
            }
        }
        return sb.toString();
    }

    /** Encodes packets as one long-polling payload in UTF-8 bytes, ready for an HTTP body. */
    public static byte[] encodePayloadBytes(List<EnginePacket> packets) {
        return encodePayload(packets).getBytes(StandardCharsets.UTF_8);
    }

    private static String encodeForPayload(EnginePacket p) {
        return p.isBinary() ? "b" + Base64.getEncoder().encodeToString(p.binary()) : p.wireText();
    }

    /**
     * Decodes the base64 of a binary packet, skipping line breaks and spaces: the official Java client
     * (Android's Base64 with default flags) wraps its base64 every 76 characters and ends it with a
     * newline, and the reference server (Node's {@code Buffer.from(s, "base64")}) ignores them too.
     * Any other character outside the alphabet is still an error.
     */
    static byte[] decodeBase64(String s, int from) {
        StringBuilder b64 = null;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = c == '\n' || c == '\r' || c == ' ' || c == '\t';
            if (space && b64 == null) {
                b64 = new StringBuilder(s.length() - from).append(s, from, i);
            } else if (!space && b64 != null) {
                b64.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(b64 == null ? s.substring(from) : b64.toString());
        } catch (IllegalArgumentException e) {
            throw new EngineParseException("invalid base64 in binary packet");
        }
    }
}
