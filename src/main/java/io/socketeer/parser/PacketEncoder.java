package io.socketeer.parser;

import io.socketeer.engineio.EnginePacket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Encodes Socket.IO packets into the Engine.IO messages that carry them:
 * {@code <type>[<attachments>-][<nsp>,][<id>][<json>]}, then one binary message per attachment.
 * The text is written straight into the Engine.IO frame ({@code 4} + packet), so a broadcast encodes
 * once and shares the frames.
 *
 * <pre>{@code
 * List<EnginePacket> frames = encoder.encode(Packet.event("/", "file", List.of(bytes)));
 * // 451-["file",{"_placeholder":true,"num":0}] then a binary message
 * }</pre>
 */
public final class PacketEncoder {
    private final Function<Object, String> fallback;

    /** @param fallback writes objects that are not plain JSON values (JSON-B above); may be null */
    public PacketEncoder(Function<Object, String> fallback) {
        this.fallback = fallback;
    }

    /** The Engine.IO messages of one packet: the text first, then its attachments in order. */
    public List<EnginePacket> encode(Packet packet) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(io.socketeer.engineio.PacketType.MESSAGE.code()).append(packet.type().code());
        int headerEnd = sb.length();
        if (!"/".equals(packet.nsp())) {
            sb.append(packet.nsp()).append(',');
        }
        if (packet.hasId()) {
            sb.append(packet.id());
        }
        List<byte[]> attachments = null;
        if (packet.data() != null) {
            attachments = new ArrayList<>(0);
            Json.write(sb, packet.data(), fallback, attachments);
        }
        if (attachments == null || attachments.isEmpty()) {
            if (packet.type().isBinary()) {
                sb.insert(headerEnd, "0-");
            }
            return List.of(EnginePacket.messageFrame(sb.toString()));
        }
        PacketType type = switch (packet.type()) {
            case EVENT, BINARY_EVENT -> PacketType.BINARY_EVENT;
            case ACK, BINARY_ACK -> PacketType.BINARY_ACK;
            default -> throw new IllegalArgumentException("binary data in a " + packet.type() + " packet");
        };
        sb.setCharAt(headerEnd - 1, type.code());
        sb.insert(headerEnd, attachments.size() + "-");
        List<EnginePacket> out = new ArrayList<>(attachments.size() + 1);
        out.add(EnginePacket.messageFrame(sb.toString()));
        for (byte[] a : attachments) {
            out.add(EnginePacket.message(a));
        }
        return out;
    }

    /** The packet as text, without the Engine.IO type digit (for logs and tests). */
    public String encodeToString(Packet packet) {
        return encode(packet).get(0).text();
    }
}
