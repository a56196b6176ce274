package io.socketeer.engineio;

/**
 * The sending side of a WebSocket, implemented by the container layer over a JSR-356 session.
 * Sends are asynchronous; the transport never has more than one send in flight, and calls
 * {@code done} to learn when the next one may start.
 */
public interface WebSocketConnection {
    /** Sends a text frame; {@code done} receives {@code null} on success or the failure. */
    void sendText(String text, SendCallback done);

    /** Sends a binary frame; {@code done} receives {@code null} on success or the failure. */
    void sendBinary(byte[] data, SendCallback done);

    /** Closes the WebSocket with this close code and reason. */
    void close(int code, String reason);

    /** Completion of one asynchronous send. */
    @FunctionalInterface
    interface SendCallback {
        void done(Throwable failure);
    }
}
