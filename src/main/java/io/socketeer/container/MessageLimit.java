package io.socketeer.container;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Enforces maxHttpBufferSize (in bytes, as engine.io's {@code maxPayload}) on incoming WebSocket
 * messages, and puts messages delivered in parts back together. Containers differ here: Tyrus
 * (Payara) and Tomcat close with 1009 above {@code setMaxTextMessageBufferSize}, but Undertow
 * (WildFly 39) let a text message of 1 MB + 100 bytes reach the endpoint whole with the limit set to
 * 1 MB, and Tomcat allocates buffers as large as the limit for every session. So on those two the
 * endpoint receives messages in parts and this class refuses one as soon as it goes over, before it
 * is buffered whole ({@link #readInParts}); elsewhere it checks whole
 * messages, a no-op where the container already refused them. Undertow's binary messages come whole:
 * Undertow keeps that limit while it reads them. One instance per session and kind (text or binary);
 * the container delivers one message at a time per session.
 */
final class MessageLimit {
    private final long max;
    private final Runnable tooBig;
    private final LongSupplier messageLength;
    private StringBuilder text;
    private byte[] binary;
    private long size;
    private boolean refused;

    /** {@code tooBig} runs once, when a message goes over {@code max} bytes; nothing is delivered after it. */
    MessageLimit(long max, Runnable tooBig) {
        this(max, tooBig, () -> -1);
    }

    /**
     * The same, with {@code messageLength} telling at a binary message's first part how long the
     * whole message is, or -1 where the container does not know (a message in several frames): the
     * parts then go into one array of that size, with no growing and no trimming.
     */
    MessageLimit(long max, Runnable tooBig, LongSupplier messageLength) {
        this.max = max;
        this.tooBig = tooBig;
        this.messageLength = messageLength;
    }

    /** A part of a text message; the whole message goes to {@code whole} with the last part. */
    void text(String part, boolean last, Consumer<String> whole) {
        if (refused) {
            return;
        }
        size += utf8Length(part);
        if (size > max) {
            refuse();
            return;
        }
        if (last && text == null) {
            size = 0;
            whole.accept(part); // the usual case: the message came in one part
            return;
        }
        if (text == null) {
            text = new StringBuilder(part.length() * 2);
        }
        text.append(part);
        if (last) {
            String message = text.toString();
            text = null;
            size = 0;
            whole.accept(message);
        }
    }

    /** A binary message whole (the container kept the limit, or checks it here). */
    void binary(byte[] message, Consumer<byte[]> whole) {
        if (refused) {
            return;
        }
        if (message.length > max) {
            refuse();
            return;
        }
        whole.accept(message);
    }

    /**
     * A part of a binary message, valid only during the call (the container reuses its buffer); the
     * whole message goes to {@code whole} with the last part. Parts go straight into one growing
     * array: no array per part, no stream.
     */
    void binary(ByteBuffer part, boolean last, Consumer<byte[]> whole) {
        if (refused) {
            return;
        }
        int n = part.remaining();
        if (size + n > max) {
            refuse();
            return;
        }
        if (last && size == 0) {
            byte[] message = new byte[n]; // the usual case: the message came in one part
            part.get(message);
            whole.accept(message);
            return;
        }
        if (binary == null) {
            long length = messageLength.getAsLong();
            if (length >= n && length <= max) {
                binary = new byte[(int) length];
            }
        }
        if (binary == null || binary.length - size < n) {
            long want = Math.max(size + n, Math.max(binary == null ? 0 : binary.length * 2L, 4L * n));
            binary = Arrays.copyOf(binary == null ? new byte[0] : binary,
                    (int) Math.min(want, Math.min(max, Integer.MAX_VALUE - 8)));
        }
        part.get(binary, (int) size, n);
        size += n;
        if (last) {
            byte[] message = binary.length == size ? binary : Arrays.copyOf(binary, (int) size);
            binary = null;
            size = 0;
            whole.accept(message);
        }
    }

    private void refuse() {
        refused = true;
        text = null;
        binary = null;
        tooBig.run();
    }

    /**
     * Whether the endpoint receives text messages in parts and keeps the limit here: on Undertow (see
     * above) and on Tomcat, which would size its buffers by the limit ({@link TomcatAdapter}); binary
     * ones only on Tomcat.
     */
    static boolean readInParts(Session session) {
        return UndertowAdapter.isUndertow(session) || TomcatAdapter.isTomcat(session);
    }

    /** The length of {@code s} in UTF-8 (a surrogate counts 2, so a pair counts 4 even split across parts). */
    static long utf8Length(CharSequence s) {
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }
}
