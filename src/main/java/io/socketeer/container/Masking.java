package io.socketeer.container;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RFC 6455's masking of a client's payload (5.3: byte {@code i} XOR {@code mask[i % 4]}), eight bytes
 * at a time. The containers' own loops take a byte at a time, some with a fence per byte; Socketeer
 * unmasks in their place on Tomcat ({@link TomcatUnmask}), Tyrus ({@link FrameUnmasker}) and
 * Undertow ({@link UndertowUnmask}).
 */
final class Masking {
    private static final VarHandle ARRAY_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * {@code dst[dp + i] = src[sp + i] ^ mask[(maskIndex + i) % 4]} for {@code i < n}, eight bytes at a
     * time.
     */
    static void unmask(byte[] src, int sp, byte[] dst, int dp, int n, byte[] mask, int maskIndex) {
        int i = 0;
        if (n >= 8) {
            long m = eight(mask, maskIndex);
            for (int end = n - 7; i < end; i += 8) {
                ARRAY_LONGS.set(dst, dp + i, (long) ARRAY_LONGS.get(src, sp + i) ^ m);
            }
        }
        for (; i < n; i++) {
            dst[dp + i] = (byte) (src[sp + i] ^ mask[(maskIndex + i) & 3]);
        }
    }

    /**
     * The {@code n} bytes of {@code buf} from index {@code from} unmasked in place (heap or direct, in
     * any byte order; its position and limit stay); the mask index of the byte after them.
     */
    static int unmask(ByteBuffer buf, int from, int n, byte[] mask, int maskIndex) {
        int i = 0;
        if (n >= 8) {
            long m = eight(mask, maskIndex);
            if (buf.order() == ByteOrder.BIG_ENDIAN) {
                m = Long.reverseBytes(m); // the same eight bytes, read the way getLong reads them
            }
            for (int end = n - 7; i < end; i += 8) {
                buf.putLong(from + i, buf.getLong(from + i) ^ m);
            }
        }
        for (; i < n; i++) {
            buf.put(from + i, (byte) (buf.get(from + i) ^ mask[(maskIndex + i) & 3]));
        }
        return (maskIndex + n) & 3;
    }

    /** The mask from {@code maskIndex} on, as the eight bytes of a little-endian long. */
    private static long eight(byte[] mask, int maskIndex) {
        long m = 0;
        for (int j = 7; j >= 0; j--) {
            m = (m << 8) | (mask[(maskIndex + j) & 3] & 0xFF);
        }
        return m;
    }
}
