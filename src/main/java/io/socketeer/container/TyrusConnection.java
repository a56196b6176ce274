package io.socketeer.container;

import io.socketeer.engineio.WebSocketConnection;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sending side of a Tyrus (Payara) WebSocket session, writing a burst of frames together.
 *
 * <p>Tyrus writes every frame it is given on its own: on Payara its servlet writer writes the frame to
 * the upgraded connection's output stream and flushes it, one {@code write} call per frame. In a
 * broadcast storm (1,000 receivers, 200 events each) those calls were 29 % of the server's CPU, and
 * Tyrus has no batching ({@code setBatchingAllowed} is ignored). So this connection frames the
 * messages itself (a server's frames are not masked: a header, then the payload) and hands Tyrus the
 * bytes of several frames at once through {@code TyrusWebSocket.sendRawFrame}, which writes them as
 * they are. When the transport says more frames wait behind one, the frame is kept here and reported
 * done at once; the burst's last frame (or {@link #WRITE_AT} bytes of them) goes out with the frames
 * kept before it in one write, whose completion reports that frame done. A frame alone is written
 * the same way, as one raw write.
 *
 * <p>Tyrus's {@code sendRawFrame} reports completion only through its {@code Future}; in Tyrus 2.1
 * that is a {@code TyrusFuture}, a {@code CompletableFuture}, which this connection waits on without
 * blocking. The session's remote endpoint's {@code webSocket} field and that method are reached by
 * reflection, with no compile-time dependency on Tyrus; where they differ (another Tyrus), frames go
 * through the WebSocket API one by one as on other containers, and a line is logged once.
 */
final class TyrusConnection implements WebSocketConnection {
    private static final Logger LOG = Logger.getLogger(TyrusConnection.class.getName());
    private static final String REMOTE_ENDPOINT = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
    /** Bytes of kept frames from which they are written even with more behind. */
    static final int WRITE_AT = 64 * 1024;
    /** The first size of the buffer of a burst. */
    private static final int BURST_BUFFER = 4096;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    /** Per class of a session's async remote endpoint: its web socket and sendRawFrame, or null. */
    private static final ClassValue<RawFrames> RAW_FRAMES = new ClassValue<>() {
        @Override
        protected RawFrames computeValue(Class<?> type) {
            try {
                return RawFrames.of(type);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus: frames are written one by one: {0}", e.toString());
                return null;
            }
        }
    };

    private final Session session;
    private final Object webSocket;
    private final MethodHandle sendRawFrame;
    /** How many more messages may try {@link TyrusUnmask}; 0 once it is in. */
    private volatile int unmaskTries = 16;
    /** The frames kept for one write, and how many of its bytes they fill; guarded by this. */
    private byte[] burst;
    private int burstLength;

    private TyrusConnection(Session session, Object webSocket, MethodHandle sendRawFrame) {
        this.session = session;
        this.webSocket = webSocket;
        this.sendRawFrame = sendRawFrame;
    }

    /** Whether this is a Tyrus session. */
    static boolean isTyrus(Session session) {
        return session.getClass().getName().startsWith("org.glassfish.tyrus.");
    }

    /** The sending side of a Tyrus session: frames written together where this Tyrus allows it. */
    static WebSocketConnection connection(Session session) {
        Object remote = session.getAsyncRemote();
        RawFrames raw = RAW_FRAMES.get(remote.getClass());
        Object webSocket = raw == null ? null : raw.webSocket(remote);
        if (webSocket == null) {
            return new JsrWebSocketConnection(session);
        }
        return new TyrusConnection(session, webSocket, raw.sendRawFrame);
    }

    /**
     * A message came in (on the thread reading the connection): the faster unmasking goes in front of
     * Tyrus's frame parser ({@link TyrusUnmask}), tried on the first messages until it is in (at most
     * {@code unmaskTries}, for a Tyrus where it never is).
     */
    void received() {
        int tries = unmaskTries;
        if (tries > 0) {
            unmaskTries = TyrusUnmask.install(webSocket) ? 0 : tries - 1;
        }
    }

    @Override
    public void sendText(String text, boolean more, SendCallback done) {
        send(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8), more, done);
    }

    @Override
    public void sendBinary(byte[] data, boolean more, SendCallback done) {
        send(OPCODE_BINARY, data, more, done);
    }

    private void send(int opcode, byte[] payload, boolean more, SendCallback done) {
        ByteBuffer frames;
        synchronized (this) {
            append(opcode, payload, more);
            if (more && burstLength < WRITE_AT) {
                frames = null;
            } else {
                frames = takeBurst();
            }
        }
        if (frames == null) {
            done.done(null); // kept: written with the burst's last frame
        } else {
            write(frames, done);
        }
    }

    /**
     * Under the lock: adds a frame (header and payload) to the burst; a frame that starts no burst
     * gets a buffer of its own size.
     */
    private void append(int opcode, byte[] payload, boolean more) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        int needed = burstLength + header + length;
        if (burst == null) {
            burst = new byte[more ? Math.max(BURST_BUFFER, needed) : needed];
        } else if (needed > burst.length) {
            burst = Arrays.copyOf(burst, Math.max(needed, 2 * burst.length));
        }
        byte[] b = burst;
        int at = burstLength;
        b[at++] = (byte) (0x80 | opcode); // FIN, one frame per message
        if (length < 126) {
            b[at++] = (byte) length;
        } else if (length <= 0xFFFF) {
            b[at++] = 126;
            b[at++] = (byte) (length >>> 8);
            b[at++] = (byte) length;
        } else {
            b[at++] = 127;
            long l = length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                b[at++] = (byte) (l >>> shift);
            }
        }
        System.arraycopy(payload, 0, b, at, length);
        burstLength = at + length;
    }

    /** Under the lock: the burst's bytes, handed over (Tyrus may keep them queued), or null. */
    private ByteBuffer takeBurst() {
        if (burstLength == 0) {
            return null;
        }
        ByteBuffer frames = ByteBuffer.wrap(burst, 0, burstLength);
        burst = null;
        burstLength = 0;
        return frames;
    }

    private void write(ByteBuffer frames, SendCallback done) {
        Future<?> sent;
        try {
            sent = (Future<?>) sendRawFrame.invoke(webSocket, frames);
        } catch (RuntimeException e) { // Tyrus's own: the session closed, for one
            done.done(e);
            return;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // sendRawFrame declares no checked exception
            done.done(e);
            return;
        }
        if (sent instanceof CompletionStage<?> stage) {
            // a TyrusFuture, completed as Tyrus's writer completes the write (checked in RawFrames.of)
            stage.whenComplete((r, e) -> done.done(e));
            return;
        }
        try { // not seen: RawFrames.of only accepts a Tyrus whose futures are CompletionStages
            sent.get();
            done.done(null);
        } catch (ExecutionException e) {
            done.done(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.done(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        ByteBuffer frames;
        synchronized (this) {
            frames = takeBurst();
        }
        if (frames != null) { // a close in the middle of a burst: what is kept goes first
            write(frames, e -> {
                if (e != null) {
                    LOG.log(Level.FINE, "burst not written before the close", e);
                }
            });
        }
        new JsrWebSocketConnection(session).close(code, reason);
    }

    /** Tyrus's {@code TyrusRemoteEndpoint.webSocket} and {@code TyrusWebSocket.sendRawFrame}. */
    private record RawFrames(Field webSocketField, MethodHandle sendRawFrame) {
        static RawFrames of(Class<?> remoteClass) throws ReflectiveOperationException {
            Field field = Reflection.declared(Reflection.classNamed(remoteClass, REMOTE_ENDPOINT), "webSocket");
            Class<?> webSocket = field.getType();
            MethodHandle send = MethodHandles.publicLookup().findVirtual(webSocket, "sendRawFrame",
                    MethodType.methodType(Future.class, ByteBuffer.class));
            // completion is known only if its Future is a CompletionStage (TyrusFuture in Tyrus 2.1)
            Class<?> future = Class.forName("org.glassfish.tyrus.core.TyrusFuture", false, webSocket.getClassLoader());
            if (!CompletionStage.class.isAssignableFrom(future)) {
                throw new NoSuchMethodException(future.getName() + " is not a CompletionStage");
            }
            return new RawFrames(field, send.asType(MethodType.methodType(Future.class, Object.class, ByteBuffer.class)));
        }

        Object webSocket(Object remote) {
            try {
                return webSocketField.get(remote);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "Tyrus: no web socket on the remote endpoint", e);
                return null;
            }
        }
    }
}
