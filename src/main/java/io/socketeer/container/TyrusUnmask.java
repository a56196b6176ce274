package io.socketeer.container;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tyrus 2.1 (Payara 6) unmasks every byte a client sends on its own, through a {@code Masker} whose
 * position is a {@code volatile int}: a memory fence per byte. Profiled with the 64 KiB binary echo
 * on tuned Payara, {@code ProtocolHandler.unframe}, where that loop is inlined, took 66 % of the
 * server's CPU.
 *
 * <p>This class puts a {@link FrameUnmasker} in front of Tyrus's frame parser: the bytes Payara's
 * upgrade handler reads go through it first, and Tyrus gets the same frames unmasked, which it
 * parses with a bulk copy (Tyrus does not require a client's frames to be masked). The upgrade
 * handler ({@code TyrusHttpUpgradeHandler}) asks its {@code connection} for the read handler on every
 * read; that connection is set only after the endpoint's {@code onOpen} has run (the connection's
 * constructor opens the session), so the proxy of the connection goes in on the first message the
 * endpoint receives, on the thread reading. Tyrus may then be in the middle of a frame (a piece it
 * read held the first bytes of the next one), so the proxy passes the bytes to Tyrus as they are
 * until a piece starts where Tyrus has no frame begun. The fields, from the session's web socket to
 * the upgrade handler's connection, are reached by reflection with no compile-time dependency on
 * Tyrus; where one differs (another Tyrus, or Tyrus's standalone Grizzly server, which has no
 * servlet upgrade handler), nothing changes.
 */
final class TyrusUnmask {
    private static final Logger LOG = Logger.getLogger(TyrusUnmask.class.getName());
    private static final String SERVLET_WRITER = "org.glassfish.tyrus.servlet.TyrusServletWriter";

    /** Per class of Tyrus's web socket: the fields on the way to its upgrade handler, or null. */
    private static final ClassValue<Fields> FIELDS = new ClassValue<>() {
        @Override
        protected Fields computeValue(Class<?> webSocket) {
            try {
                return Fields.of(webSocket);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus: incoming frames are unmasked by Tyrus: {0}", e.toString());
                return null;
            }
        }
    };

    private TyrusUnmask() {
    }

    /**
     * Puts the unmasking in front of the Tyrus web socket's frame parser (a {@code TyrusWebSocket}, on
     * Tyrus's servlet upgrade); whether it did. Called on the thread that reads the connection, once
     * the connection is open (from a message handler).
     */
    static boolean install(Object webSocket) {
        Fields f = FIELDS.get(webSocket.getClass());
        if (f == null) {
            return false;
        }
        try {
            Object protocol = f.protocolHandler.get(webSocket);
            Object writer = f.writer.get(protocol);
            if (writer == null || !writer.getClass().getName().equals(SERVLET_WRITER)) {
                return false; // not Tyrus's servlet upgrade (its standalone server)
            }
            Field upgradeField = Reflection.inherited(writer.getClass(), "tyrusHttpUpgradeHandler");
            Object upgrade = upgradeField.get(writer);
            if (!upgrade.getClass().equals(upgradeField.getType())) {
                // Tyrus's TyrusServletUpgrade gives the writer a proxy that passes every call to the
                // handler the container made ({@code handler}), which holds the connection
                Object handler = Reflection.inherited(upgrade.getClass(), "handler").get(upgrade);
                if (upgradeField.getType().isInstance(handler)) {
                    upgrade = handler;
                }
            }
            Field connectionField = Reflection.inherited(upgrade.getClass(), "connection");
            Object connection = connectionField.get(upgrade);
            Class<?> api = connectionField.getType();
            if (connection == null || Proxy.isProxyClass(connection.getClass()) || !api.isInterface()) {
                return false;
            }
            Method getReadHandler = api.getMethod("getReadHandler");
            Object read = getReadHandler.invoke(connection);
            Class<?> readApi = getReadHandler.getReturnType();
            Field buffer = Reflection.inherited(read.getClass(), "buffer");
            AtomicInteger state = (AtomicInteger) f.state.get(f.parsingState.get(protocol));
            Object readProxy = Proxy.newProxyInstance(readApi.getClassLoader(), new Class<?>[] {readApi},
                    new Reading(read, buffer, state));
            Object connectionProxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                    (proxy, method, args) -> method.getName().equals("getReadHandler") && args == null
                            ? readProxy
                            : Proxies.objectMethodOrDelegate(proxy, method, args, connection, "TyrusUnmask"));
            connectionField.set(upgrade, connectionProxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tyrus: fast unmasking not installed", e);
            return false;
        }
    }

    /** The read handler's proxy: the bytes through a {@link FrameUnmasker}, from a frame boundary on. */
    private static final class Reading implements InvocationHandler {
        private final Object original;
        private final Field buffer;
        private final AtomicInteger state;
        private final FrameUnmasker unmasker = new FrameUnmasker();
        private boolean atBoundary;

        Reading(Object original, Field buffer, AtomicInteger state) {
            this.original = original;
            this.buffer = buffer;
            this.state = state;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("handle") && args != null && args.length == 1
                    && args[0] instanceof ByteBuffer data && (atBoundary || tyrusAtBoundary())) {
                atBoundary = true;
                args = new Object[] {unmasker.unmask(data)};
            }
            return Proxies.objectMethodOrDelegate(proxy, method, args, original, "TyrusUnmask");
        }

        /** Tyrus holds no bytes of a frame it has begun: the next byte it gets starts a frame. */
        private boolean tyrusAtBoundary() throws IllegalAccessException {
            ByteBuffer held = (ByteBuffer) buffer.get(original);
            return (held == null || !held.hasRemaining()) && state.get() == 0;
        }
    }

    /** Tyrus's {@code TyrusWebSocket.protocolHandler}, its {@code writer} and its parsing state. */
    private record Fields(Field protocolHandler, Field writer, Field parsingState, Field state) {
        static Fields of(Class<?> webSocket) throws ReflectiveOperationException {
            Field protocolHandler = Reflection.inherited(webSocket, "protocolHandler");
            Class<?> protocol = protocolHandler.getType();
            Field parsingState = Reflection.inherited(protocol, "parsingState");
            Field state = Reflection.inherited(parsingState.getType(), "state");
            if (state.getType() != AtomicInteger.class) {
                throw new NoSuchFieldException("state is a " + state.getType().getName());
            }
            return new Fields(protocolHandler, Reflection.inherited(protocol, "writer"), parsingState, state);
        }
    }
}
