package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time unmasking against the byte-by-byte definition of RFC 6455 5.3. */
class MaskingTest {
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
                    Masking.unmask(src, offset, dst, 2, n, mask, maskIndex);
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
        Masking.unmask(payload, 0, whole, 0, payload.length, mask, 0);
        byte[] inReads = new byte[payload.length];
        int maskIndex = 0;
        for (int from = 0, n = 1; from < payload.length; from += n, n = n * 3 % 8193 + 1) {
            n = Math.min(n, payload.length - from);
            Masking.unmask(payload, from, inReads, from, n, mask, maskIndex);
            maskIndex = (maskIndex + n) & 3;
        }
        assertArrayEquals(whole, inReads);
    }

    @Test
    void unmasksABufferInPlaceLikeTheRfc() {
        Random random = new Random(7);
        byte[] mask = {(byte) 0x9c, 0x37, (byte) 0xf1, 0x05};
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int n = 0; n <= 70; n++) {
                    for (int maskIndex = 0; maskIndex < 4; maskIndex++) {
                        for (int from = 0; from < 9; from++) {
                            byte[] bytes = new byte[n + from + 3];
                            random.nextBytes(bytes);
                            byte[] expected = bytes.clone();
                            for (int i = 0; i < n; i++) {
                                expected[from + i] = (byte) (bytes[from + i] ^ mask[(maskIndex + i) % 4]);
                            }
                            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
                            buf.order(order).put(bytes).position(1).limit(bytes.length - 1);
                            String what = "direct=" + direct + " " + order + " n=" + n + " maskIndex=" + maskIndex + " from=" + from;
                            assertEquals((maskIndex + n) % 4, Masking.unmask(buf, from, n, mask, maskIndex), what);
                            assertEquals(1, buf.position(), what);
                            assertEquals(bytes.length - 1, buf.limit(), what);
                            byte[] actual = new byte[bytes.length];
                            buf.clear().get(actual);
                            assertArrayEquals(expected, actual, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBufferUnmaskedInPiecesUnmasksAsOne() {
        byte[] mask = {1, 2, 3, 4};
        byte[] payload = new byte[65_536 + 3];
        new Random(1).nextBytes(payload);
        byte[] whole = new byte[payload.length];
        Masking.unmask(payload, 0, whole, 0, payload.length, mask, 0);
        ByteBuffer buf = ByteBuffer.allocateDirect(payload.length).put(payload);
        int maskIndex = 0;
        for (int from = 0, n = 1; from < payload.length; from += n, n = n * 3 % 8193 + 1) {
            n = Math.min(n, payload.length - from);
            maskIndex = Masking.unmask(buf, from, n, mask, maskIndex);
        }
        byte[] inPieces = new byte[payload.length];
        buf.clear().get(inPieces);
        assertArrayEquals(whole, inPieces);
    }
}
