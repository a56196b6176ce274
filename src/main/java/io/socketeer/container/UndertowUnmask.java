package io.socketeer.container;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Undertow (WildFly) unmasks every payload byte a client sends through its {@code Masker}, a byte at
 * a time (a {@code get} and a {@code put} on the direct buffer and an index modulo 4 per byte): 42 %
 * of the server's CPU in the 64 KiB binary echo. Undertow makes a {@code Masker} for each frame it
 * parses and refuses a client's frame that comes unmasked, so the bytes cannot be unmasked in front
 * of its parser as on Payara ({@link TyrusUnmask}).
 *
 * <p>Instead, this class puts a receive listener in front of Undertow's JSR-356 {@code FrameHandler}
 * on the session's {@code WebSocketChannel}. It does what Undertow's
 * {@code AbstractReceiveListener.handleEvent} does (take the next frame from the channel and give it
 * to the handler's {@code onText}, {@code onBinary}, ...), and before the handler reads a masked
 * frame that is whole (FIN set) and not small ({@link #TAKE_OVER_FROM}), it takes the frame's
 * {@code Masker} out and wraps the frame's extension function, which Undertow applies to each piece of
 * the payload right after the masker, in one that first unmasks the piece eight bytes at a time
 * ({@link Masking}). A fragment (FIN not set) keeps Undertow's masker, since the continuation frames
 * bring masking keys of their own. Installed in {@code onOpen}, before Undertow reads the first
 * frame. Everything is reached by reflection with no compile-time dependency on Undertow; where
 * something differs (another Undertow), nothing changes and a line is logged once.
 */
final class UndertowUnmask {
    private static final Logger LOG = Logger.getLogger(UndertowUnmask.class.getName());
    /**
     * The shortest payload whose unmasking is taken over: Undertow's masker costs about 3 ns per byte
     * (the 64 KiB binary echo on WildFly: about 200 µs per ack of 64 KiB), while taking it over costs
     * a proxy and a few reflective calls per frame, which outweigh the bytes of a small frame.
     */
    static final int TAKE_OVER_FROM = 256;

    /** Undertow's classes, fields and methods, per session class (Undertow may be loaded more than once). */
    private static final ClassValue<Undertow> UNDERTOW = new ClassValue<>() {
        @Override
        protected Undertow computeValue(Class<?> session) {
            try {
                return Undertow.resolve(session);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Undertow: incoming frames are unmasked by Undertow: {0}", e.toString());
                return null;
            }
        }
    };

    private UndertowUnmask() {
    }

    /** Puts the listener in front of the session's frame handler; whether it did. */
    static boolean install(Session session) {
        if (!UndertowAdapter.isUndertow(session)) {
            return false;
        }
        Undertow u = UNDERTOW.get(session.getClass());
        if (u == null) {
            return false;
        }
        try {
            Object channel = u.getWebSocketChannel.invoke(session);
            Object setter = u.getReceiveSetter.invoke(channel);
            Object handler = u.setterGet.invoke(setter);
            if (!u.receiveListener.isInstance(handler)) {
                return false;
            }
            Object listener = Proxy.newProxyInstance(u.channelListener.getClassLoader(),
                    new Class<?>[] {u.channelListener}, new Receiving(u, handler));
            u.setterSet.invoke(setter, listener);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Undertow: fast unmasking not installed", e);
            return false;
        }
    }

    /** The receive listener: Undertow's {@code AbstractReceiveListener.handleEvent}, with the masker taken over. */
    private static final class Receiving implements InvocationHandler {
        private final Undertow u;
        private final Object handler;

        Receiving(Undertow u, Object handler) {
            this.u = u;
            this.handler = handler;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!method.getName().equals("handleEvent") || args == null || args.length != 1) {
                return Proxies.objectMethodOrDelegate(proxy, method, args, handler, "UndertowUnmask");
            }
            Object channel = args[0];
            try {
                Object frame = Proxies.invoke(u.receive, channel);
                if (frame == null) {
                    return null;
                }
                Method on = u.onFrame(((Enum<?>) u.getType.invoke(frame)).name());
                if (on != null) {
                    takeOverUnmasking(frame);
                    Proxies.invoke(on, handler, channel, frame);
                }
            } catch (IOException e) {
                Proxies.invoke(u.onError, handler, channel, e);
            }
            return null;
        }

        /**
         * Takes the masker out of a whole, masked frame of {@link #TAKE_OVER_FROM} bytes or more that
         * has not been read yet; a frame where that fails keeps it (the masker is taken out last).
         */
        private void takeOverUnmasking(Object frame) {
            try {
                if (u.frameDataRemaining.getLong(frame) < TAKE_OVER_FROM) {
                    return;
                }
                Object masker = u.masker.get(frame);
                if (masker == null || !(boolean) u.isFinalFragment.invoke(frame) || u.maskerIndex.getInt(masker) != 0) {
                    return;
                }
                byte[] key = ((byte[]) u.maskingKey.get(masker)).clone();
                Object extension = u.extensionFunction.get(frame);
                Class<?> api = u.extensionFunction.getType();
                u.extensionFunction.set(frame, Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                        new Unmasking(u, key, extension)));
                u.masker.set(frame, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "Undertow: a frame unmasked by Undertow", e);
            }
        }
    }

    /** A frame's extension function, which unmasks each piece of the payload before Undertow's. */
    private static final class Unmasking implements InvocationHandler {
        private final Undertow u;
        private final byte[] key;
        private final Object original;
        /** Where in the key the next byte of the payload is; pieces are read one after the other. */
        private int maskIndex;

        Unmasking(Undertow u, byte[] key, Object original) {
            this.u = u;
            this.key = key;
            this.original = original;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("transformForRead") && args != null && args.length == 3) {
                ByteBuffer piece = (ByteBuffer) u.getBuffer.invoke(args[0]);
                maskIndex = Masking.unmask(piece, piece.position(), piece.remaining(), key, maskIndex);
            }
            return Proxies.objectMethodOrDelegate(proxy, method, args, original, "UndertowUnmask");
        }
    }

    /** What this class uses of Undertow, found from the session's class. */
    private record Undertow(Method getWebSocketChannel, Method getReceiveSetter, Method setterGet, Method setterSet,
            Class<?> channelListener, Class<?> receiveListener, Method receive, Method getType,
            Method isFinalFragment, Field frameDataRemaining, Field masker, Field maskingKey, Field maskerIndex,
            Field extensionFunction,
            Method getBuffer, Method onText, Method onBinary, Method onPing, Method onPong, Method onClose,
            Method onError) {
        private static final String CORE = "io.undertow.websockets.core.";

        static Undertow resolve(Class<?> session) throws ReflectiveOperationException {
            ClassLoader loader = session.getClassLoader();
            Method getWebSocketChannel = session.getMethod("getWebSocketChannel");
            Class<?> channel = getWebSocketChannel.getReturnType();
            Method getReceiveSetter = channel.getMethod("getReceiveSetter");
            Class<?> listener = Class.forName("org.xnio.ChannelListener", false, channel.getClassLoader());
            Class<?> simpleSetter = Class.forName("org.xnio.ChannelListener$SimpleSetter", false,
                    channel.getClassLoader());
            Class<?> receiveListener = Class.forName(CORE + "AbstractReceiveListener", false, loader);
            Class<?> frame = Class.forName(CORE + "StreamSourceFrameChannel", false, loader);
            Class<?> maskerClass = Class.forName(CORE + "protocol.version07.Masker", false, loader);
            Field masker = Reflection.declared(frame, "masker", t -> t == maskerClass);
            Field extension = Reflection.declared(frame, "extensionFunction", Class::isInterface);
            Class<?> pooled = Class.forName("io.undertow.connector.PooledByteBuffer", false, loader);
            // the payload length until the frame is first read
            Class<?> framed = Reflection.classNamed(frame,
                    "io.undertow.server.protocol.framed.AbstractFramedStreamSourceChannel");
            Field remaining = Reflection.declared(framed, "frameDataRemaining", t -> t == long.class);
            return new Undertow(getWebSocketChannel, getReceiveSetter, simpleSetter.getMethod("get"),
                    simpleSetter.getMethod("set", listener), listener, receiveListener, channel.getMethod("receive"),
                    frame.getMethod("getType"), frame.getMethod("isFinalFragment"), remaining, masker,
                    Reflection.declared(maskerClass, "maskingKey", t -> t == byte[].class),
                    Reflection.declared(maskerClass, "m", t -> t == int.class), extension,
                    pooled.getMethod("getBuffer"),
                    Reflection.declaredMethod(receiveListener, "onText", channel, frame),
                    Reflection.declaredMethod(receiveListener, "onBinary", channel, frame),
                    Reflection.declaredMethod(receiveListener, "onPing", channel, frame),
                    Reflection.declaredMethod(receiveListener, "onPong", channel, frame),
                    Reflection.declaredMethod(receiveListener, "onClose", channel, frame),
                    Reflection.declaredMethod(receiveListener, "onError", channel, Throwable.class));
        }

        /** The handler's method for a frame of this type ({@code WebSocketFrameType}), or null. */
        Method onFrame(String type) {
            return switch (type) {
                case "BINARY" -> onBinary;
                case "TEXT" -> onText;
                case "PONG" -> onPong;
                case "PING" -> onPing;
                case "CLOSE" -> onClose;
                default -> null;
            };
        }
    }
}
