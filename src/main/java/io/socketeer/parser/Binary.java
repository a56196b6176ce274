package io.socketeer.parser;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Binary values in packet data: detection, copying and placeholder reconstruction. */
public final class Binary {
    private Binary() {
    }

    /** Whether {@code v} is a binary value ({@code byte[]} or {@link ByteBuffer}). */
    public static boolean isBinary(Object v) {
        return v instanceof byte[] || v instanceof ByteBuffer;
    }

    /** Whether a binary value appears anywhere in {@code v}. */
    public static boolean hasBinary(Object v) {
        if (isBinary(v)) {
            return true;
        }
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (hasBinary(o)) {
                    return true;
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (hasBinary(o)) {
                    return true;
                }
            }
        } else if (v instanceof Object[] arr) {
            for (Object o : arr) {
                if (hasBinary(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The bytes of a binary value; a buffer's remaining bytes, its position untouched. */
    static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        ByteBuffer buf = ((ByteBuffer) v).duplicate();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return b;
    }

    /**
     * Replaces every placeholder {@code {"_placeholder":true,"num":n}} in decoded data by the n-th
     * attachment.
     */
    @SuppressWarnings("unchecked")
    static Object reconstruct(Object v, List<byte[]> attachments) {
        if (v instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) {
                l.set(i, reconstruct(l.get(i), attachments));
            }
            return l;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            if (Boolean.TRUE.equals(m.get("_placeholder"))) {
                Object num = m.get("num");
                if (num instanceof Integer n && n >= 0 && n < attachments.size()) {
                    return attachments.get(n);
                }
                throw new PacketParseException("illegal attachments");
            }
            for (Map.Entry<String, Object> e : m.entrySet()) {
                e.setValue(reconstruct(e.getValue(), attachments));
            }
            return m;
        }
        return v;
    }
}
