package io.socketeer.container;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Tomcat's fields and classes, resolved once (static finals, so that the JIT treats them as constants). */
    private static final Field REMOTE_ENDPOINT;
    private static final Field CONNECTION;
    private static final Class<?> UPGRADE_PROCESSOR;
    private static final Field UPGRADE_HANDLER;
    private static final Class<?> WS_HTTP_UPGRADE_HANDLER;
    private static final Field WS_FRAME;
    private static final Class<?> FRAME_BASE;
    private static final Field TRANSFORMATION;
    private static final Field INPUT_BUFFER;
    private static final Field MASK;
    private static final Class<?> UNMASK;
    private static final VarHandle PAYLOAD_WRITTEN;
    private static final VarHandle PAYLOAD_LENGTH;
    private static final VarHandle MASK_INDEX;
    private static final Object END_OF_FRAME;
    private static final Object UNDERFLOW;
    private static final Object OVERFLOW;
    /** Why the fields could not be resolved, or null. */
    private static final String MISSING;

    static {
        Field remoteEndpoint = null;
        Field connection = null;
        Class<?> upgradeProcessor = null;
        Field upgradeHandler = null;
        Class<?> wsHttpUpgradeHandler = null;
        Field wsFrame = null;
        Class<?> frameBase = null;
        Field transformation = null;
        Field inputBuffer = null;
        Field mask = null;
        Class<?> unmask = null;
        VarHandle payloadWritten = null;
        VarHandle payloadLength = null;
        VarHandle maskIndex = null;
        Object endOfFrame = null;
        Object underflow = null;
        Object overflow = null;
        String missing = null;
        try {
            ClassLoader loader = TomcatUnmask.class.getClassLoader();
            remoteEndpoint = field(Class.forName("org.apache.tomcat.websocket.WsSession", false, loader),
                    "wsRemoteEndpoint");
            connection = field(Class.forName("org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer",
                    false, loader), "connection");
            upgradeProcessor = Class.forName("org.apache.coyote.http11.upgrade.UpgradeProcessorInternal", false,
                    loader);
            upgradeHandler = field(upgradeProcessor, "internalHttpUpgradeHandler");
            wsHttpUpgradeHandler = Class.forName("org.apache.tomcat.websocket.server.WsHttpUpgradeHandler", false,
                    loader);
            wsFrame = field(wsHttpUpgradeHandler, "wsFrame");
            frameBase = Class.forName("org.apache.tomcat.websocket.WsFrameBase", false, loader);
            transformation = field(frameBase, "transformation");
            inputBuffer = field(frameBase, "inputBuffer");
            mask = field(frameBase, "mask");
            unmask = Class.forName("org.apache.tomcat.websocket.WsFrameBase$UnmaskTransformation", false, loader);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(frameBase, MethodHandles.lookup());
            payloadWritten = lookup.findVarHandle(frameBase, "payloadWritten", long.class);
            payloadLength = lookup.findVarHandle(frameBase, "payloadLength", long.class);
            maskIndex = lookup.findVarHandle(frameBase, "maskIndex", int.class);
            Class<?> result = Class.forName("org.apache.tomcat.websocket.TransformationResult", false, loader);
            endOfFrame = constant(result, "END_OF_FRAME");
            underflow = constant(result, "UNDERFLOW");
            overflow = constant(result, "OVERFLOW");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            missing = e.toString();
        }
        REMOTE_ENDPOINT = remoteEndpoint;
        CONNECTION = connection;
        UPGRADE_PROCESSOR = upgradeProcessor;
        UPGRADE_HANDLER = upgradeHandler;
        WS_HTTP_UPGRADE_HANDLER = wsHttpUpgradeHandler;
        WS_FRAME = wsFrame;
        FRAME_BASE = frameBase;
        TRANSFORMATION = transformation;
        INPUT_BUFFER = inputBuffer;
        MASK = mask;
        UNMASK = unmask;
        PAYLOAD_WRITTEN = payloadWritten;
        PAYLOAD_LENGTH = payloadLength;
        MASK_INDEX = maskIndex;
        END_OF_FRAME = endOfFrame;
        UNDERFLOW = underflow;
        OVERFLOW = overflow;
        MISSING = missing;
        if (missing != null) {
            LOG.log(Level.INFO, "Tomcat: no fast unmasking, Tomcat unmasks incoming frames byte by byte: {0}", missing);
        }
    }

    private final Object frame;
    private final Object original;
    private final ByteBuffer input;
    private final byte[] mask;

    private TomcatUnmask(Object frame, Object original) throws IllegalAccessException {
        this.frame = frame;
        this.original = original;
        this.input = (ByteBuffer) INPUT_BUFFER.get(frame);
        this.mask = (byte[]) MASK.get(frame);
    }

    /** Puts the fast unmasking into a Tomcat session's frame reader, before it reads; whether it did. */
    static boolean install(Session session) {
        if (MISSING != null || !REMOTE_ENDPOINT.getDeclaringClass().isInstance(session)) {
            return false;
        }
        try {
            Object remote = REMOTE_ENDPOINT.get(session);
            Object connection = CONNECTION.getDeclaringClass().isInstance(remote) ? CONNECTION.get(remote) : null;
            Object handler = UPGRADE_PROCESSOR.isInstance(connection) ? UPGRADE_HANDLER.get(connection) : null;
            Object frame = WS_HTTP_UPGRADE_HANDLER.isInstance(handler) ? WS_FRAME.get(handler) : null;
            Object current = FRAME_BASE.isInstance(frame) ? TRANSFORMATION.get(frame) : null;
            if (current == null || current.getClass() != UNMASK) {
                return false; // an extension (permessage-deflate) heads the chain, or not a server session
            }
            Class<?> api = TRANSFORMATION.getType();
            Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                    new TomcatUnmask(frame, current));
            TRANSFORMATION.set(frame, proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tomcat: fast unmasking not installed", e);
            return false;
        }
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
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "TomcatUnmask[" + original + "]";
            };
        }
        try {
            return method.invoke(original, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What Tomcat's {@code UnmaskTransformation.getMoreData} does, without the per-byte fence. */
    private Object getMoreData(ByteBuffer dest) {
        long written = (long) PAYLOAD_WRITTEN.getVolatile(frame);
        long length = (long) PAYLOAD_LENGTH.get(frame);
        int n = (int) Math.min(length - written, Math.min(input.remaining(), dest.remaining()));
        if (n > 0) {
            int maskIndex = (int) MASK_INDEX.get(frame);
            int from = input.position();
            int to = dest.position();
            if (input.hasArray() && dest.hasArray()) {
                unmask(input.array(), input.arrayOffset() + from, dest.array(), dest.arrayOffset() + to, n,
                        mask, maskIndex);
            } else {
                for (int i = 0; i < n; i++) {
                    dest.put(to + i, (byte) (input.get(from + i) ^ mask[(maskIndex + i) & 3]));
                }
            }
            input.position(from + n);
            dest.position(to + n);
            MASK_INDEX.set(frame, (maskIndex + n) & 3);
            written += n;
            PAYLOAD_WRITTEN.setVolatile(frame, written);
        }
        if (written == length) {
            return END_OF_FRAME;
        }
        return input.remaining() == 0 ? UNDERFLOW : OVERFLOW;
    }

    /**
     * {@code dst[dp + i] = src[sp + i] ^ mask[(maskIndex + i) % 4]} for {@code i < n}, eight bytes at a
     * time.
     */
    static void unmask(byte[] src, int sp, byte[] dst, int dp, int n, byte[] mask, int maskIndex) {
        int i = 0;
        if (n >= 8) {
            long m = 0;
            for (int j = 7; j >= 0; j--) {
                m = (m << 8) | (mask[(maskIndex + j) & 3] & 0xFF);
            }
            for (int end = n - 7; i < end; i += 8) {
                LONGS.set(dst, dp + i, (long) LONGS.get(src, sp + i) ^ m);
            }
        }
        for (; i < n; i++) {
            dst[dp + i] = (byte) (src[sp + i] ^ mask[(maskIndex + i) & 3]);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object constant(Class<?> enumType, String name) {
        return Enum.valueOf((Class) enumType, name);
    }
}
