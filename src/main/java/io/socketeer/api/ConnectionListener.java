package io.socketeer.api;

/**
 * Told of every socket that joins a namespace, registered in code
 * ({@code nsp.on("connection", ...)} in the reference server).
 *
 * <pre>{@code io.of("/chat").onConnection(socket -> socket.join("lobby"));}</pre>
 */
@FunctionalInterface
public interface ConnectionListener {
    void onConnection(Socket socket);
}
