package io.socketeer.container;

import java.nio.ByteBuffer;

/**
 * Turns the WebSocket frames a client sends, masked as RFC 6455 requires, into the same frames
 * unmasked, as the bytes come in, in pieces cut anywhere: the mask bit cleared, the masking key
 * dropped, the payload unmasked eight bytes at a time ({@link Masking#unmask}). A frame that is
 * not masked passes as it is. Opcodes, flags and lengths are not checked here: the container's own
 * parser sees the same frames and does. One instance per connection, from its first byte or from a
 * frame boundary on; not thread-safe (a connection's bytes are read one piece after the other).
 */
final class FrameUnmasker {
    /** The longest header: 2 bytes, an 8-byte length, a 4-byte masking key. */
    private static final int MAX_HEADER = 14;

    /** The header of the frame being started, as far as it came in. */
    private final byte[] header = new byte[MAX_HEADER];
    private int headerLength;
    private final byte[] mask = new byte[4];
    private boolean masked;
    private int maskIndex;
    /** Payload bytes of the current frame still to come. */
    private long payloadLeft;
    /** A length this class cannot follow (over 2^63): from there on, bytes pass unchanged. */
    private boolean passThrough;

    /** The frames of {@code in}, unmasked, in a new buffer; {@code in} is consumed. */
    ByteBuffer unmask(ByteBuffer in) {
        int n = in.remaining();
        byte[] src;
        int sp;
        if (in.hasArray()) {
            src = in.array();
            sp = in.arrayOffset() + in.position();
            in.position(in.limit());
        } else {
            src = new byte[n];
            in.get(src);
            sp = 0;
        }
        // at most the header kept from the piece before is added (its masking key is not)
        byte[] out = new byte[n + MAX_HEADER];
        int o = 0;
        int i = 0;
        while (i < n) {
            if (passThrough) {
                System.arraycopy(src, sp + i, out, o, n - i);
                o += n - i;
                break;
            }
            if (payloadLeft > 0) {
                int k = (int) Math.min(payloadLeft, n - i);
                if (masked) {
                    Masking.unmask(src, sp + i, out, o, k, mask, maskIndex);
                    maskIndex = (maskIndex + k) & 3;
                } else {
                    System.arraycopy(src, sp + i, out, o, k);
                }
                i += k;
                o += k;
                payloadLeft -= k;
                continue;
            }
            header[headerLength++] = src[sp + i++];
            if (headerLength < 2 || headerLength < headerSize()) {
                continue;
            }
            o = frameStarts(out, o);
        }
        return ByteBuffer.wrap(out, 0, o);
    }

    private int headerSize() {
        int code = header[1] & 0x7F;
        return 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
    }

    /** A whole header came in: writes it unmasked to {@code out} at {@code o}; where the next byte goes. */
    private int frameStarts(byte[] out, int o) {
        int code = header[1] & 0x7F;
        int lengthBytes = code == 126 ? 2 : code == 127 ? 8 : 0;
        long length = lengthBytes == 0 ? code : 0;
        for (int k = 0; k < lengthBytes; k++) {
            length = (length << 8) | (header[2 + k] & 0xFF);
        }
        masked = (header[1] & 0x80) != 0;
        int size = headerLength;
        headerLength = 0;
        if (length < 0) { // the parser after this one refuses it; give it the frame as it came
            System.arraycopy(header, 0, out, o, size);
            passThrough = true;
            return o + size;
        }
        out[o++] = header[0];
        out[o++] = (byte) code;
        System.arraycopy(header, 2, out, o, lengthBytes);
        o += lengthBytes;
        if (masked) {
            System.arraycopy(header, 2 + lengthBytes, mask, 0, 4);
        }
        maskIndex = 0;
        payloadLeft = length;
        return o;
    }
}
