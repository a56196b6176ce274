package io.socketeer.bench;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The container's own floor for the harness's connect-rate scenario, at {@code /raw-connect/}: a
 * plain JSR-356 endpoint that answers a WebSocket connection with an Engine.IO open packet and its
 * {@code 40} with a Socket.IO CONNECT answer, and nothing else (no heartbeat, no session registry,
 * no namespace, no check; the session id is a counter). It has the message buffers Socketeer gives
 * its own sessions (2,048 bytes and chars, as {@link RawIdleEndpoint}).
 */
@ServerEndpoint("/raw-connect/")
public class RawConnectEndpoint {
    private static final AtomicLong IDS = new AtomicLong();

    @OnOpen
    public void open(Session session) throws IOException {
        session.setMaxTextMessageBufferSize(RawIdleEndpoint.MESSAGE_BUFFER);
        session.setMaxBinaryMessageBufferSize(RawIdleEndpoint.MESSAGE_BUFFER);
        String sid = Long.toString(IDS.incrementAndGet(), 36);
        session.getUserProperties().put("sid", sid);
        session.getBasicRemote().sendText(RawPackets.open(sid));
    }

    @OnMessage
    public void text(Session session, String message) throws IOException {
        if (message.startsWith("40")) {
            session.getBasicRemote().sendText(RawPackets.connected((String) session.getUserProperties().get("sid")));
        }
    }
}
