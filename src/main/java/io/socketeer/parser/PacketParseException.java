package io.socketeer.parser;

/** Input that is not a valid Socket.IO packet; the connection that sent it is closed. */
public final class PacketParseException extends RuntimeException {
    public PacketParseException(String message) {
        super(message, null, false, false);
    }
}
