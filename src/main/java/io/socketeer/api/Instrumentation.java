package io.socketeer.api;

/**
 * Sees what happens inside the server, for tools that watch it (the Socket.IO Admin UI,
 * {@code io.socketeer.admin.AdminUi}): the hooks the reference server offers as events
 * ({@code io.engine.on("connection")}, the raw connection's {@code packet}, {@code packetCreate},
 * {@code upgrade} and {@code close}, {@code io.on("new_namespace")}, a namespace's
 * {@code connection}, a socket's {@code disconnect}, the adapter's {@code join-room} and
 * {@code leave-room}). Every method does nothing by default.
 *
 * <p>Set at most one, with {@code SocketIoServerImpl.instrument}, before clients connect. With none
 * set (the default) the server calls nothing and allocates nothing for it. Methods are called on the
 * thread where the thing happens (a container thread, a timer): they must be quick and not block.
 *
 * <pre>{@code
 * server.instrument(new Instrumentation() {
 *     public void roomJoined(Namespace nsp, String room, String socketId) {
 *         log.fine(socketId + " joined " + room + " in " + nsp.name());
 *     }
 * });
 * }</pre>
 */
public interface Instrumentation {
    /** A client connected (an Engine.IO session opened) over {@code transport} ({@code polling}, {@code websocket}). */
    default void connectionOpened(String sid, String transport) {
    }

    /** A client's connection upgraded to {@code transport} ({@code websocket}). */
    default void connectionUpgraded(String sid, String transport) {
    }

    /** A client's connection closed, with the engine's reason ({@code transport close}, {@code ping timeout}, ...). */
    default void connectionClosed(String sid, String reason) {
    }

    /** A message came in from a client: {@code bytes} of text (UTF-8) or binary. */
    default void packetReceived(int bytes) {
    }

    /** A message went to a client's connection: {@code bytes} of text (UTF-8) or binary. */
    default void packetSent(int bytes) {
    }

    /** A namespace was created (at start, by {@code io.of}, or as a child of a dynamic namespace). */
    default void namespaceCreated(Namespace nsp) {
    }

    /**
     * A socket connected, before the namespace's connection listeners and observers run;
     * {@code clientId} is its connection's session id.
     */
    default void socketConnected(Socket socket, String clientId) {
    }

    /** The connection of a connected socket upgraded to {@code transport}. */
    default void socketUpgraded(Socket socket, String transport) {
    }

    /** A socket disconnected, after its {@code disconnect} listeners and observers. */
    default void socketDisconnected(Socket socket, DisconnectReason reason) {
    }

    /** A socket of this node joined a room (its own room, named by its id, included). */
    default void roomJoined(Namespace nsp, String room, String socketId) {
    }

    /** A socket of this node left a room (also when it disconnects). */
    default void roomLeft(Namespace nsp, String room, String socketId) {
    }
}
