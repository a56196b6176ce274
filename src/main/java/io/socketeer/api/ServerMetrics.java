package io.socketeer.api;

import java.util.Map;

/**
 * A snapshot of what a server is doing and has done since it started, for metrics and health
 * ({@link SocketIoServer#metrics()}; served as JSON or Prometheus text with
 * {@code socketeer.metrics=true}).
 *
 * @param uptimeMillis          since the server started
 * @param connections           open Engine.IO connections (clients), all transports
 * @param pollingConnections    of which on HTTP long-polling
 * @param websocketConnections  of which on WebSocket
 * @param connectionsOpened     connections opened since the start
 * @param socketsByNamespace    connected sockets per namespace
 * @param roomsByNamespace      rooms per namespace on this node, without each socket's own room
 * @param messagesIn            Engine.IO messages received (Socket.IO packets and binary attachments)
 * @param bytesIn               their size: bytes of binary, characters of text
 * @param messagesOut           messages sent, once per client (a broadcast to 100 clients counts 100)
 * @param bytesOut              their size, counted the same way
 * @param connectionErrors      refused requests by engine.io's error code ("0" unknown transport,
 *                              "1" unknown session id, "2" bad handshake method, "3" bad request,
 *                              "4" forbidden, "5" unsupported protocol version)
 * @param ackTimeouts           emits with acks whose timeout passed (per socket, broadcast or
 *                              serverSideEmit)
 * @param adapterProblem        why the adapter cannot reach the other nodes (Redis down), or null
 */
public record ServerMetrics(long uptimeMillis, int connections, int pollingConnections, int websocketConnections,
                            long connectionsOpened, Map<String, Integer> socketsByNamespace,
                            Map<String, Integer> roomsByNamespace, long messagesIn, long bytesIn, long messagesOut,
                            long bytesOut, Map<String, Long> connectionErrors, long ackTimeouts,
                            String adapterProblem) {
    public ServerMetrics {
        socketsByNamespace = Map.copyOf(socketsByNamespace);
        roomsByNamespace = Map.copyOf(roomsByNamespace);
        connectionErrors = Map.copyOf(connectionErrors);
    }
}
