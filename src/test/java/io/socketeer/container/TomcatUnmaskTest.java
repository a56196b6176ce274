package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The eight-bytes-at-a-time unmasking against the byte-by-byte definition of RFC 6455 5.3; its
 * installation into Tomcat's frame reader runs in the Tomcat profiles' in-container suites (every
 * message a client sends there goes through it).
 */
class TomcatUnmaskTest {
    @Test
    void unmasksLikeTheRfcForEveryLengthOffsetAndMaskPosition() {
        Random random = new Random(42);
        byte[] mask = {(byte) 0x9c, 0x37, (byte) 0xf1, 0x05};
        for (int n = 0; n <= 70; n++) {
            for (int maskIndex = 0; maskIndex < 4; maskIndex++) {
                for (int offset = 0; offset < 9; offset++) {
                    byte[] src = new byte[n + offset + 3];
                    random.nextBytes(src);
                    byte[] expected = new byte[n + 5];
                    byte[] dst = new byte[n + 5];
                    Arrays.fill(expected, (byte) 0x55);
                    Arrays.fill(dst, (byte) 0x55);
                    for (int i = 0; i < n; i++) {
                        expected[2 + i] = (byte) (src[offset + i] ^ mask[(maskIndex + i) % 4]);
                    }
                    TomcatUnmask.unmask(src, offset, dst, 2, n, mask, maskIndex);
                    assertArrayEquals(expected, dst, "n=" + n + " maskIndex=" + maskIndex + " offset=" + offset);
                }
            }
        }
    }

    @Test
    void aFrameInManyReadsUnmasksAsOne() {
        byte[] mask = {1, 2, 3, 4};
        byte[] payload = new byte[65_536 + 3];
        new Random(1).nextBytes(payload);
        byte[] whole = new byte[payload.length];
        TomcatUnmask.unmask(payload, 0, whole, 0, payload.length, mask, 0);
        byte[] inReads = new byte[payload.length];
        int maskIndex = 0;
        for (int from = 0, n = 1; from < payload.length; from += n, n = n * 3 % 8193 + 1) {
            n = Math.min(n, payload.length - from);
            TomcatUnmask.unmask(payload, from, inReads, from, n, mask, maskIndex);
            maskIndex = (maskIndex + n) & 3;
        }
        assertArrayEquals(whole, inReads);
    }

    @Test
    void aSessionThatIsNotTomcatsIsLeftAlone() {
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> null);
        assertFalse(TomcatUnmask.install(session));
    }
}
