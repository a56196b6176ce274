package io.socketeer.bench;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A plain JSR-356 echo at {@code /raw-echo}: every message back unchanged, no Socket.IO. Measured
 * with the harness's plain-WebSocket client, it is the container's own ceiling.
 */
@ServerEndpoint("/raw-echo")
public class RawEchoEndpoint {
    /**
     * Room for the harness's 64 KiB binary echo. Not more: Tomcat allocates buffers of these sizes
     * for every session (a char buffer of the text size, so 3 bytes per unit of limit in all).
     */
    private static final int MAX_MESSAGE = 128 << 10;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
    }

    @OnMessage
    public void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
