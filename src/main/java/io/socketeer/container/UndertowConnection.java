package io.socketeer.container;

import io.socketeer.engineio.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sending side of an Undertow (WildFly) WebSocket session, writing a burst of frames together.
 *
 * <p>Undertow queues every frame it is given on the connection and writes the queue from its I/O
 * thread; batching ({@code setBatchingAllowed(true)}, Undertow's "explicit flush") keeps the queue
 * until it is flushed, and a frame's completion comes only once it is written. So when the
 * transport says more frames wait behind one, this connection turns batching on and reports the
 * frame done as soon as Undertow has queued it; the last frame of the burst turns batching off
 * before it is sent, which makes Undertow write the whole queue, and its completion (frames are
 * written in order) says that all of them are out. A failure of an earlier frame breaks the
 * connection, so the last frame or the endpoint's {@code onError} reports it. Undertow's flush never
 * blocks (it runs on the I/O thread). One frame with nothing behind it is sent as on any container.
 *
 * <p>A failed send is reported after the messages Undertow has already taken in (as the close and
 * errors are, see {@link UndertowAdapter}): a write that fails because the client just went away
 * (a heartbeat ping racing its close) must not report "transport error" before the client's last
 * packet, such as a namespace DISCONNECT, is handled (seen in NodeClientIT on WildFly).
 */
final class UndertowConnection implements WebSocketConnection {
    private static final Logger LOG = Logger.getLogger(UndertowConnection.class.getName());

    private final Session session;
    private final JsrWebSocketConnection plain;
    private final RemoteEndpoint.Async remote;
    /** Batching is on: Undertow holds the queued frames until the burst's last one. */
    private volatile boolean batching;

    UndertowConnection(Session session) {
        this.session = session;
        this.plain = new JsrWebSocketConnection(session);
        this.remote = session.getAsyncRemote();
    }

    @Override
    public void sendText(String text, boolean more, SendCallback sent) {
        SendCallback done = ordered(sent);
        if (more) {
            if (startBurst(done)) {
                remote.sendText(text, UndertowConnection::burstFrameSent);
                done.done(null);
            }
        } else if (endBurst(done)) {
            plain.sendText(text, false, done);
        }
    }

    @Override
    public void sendBinary(byte[] data, boolean more, SendCallback sent) {
        SendCallback done = ordered(sent);
        if (more) {
            if (startBurst(done)) {
                remote.sendBinary(ByteBuffer.wrap(data), UndertowConnection::burstFrameSent);
                done.done(null);
            }
        } else if (endBurst(done)) {
            plain.sendBinary(data, false, done);
        }
    }

    /** Failures reach the transport after the messages already taken in; success at once. */
    private SendCallback ordered(SendCallback done) {
        return failure -> {
            if (failure == null) {
                done.done(null);
            } else {
                UndertowAdapter.afterPendingMessages(session, () -> done.done(failure));
            }
        };
    }

    private boolean startBurst(SendCallback done) {
        if (!batching) {
            try {
                remote.setBatchingAllowed(true);
                batching = true;
            } catch (IOException e) {
                done.done(e);
                return false;
            }
        }
        return true;
    }

    /**
     * Batching off before a burst's last frame, so that sending it writes the whole queue; nothing to
     * do for a frame that is not part of a burst.
     */
    private boolean endBurst(SendCallback done) {
        if (!batching) {
            return true;
        }
        try {
            batching = false;
            remote.setBatchingAllowed(false);
            return true;
        } catch (IOException e) {
            done.done(e);
            return false;
        }
    }

    private static void burstFrameSent(SendResult result) {
        if (!result.isOK()) {
            LOG.log(Level.FINE, "a frame of a burst was not written", result.getException());
        }
    }

    @Override
    public void close(int code, String reason) {
        if (batching) { // a close in the middle of a burst: what is queued goes first
            batching = false;
            try {
                remote.setBatchingAllowed(false);
                remote.flushBatch();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "burst not flushed before the close", e);
            }
        }
        plain.close(code, reason);
    }
}
