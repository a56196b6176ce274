package io.socketeer.container;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tomcat's reading side unmasks every byte a client sends one at a time, and counts each byte in a
 * {@code volatile long} ({@code WsFrameBase.payloadWritten}): a memory fence per byte. Profiled on
 * Tomcat 10.1 with the 64 KiB binary echo, that loop ({@code WsFrameBase$UnmaskTransformation.getMoreData})
 * was 58 % of the server's CPU, about 5 ns per byte received. This class puts a transformation in
 * its place in the session's frame reader that does the same work eight bytes at a time and writes
 * the counter once per call.
 *
 * <p>Tomcat's frame reader is not reachable through the WebSocket API, so the way there is by
 * reflection (session → remote endpoint → upgrade connection → upgrade handler → frame reader), the
 * same in Tomcat 10.1 and 11, with no compile-time dependency on Tomcat: the replacement is a proxy
 * of Tomcat's {@code Transformation} interface that handles {@code getMoreData} and passes every
 * other call to Tomcat's own terminal transformation. It is installed in {@code onOpen}, before
 * Tomcat reads the first frame, and only where the chain is Tomcat's plain unmasking (not with
 * permessage-deflate). Where anything on that way is missing (another Tomcat), nothing changes and a
 * line is logged once.
 */
final class TomcatUnmask implements InvocationHandler {
    private static final Logger LOG = Logger.getLogger(TomcatUnmask.class.getName());
    /** Tomcat's fields and classes, resolved once; null where they are missing. */
    private static final Tomcat TOMCAT = Tomcat.resolve();

    /**
     * Tomcat's fields and classes on the way from a session to its frame reader's unmasking state. A
     * record in a static final, so that the JIT treats its fields (the var handles) as constants.
     */
    private record Tomcat(Field remoteEndpoint, Field connection, Class<?> upgradeProcessor, Field upgradeHandler,
                          Class<?> wsHttpUpgradeHandler, Field wsFrame, Class<?> frameBase, Field transformation,
                          Field inputBuffer, Field mask, Class<?> unmask, VarHandle payloadWritten,
                          VarHandle payloadLength, VarHandle maskIndex, VarHandle fin, Object endOfFrame,
                          Object underflow, Object overflow) {
        static Tomcat resolve() {
            try {
                ClassLoader loader = TomcatUnmask.class.getClassLoader();
                Class<?> upgradeProcessor = Class.forName("org.apache.coyote.http11.upgrade.UpgradeProcessorInternal",
                        false, loader);
                Class<?> wsHttpUpgradeHandler = Class.forName(
                        "org.apache.tomcat.websocket.server.WsHttpUpgradeHandler", false, loader);
                Class<?> frameBase = Class.forName("org.apache.tomcat.websocket.WsFrameBase", false, loader);
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(frameBase, MethodHandles.lookup());
                Class<?> result = Class.forName("org.apache.tomcat.websocket.TransformationResult", false, loader);
                return new Tomcat(
                        Reflection.declared(Class.forName("org.apache.tomcat.websocket.WsSession", false, loader),
                                "wsRemoteEndpoint"),
                        Reflection.declared(Class.forName("org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer",
                                false, loader), "connection"),
                        upgradeProcessor, Reflection.declared(upgradeProcessor, "internalHttpUpgradeHandler"),
                        wsHttpUpgradeHandler, Reflection.declared(wsHttpUpgradeHandler, "wsFrame"),
                        frameBase, Reflection.declared(frameBase, "transformation"),
                        Reflection.declared(frameBase, "inputBuffer"), Reflection.declared(frameBase, "mask"),
                        Class.forName("org.apache.tomcat.websocket.WsFrameBase$UnmaskTransformation", false, loader),
                        lookup.findVarHandle(frameBase, "payloadWritten", long.class),
                        lookup.findVarHandle(frameBase, "payloadLength", long.class),
                        lookup.findVarHandle(frameBase, "maskIndex", int.class),
                        lookup.findVarHandle(frameBase, "fin", boolean.class),
                        constant(result, "END_OF_FRAME"), constant(result, "UNDERFLOW"), constant(result, "OVERFLOW"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.log(Level.INFO, "Tomcat: no fast unmasking, Tomcat unmasks incoming frames byte by byte: {0}",
                        e.toString());
                return null;
            }
        }
    }

    private final Object frame;
    private final Object original;
    private final ByteBuffer input;
    private final byte[] mask;

    private TomcatUnmask(Object frame, Object original) throws IllegalAccessException {
        this.frame = frame;
        this.original = original;
        this.input = (ByteBuffer) TOMCAT.inputBuffer().get(frame);
        this.mask = (byte[]) TOMCAT.mask().get(frame);
    }

    /**
     * Puts the fast unmasking into a Tomcat session's frame reader, before it reads; the unmasking put
     * in, or null where it did not.
     */
    static TomcatUnmask install(Session session) {
        Tomcat t = TOMCAT;
        if (t == null || !t.remoteEndpoint().getDeclaringClass().isInstance(session)) {
            return null;
        }
        try {
            Object remote = t.remoteEndpoint().get(session);
            Field c = t.connection();
            Object connection = c.getDeclaringClass().isInstance(remote) ? c.get(remote) : null;
            Object handler = t.upgradeProcessor().isInstance(connection) ? t.upgradeHandler().get(connection) : null;
            Object frame = t.wsHttpUpgradeHandler().isInstance(handler) ? t.wsFrame().get(handler) : null;
            Object current = t.frameBase().isInstance(frame) ? t.transformation().get(frame) : null;
            if (current == null || current.getClass() != t.unmask()) {
                return null; // an extension (permessage-deflate) heads the chain, or not a server session
            }
            Class<?> api = t.transformation().getType();
            TomcatUnmask unmask = new TomcatUnmask(frame, current);
            Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, unmask);
            t.transformation().set(frame, proxy);
            return unmask;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tomcat: fast unmasking not installed", e);
            return null;
        }
    }

    /**
     * While Tomcat hands a message's parts to the endpoint: the length of the whole message if it
     * came in one frame (the frame being read has FIN set), else -1. Read on the thread that reads the
     * frame, the one that calls the endpoint's handler.
     */
    long messageLength() {
        return (boolean) TOMCAT.fin().get(frame) ? (long) TOMCAT.payloadLength().get(frame) : -1;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getMoreData": // every read of a frame's payload
                return getMoreData((ByteBuffer) args[3]);
            case "validateRsv": // every frame: the terminal transformation allows no reserved bits
                return (Integer) args[0] == 0;
            case "validateRsvBits":
                return Boolean.TRUE;
            default:
                break;
        }
        return Proxies.objectMethodOrDelegate(proxy, method, args, original, "TomcatUnmask");
    }

    /** What Tomcat's {@code UnmaskTransformation.getMoreData} does, without the per-byte fence. */
    private Object getMoreData(ByteBuffer dest) {
        long written = (long) TOMCAT.payloadWritten().getVolatile(frame);
        long length = (long) TOMCAT.payloadLength().get(frame);
        int n = (int) Math.min(length - written, Math.min(input.remaining(), dest.remaining()));
        if (n > 0) {
            int maskIndex = (int) TOMCAT.maskIndex().get(frame);
            int from = input.position();
            int to = dest.position();
            if (input.hasArray() && dest.hasArray()) {
                Masking.unmask(input.array(), input.arrayOffset() + from, dest.array(), dest.arrayOffset() + to, n,
                        mask, maskIndex);
            } else {
                for (int i = 0; i < n; i++) {
                    dest.put(to + i, (byte) (input.get(from + i) ^ mask[(maskIndex + i) & 3]));
                }
            }
            input.position(from + n);
            dest.position(to + n);
            TOMCAT.maskIndex().set(frame, (maskIndex + n) & 3);
            written += n;
            TOMCAT.payloadWritten().setVolatile(frame, written);
        }
        if (written == length) {
            return TOMCAT.endOfFrame();
        }
        return input.remaining() == 0 ? TOMCAT.underflow() : TOMCAT.overflow();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object constant(Class<?> enumType, String name) {
        return Enum.valueOf((Class) enumType, name);
    }
}
