package io.socketeer.engineio;

/** Engine.IO packet types, with the digit each is written as on the wire. */
public enum PacketType {
    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final PacketType[] VALUES = values();

    /** The wire character of this type, {@code '0'} to {@code '6'}. */
    public char code() {
        return (char) ('0' + ordinal());
    }

    /** The type written as {@code c}, or {@code null} when {@code c} is no packet type. */
    public static PacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }
}
