package io.socketeer.container;

import io.socketeer.engineio.WebSocketConnection;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the endpoint does differently on Tomcat, found out from the session's class, with no
 * compile-time dependency on Tomcat. Tomcat sizes a session's message buffers by
 * {@code setMaxText/BinaryMessageBufferSize}: it allocates a byte buffer of the binary limit and a
 * char buffer of the text limit (two bytes per char) for every session that receives a message, so
 * maxHttpBufferSize (1 MB by default) as the container's limit cost 3 MB of heap per WebSocket
 * connection. On Tomcat the endpoint therefore receives messages in parts, keeps the limit itself
 * ({@link MessageLimit}), and makes those two buffers small ({@link #MESSAGE_BUFFER}): every open
 * connection holds them, idle or not (with Tomcat's default of 8 KiB they were 24 KB of the about
 * 75 KB of heap an idle connection kept, 10,000 clients on Tomcat 10.1).
 *
 * <p>Sends go through {@link TomcatConnection}, which writes a burst of frames together with
 * Tomcat's batching and an asynchronous flush that the WebSocket API lacks: Tomcat's own
 * {@code WsRemoteEndpointImplBase.startMessage} with its internal flush opcode, on the session's
 * {@code wsRemoteEndpoint}, reached by reflection (the same in Tomcat 10.1 and 11). If a Tomcat
 * version lacks them, frames are written one by one as on other containers, and a line is logged.
 */
final class TomcatAdapter {
    private static final Logger LOG = Logger.getLogger(TomcatAdapter.class.getName());
    private static volatile Internals internals;

    /**
     * Tomcat's per-session message buffers, in bytes and chars: a Socket.IO event usually fits, and a
     * bigger message comes in parts of this size.
     */
    static final int MESSAGE_BUFFER = 2048;

    private TomcatAdapter() {
    }

    /** Sizes Tomcat's message buffers (it reallocates them when the next message starts). */
    static void sizeBuffers(Session session) {
        session.setMaxTextMessageBufferSize(MESSAGE_BUFFER);
        session.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER);
    }

    /** The sending side for a Tomcat session: bursts written together where Tomcat allows it. */
    static WebSocketConnection connection(Session session) {
        Internals in = internals(session.getClass());
        Object endpoint = in == null ? null : in.endpoint(session);
        if (endpoint == null) {
            return new JsrWebSocketConnection(session);
        }
        return new TomcatConnection(session, done -> in.flush(endpoint, done));
    }

    /** Writes what a session has batched without blocking; {@code done} hears when it is written. */
    @FunctionalInterface
    interface AsyncFlush {
        void flush(SendHandler done);
    }

    private static Internals internals(Class<?> sessionClass) {
        Internals in = internals;
        if (in == null || in.sessionClass != sessionClass) {
            in = Internals.resolve(sessionClass);
            internals = in;
        }
        return in.startMessage == null ? null : in;
    }

    /** Tomcat's session field and method the asynchronous flush needs. */
    private static final class Internals {
        final Class<?> sessionClass;
        final Field remoteEndpoint;
        final MethodHandle startMessage;
        final byte flushOpCode;

        private Internals(Class<?> sessionClass, Field remoteEndpoint, MethodHandle startMessage, byte flushOpCode) {
            this.sessionClass = sessionClass;
            this.remoteEndpoint = remoteEndpoint;
            this.startMessage = startMessage;
            this.flushOpCode = flushOpCode;
        }

        static Internals resolve(Class<?> sessionClass) {
            try {
                Field field = Reflection.declared(sessionClass, "wsRemoteEndpoint");
                Class<?> base = field.getType();
                Method m = Reflection.declaredMethod(base, "startMessage", byte.class, ByteBuffer.class,
                        boolean.class, SendHandler.class);
                MethodHandle h = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(void.class,
                        Object.class, byte.class, ByteBuffer.class, boolean.class, SendHandler.class));
                Field op = Reflection.declared(Class.forName("org.apache.tomcat.websocket.Constants", false,
                        base.getClassLoader()), "INTERNAL_OPCODE_FLUSH");
                return new Internals(sessionClass, field, h, op.getByte(null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tomcat: no asynchronous flush in " + sessionClass.getName()
                        + ", WebSocket frames are written one by one: " + e);
                return new Internals(sessionClass, null, null, (byte) 0);
            }
        }

        Object endpoint(Session session) {
            try {
                return remoteEndpoint.get(session);
            } catch (IllegalAccessException | RuntimeException e) {
                return null;
            }
        }

        void flush(Object endpoint, SendHandler done) {
            try {
                startMessage.invokeExact(endpoint, flushOpCode, (ByteBuffer) null, true, done);
            } catch (Throwable e) { // e.g. the session closed meanwhile: the transport hears of it
                done.onResult(new SendResult(e));
            }
        }
    }

    /** Whether this is a Tomcat session. */
    static boolean isTomcat(Session session) {
        return session.getClass().getName().startsWith("org.apache.tomcat.websocket.");
    }
}
