package io.socketeer.container;

import io.socketeer.engineio.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The sending side of a Tomcat WebSocket session, writing a burst of frames together.
 *
 * <p>Tomcat completes every asynchronous send on another thread of its executor, even when the
 * write finished at once ({@code WsRemoteEndpointImplServer} dispatches the completion): a thread
 * hand-off per frame, and a write per frame. In a broadcast storm (1,000 receivers, 200 events
 * each) that was a third of the server's CPU. So when the transport says more frames wait behind
 * one, this connection turns Tomcat's batching on: Tomcat copies each frame into the session's
 * output buffer and completes it at once, writing the buffer whenever it fills; after the last
 * frame of the burst it flushes. {@code RemoteEndpoint.flushBatch()} would block the thread until
 * the client has read enough, which one stuck client must not do to a broadcast, so the flush goes
 * through Tomcat's own asynchronous path ({@link TomcatAdapter.AsyncFlush}); then batching is turned
 * off again, so that a lone frame (an ack, a 64 KiB binary) is written directly, not through the
 * buffer. One frame with nothing behind it is sent as on any container.
 */
final class TomcatConnection implements WebSocketConnection {
    /**
     * Tomcat's user property for how long a blocking send may wait, which its close also uses to wait
     * for a write in flight (20 s by default); a close waits this long at most for a client that does
     * not read.
     */
    static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    static final long CLOSE_WAIT_MS = 1000;
    /** From this size (bytes, or chars of text) a frame is written on its own, see {@link #alone}. */
    static final int LARGE_FRAME = 4096;

    private final Session session;
    private final JsrWebSocketConnection plain;
    private final RemoteEndpoint.Async remote;
    private final TomcatAdapter.AsyncFlush flush;
    /** Batching is on: frames sit in Tomcat's output buffer until the burst's flush. */
    private volatile boolean batching;

    TomcatConnection(Session session, TomcatAdapter.AsyncFlush flush) {
        this.session = session;
        this.plain = new JsrWebSocketConnection(session);
        this.remote = session.getAsyncRemote();
        this.flush = flush;
    }

    @Override
    public void sendText(String text, boolean more, SendCallback done) {
        if (text.length() >= LARGE_FRAME) {
            alone(() -> plain.sendText(text, more, done), done);
        } else if (!more && !batching) {
            plain.sendText(text, false, done);
        } else if (startBurst(more, done)) {
            remote.sendText(text, handler(more, done));
        }
    }

    @Override
    public void sendBinary(byte[] data, boolean more, SendCallback done) {
        if (data.length >= LARGE_FRAME) {
            alone(() -> plain.sendBinary(data, more, done), done);
        } else if (!more && !batching) {
            plain.sendBinary(data, false, done);
        } else if (startBurst(more, done)) {
            remote.sendBinary(ByteBuffer.wrap(data), handler(more, done));
        }
    }

    /**
     * A large frame goes out on its own, unbatched: Tomcat writes it with its header in one gathering
     * write, where through the batch it would copy it into its 8 KiB output buffer and write that
     * buffer once per 8 KiB (a 64 KiB attachment behind its header packet: 8 writes, each completed
     * on another thread). A batch before it is flushed first, so the order stays.
     */
    private void alone(Runnable send, SendCallback done) {
        if (!batching) {
            send.run();
            return;
        }
        flush.flush(r -> flushed(r, e -> {
            if (e == null) {
                send.run();
            } else {
                done.done(e);
            }
        }));
    }

    /** Turns batching on for a frame with more behind it; false (and done) if Tomcat refused. */
    private boolean startBurst(boolean more, SendCallback done) {
        if (more && !batching) {
            try {
                remote.setBatchingAllowed(true); // was off: nothing to flush, does not block
                batching = true;
            } catch (IOException e) {
                done.done(e);
                return false;
            }
        }
        return true;
    }

    private SendHandler handler(boolean more, SendCallback done) {
        if (batching && !more) {
            return r -> {
                if (r.isOK()) {
                    flush.flush(r2 -> flushed(r2, done));
                } else {
                    done.done(r.getException());
                }
            };
        }
        return r -> done.done(r.isOK() ? null : r.getException());
    }

    private void flushed(SendResult result, SendCallback done) {
        if (!result.isOK()) {
            done.done(result.getException());
            return;
        }
        try {
            batching = false;
            remote.setBatchingAllowed(false); // the buffer was just written: an empty flush
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: the session closed since the flush was written (Tomcat's empty
            // flush refuses a closed session). Uncaught, it ended the Tomcat thread that completed the
            // flush, and the transport never heard that its send was over.
            done.done(e);
            return;
        }
        done.done(null);
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, CLOSE_WAIT_MS);
        } catch (IllegalStateException e) {
            return; // Tomcat refuses every call but close() on a closed session: already closed
        }
        plain.close(code, reason);
    }
}
