package io.socketeer.engineio;

/**
 * The sending side of a WebSocket, implemented by the container layer over a JSR-356 session.
 * Sends are asynchronous; the transport never has more than one send in flight, and calls
 * {@code done} to learn when the next one may start.
 *
 * <p>{@code more} says that another frame is queued right behind this one: a connection may then
 * hold this frame back (complete it once it is buffered) and write the frames together, as long as
 * it writes everything it holds when a send without {@code more} completes. A connection may also
 * ignore the hint and write every frame at once.
 */
public interface WebSocketConnection {
    /** Sends a text frame; {@code done} receives {@code null} on success or the failure. */
    void sendText(String text, boolean more, SendCallback done);

    /** Sends a binary frame; {@code done} receives {@code null} on success or the failure. */
    void sendBinary(byte[] data, boolean more, SendCallback done);

    /** Closes the WebSocket with this close code and reason. */
    void close(int code, String reason);

    /** Completion of one asynchronous send. */
    @FunctionalInterface
    interface SendCallback {
        void done(Throwable failure);
    }
}
