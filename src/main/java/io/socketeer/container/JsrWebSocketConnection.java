package io.socketeer.container;

import io.socketeer.engineio.WebSocketConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The sending side of a JSR-356 session, with asynchronous sends, one frame per write. */
final class JsrWebSocketConnection implements WebSocketConnection {
    private final Session session;

    JsrWebSocketConnection(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, boolean more, SendCallback done) {
        session.getAsyncRemote().sendText(text, r -> done.done(r.isOK() ? null : r.getException()));
    }

    @Override
    public void sendBinary(byte[] data, boolean more, SendCallback done) {
        session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data), r -> done.done(r.isOK() ? null : r.getException()));
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | IllegalStateException e) {
            // already closing
        }
    }
}
