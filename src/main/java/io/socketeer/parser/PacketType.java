package io.socketeer.parser;

/** Socket.IO v5 packet types, with the digit each is written as. */
public enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    private static final PacketType[] VALUES = values();

    public char code() {
        return (char) ('0' + ordinal());
    }

    /** The type written as {@code c}, or null. */
    public static PacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }

    /** Whether packets of this type carry binary attachments. */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }
}
