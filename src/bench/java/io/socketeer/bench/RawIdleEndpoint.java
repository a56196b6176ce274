package io.socketeer.bench;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/**
 * A plain JSR-356 endpoint at {@code /raw-idle} with the message buffers Socketeer gives its own
 * sessions (2,048 bytes and chars; Tomcat allocates them per session, Undertow and Tyrus only count):
 * src/bench/scale.sh with {@code ENDPOINT=raw} holds idle connections on it, which gives the heap a
 * container keeps per WebSocket connection before any Socket.IO.
 */
@ServerEndpoint("/raw-idle")
public class RawIdleEndpoint {
    static final int MESSAGE_BUFFER = 2048;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MESSAGE_BUFFER);
        session.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER);
    }

    @OnMessage
    public void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }
}
