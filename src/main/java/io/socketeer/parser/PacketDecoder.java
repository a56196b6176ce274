package io.socketeer.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes Socket.IO packets from the Engine.IO messages of one connection, reassembling binary
 * packets from the attachments that follow them. Stateful: one decoder per connection. Invalid input
 * throws {@link PacketParseException}, after which the decoder should be dropped with its connection.
 *
 * <pre>{@code
 * Packet p = decoder.add("2[\"chat\",\"hi\"]");   // complete: returned
 * Packet q = decoder.add("51-[\"f\",{\"_placeholder\":true,\"num\":0}]");   // null: waits
 * q = decoder.add(bytes);                         // complete now
 * }</pre>
 */
public final class PacketDecoder {
    /** Longest ack id accepted, in digits. */
    private static final int MAX_ID_DIGITS = 15;
    /** An attachment count above any limit: where counting stops. */
    private static final long TOO_MANY = Integer.MAX_VALUE + 1L;

    private final int maxAttachments;
    private Packet pending;
    private int expected;
    private List<byte[]> attachments;

    /** @param maxAttachments the most attachments one packet may announce */
    public PacketDecoder(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    /** Adds a text message; returns the packet when complete, or null while attachments are awaited. */
    public Packet add(String text) {
        if (pending != null) {
            throw new PacketParseException("got plaintext data when reconstructing a packet");
        }
        int[] attachmentCount = new int[1];
        Packet p = decodeString(text, attachmentCount);
        if (p.type().isBinary() && attachmentCount[0] > 0) {
            pending = p;
            expected = attachmentCount[0];
            attachments = new ArrayList<>(Math.min(expected, 16));
            return null;
        }
        return p;
    }

    /** Adds a binary message (an attachment); returns the packet once its last attachment is in. */
    public Packet add(byte[] data) {
        if (pending == null) {
            throw new PacketParseException("got binary data when not reconstructing a packet");
        }
        attachments.add(data);
        if (attachments.size() < expected) {
            return null;
        }
        Packet p = pending;
        List<byte[]> atts = attachments;
        pending = null;
        attachments = null;
        return new Packet(p.type(), p.nsp(), p.id(), Binary.reconstruct(p.data(), atts));
    }

    /** Whether a binary packet is waiting for attachments. */
    public boolean isReconstructing() {
        return pending != null;
    }

    private Packet decodeString(String s, int[] attachmentCount) {
        int len = s.length();
        if (len == 0) {
            throw new PacketParseException("empty packet");
        }
        PacketType type = PacketType.fromCode(s.charAt(0));
        if (type == null) {
            throw new PacketParseException("unknown packet type " + s.charAt(0));
        }
        int i = 1;
        if (type.isBinary()) {
            int start = i;
            long count = 0;
            while (i < len && s.charAt(i) != '-') {
                char c = s.charAt(i);
                if (!isDigit(c)) {
                    throw new PacketParseException("illegal attachments");
                }
                // saturates instead of overflowing, however many digits (leading zeros are allowed)
                count = Math.min(count * 10 + (c - '0'), TOO_MANY);
                i++;
            }
            if (i == start || i == len) {
                throw new PacketParseException("illegal attachments");
            }
            if (count > maxAttachments) {
                throw new PacketParseException("too many attachments: "
                        + (count == TOO_MANY ? "more than " + Integer.MAX_VALUE : count));
            }
            attachmentCount[0] = (int) count;
            i++; // '-'
        }
        String nsp = "/";
        if (i < len && s.charAt(i) == '/') {
            int start = i;
            while (i < len && s.charAt(i) != ',') {
                i++;
            }
            nsp = s.substring(start, i);
            if (i < len) {
                i++; // ','
            }
        }
        long id = Packet.NO_ID;
        if (i < len && isDigit(s.charAt(i))) {
            int start = i;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
            }
            if (i - start > MAX_ID_DIGITS) {
                throw new PacketParseException("ack id too long");
            }
            id = Long.parseLong(s, start, i, 10);
        }
        Object data = null;
        boolean hasData = i < len;
        if (hasData) {
            data = Json.parse(s, i);
            if (!isPayloadValid(type, data)) {
                throw new PacketParseException("invalid payload");
            }
        }
        if ((type == PacketType.EVENT || type == PacketType.BINARY_EVENT) && !hasData) {
            throw new PacketParseException("invalid payload");
        }
        if ((type == PacketType.ACK || type == PacketType.BINARY_ACK) && !hasData) {
            data = new ArrayList<>(0); // the reference server acks with no arguments
        }
        return new Packet(type, nsp, id, data);
    }

    private static boolean isPayloadValid(PacketType type, Object data) {
        return switch (type) {
            case CONNECT -> data instanceof Map;
            case DISCONNECT -> false;
            case CONNECT_ERROR -> data instanceof String || data instanceof Map;
            case EVENT, BINARY_EVENT -> data instanceof List<?> l && !l.isEmpty()
                    && (l.get(0) instanceof Number
                        || l.get(0) instanceof String name && !Packet.RESERVED_EVENTS.contains(name));
            case ACK, BINARY_ACK -> data instanceof List;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
