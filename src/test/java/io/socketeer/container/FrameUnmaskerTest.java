package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameUnmasker} against frames built by RFC 6455's definition: masked client frames of every
 * length form, in pieces cut anywhere, come out as the same frames unmasked; unmasked frames pass.
 */
class FrameUnmaskerTest {
    /** A frame as a client sends it: FIN and opcode, the shortest length form, masked with {@code key} if not null. */
    private static byte[] frame(int opcode, byte[] payload, byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        int maskBit = key == null ? 0 : 0x80;
        int n = payload.length;
        if (n < 126) {
            out.write(maskBit | n);
        } else if (n <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        if (key != null) {
            out.writeBytes(key);
            for (int i = 0; i < n; i++) {
                out.write(payload[i] ^ key[i % 4]); // RFC 6455, 5.3
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** Feeds {@code stream} in pieces of the sizes {@code random} picks, up to {@code maxPiece}. */
    private static byte[] unmaskInPieces(byte[] stream, Random random, int maxPiece, boolean direct) {
        FrameUnmasker unmasker = new FrameUnmasker();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < stream.length;) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(maxPiece));
            ByteBuffer in = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n + 7).position(3);
            in.put(stream, at, n).flip();
            if (!direct) {
                in.position(3);
            }
            ByteBuffer result = unmasker.unmask(in);
            byte[] b = new byte[result.remaining()];
            result.get(b);
            out.writeBytes(b);
            at += n;
        }
        return out.toByteArray();
    }

    @Test
    void maskedFramesOfEveryLengthComeOutUnmaskedWhereverTheyAreCut() {
        Random random = new Random(42);
        // small frames in pieces from one byte on; all of them, the long length forms too, in bigger pieces
        int[] small = {0, 1, 3, 7, 8, 9, 125, 126, 127, 1000};
        int[] all = {0, 1, 3, 7, 8, 9, 125, 126, 127, 1000, 65535, 65536, 70001};
        for (int maxPiece : new int[] {1, 2, 5, 13, 100, 16384, Integer.MAX_VALUE}) {
            byte[][] stream = stream(random, maxPiece <= 100 ? small : all);
            assertArrayEquals(stream[1], unmaskInPieces(stream[0], random, Math.min(maxPiece, stream[0].length), false),
                    "pieces up to " + maxPiece);
        }
        byte[][] stream = stream(random, all);
        assertArrayEquals(stream[1], unmaskInPieces(stream[0], random, 4096, true), "direct buffers");
    }

    /** Masked frames of these payload lengths, twice, with a ping and an unmasked frame; and the same unmasked. */
    private static byte[][] stream(Random random, int[] lengths) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int round = 0; round < 2; round++) {
            for (int length : lengths) {
                byte[] payload = new byte[length];
                random.nextBytes(payload);
                byte[] key = new byte[4];
                random.nextBytes(key);
                int opcode = length % 2 == 0 ? 0x2 : 0x1;
                in.writeBytes(frame(opcode, payload, key));
                expected.writeBytes(frame(opcode, payload, null));
                if (length == 8) {
                    in.writeBytes(frame(0x9, new byte[] {1, 2, 3}, key));
                    expected.writeBytes(frame(0x9, new byte[] {1, 2, 3}, null));
                    in.writeBytes(frame(0x1, new byte[] {'h', 'i'}, null));
                    expected.writeBytes(frame(0x1, new byte[] {'h', 'i'}, null));
                }
            }
        }
        return new byte[][] {in.toByteArray(), expected.toByteArray()};
    }

    @Test
    void aLengthOver2To63PassesWithEverythingAfterIt() {
        byte[] bad = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 9, 9, 9, 9, 5, 6, 7};
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(frame(0x1, new byte[] {'x'}, new byte[] {1, 2, 3, 4}));
        in.writeBytes(bad);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(frame(0x1, new byte[] {'x'}, null));
        expected.writeBytes(bad);
        assertArrayEquals(expected.toByteArray(), unmaskInPieces(in.toByteArray(), new Random(1), 4, false));
    }
}
