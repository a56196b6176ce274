package io.socketeer.api;

/**
 * A socket that disconnected, as {@code @OnDisconnect} observers receive it.
 *
 * <pre>{@code
 * void left(@Observes @OnDisconnect Disconnection d) {
 *     log.info(d.socket().id() + " left: " + d.reason());   // e.g. "transport close"
 * }
 * }</pre>
 *
 * @param socket the socket (no longer connected; its data is still there)
 * @param reason why, with the reference server's string as {@code reason.toString()}
 */
public record Disconnection(Socket socket, DisconnectReason reason) {
}
