package io.socketeer.adapter.redis;

import io.socketeer.parser.Json;
import io.socketeer.parser.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack as the Node.js adapters write it (npm {@code notepack.io}): JavaScript values, so a
 * number with no fraction is an integer in the smallest format (non-negative ones unsigned), any
 * other number a float 64, binary is {@code bin}, and a map's keys are strings.
 *
 * <p>Reading gives the types {@link Json#parse} gives ({@code Integer}/{@code Long} for integers that
 * fit, {@code Double} otherwise), {@code byte[]} for {@code bin}, and a JavaScript {@code Date}
 * (timestamp extension) as the ISO text {@code JSON.stringify} would have sent.
 */
public final class MsgPack {
    /** Deeper nesting is refused when reading (as the JSON parser does). */
    static final int MAX_DEPTH = Json.MAX_DEPTH;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The largest integer a JavaScript number holds exactly. */
    private static final double MAX_SAFE = 9007199254740991d;

    private MsgPack() {
    }

    /**
     * Encodes a value: null, Boolean, String, numbers, {@code byte[]}/{@link ByteBuffer}, List, Map,
     * {@link RawJson}; anything else goes through {@code toJson} (JSON-B) and is written as the JSON
     * value it maps to.
     */
    public static byte[] encode(Object value, Function<Object, String> toJson) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, value, toJson, 0);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer packer does no I/O
        }
    }

    private static void write(MessageBufferPacker p, Object v, Function<Object, String> toJson, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH);
        }
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            writeDouble(p, ((Number) v).doubleValue());
        } else if (v instanceof BigInteger i) {
            if (i.bitLength() < 64) {
                p.packLong(i.longValue());
            } else {
                writeDouble(p, i.doubleValue());
            }
        } else if (v instanceof BigDecimal d) {
            writeDouble(p, d.doubleValue());
        } else if (v instanceof byte[] bytes) {
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (v instanceof ByteBuffer buf) {
            ByteBuffer b = buf.duplicate();
            p.packBinaryHeader(b.remaining());
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            p.writePayload(bytes);
        } else if (v instanceof List<?> list) {
            p.packArrayHeader(list.size());
            for (Object o : list) {
                write(p, o, toJson, depth + 1);
            }
        } else if (v instanceof Map<?, ?> map) {
            p.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                p.packString(String.valueOf(e.getKey()));
                write(p, e.getValue(), toJson, depth + 1);
            }
        } else if (v instanceof Object[] array) {
            write(p, java.util.Arrays.asList(array), toJson, depth);
        } else if (v instanceof RawJson raw) {
            write(p, Json.parse(raw.json()), toJson, depth);
        } else {
            write(p, Json.parse(toJson.apply(v)), toJson, depth);
        }
    }

    /** As JavaScript numbers: a whole number is written as an integer. */
    private static void writeDouble(MessageBufferPacker p, double d) throws IOException {
        if (d == Math.floor(d) && !Double.isInfinite(d) && Math.abs(d) <= MAX_SAFE) {
            p.packLong((long) d);
        } else {
            p.packDouble(d);
        }
    }

    /** Decodes one value; fails with {@link IllegalArgumentException} on malformed input. */
    public static Object decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Object v = read(u, 0, bytes.length);
            if (u.hasNext()) {
                throw new IllegalArgumentException("bytes after the value");
            }
            return v;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed msgpack: " + e.getMessage(), e);
        }
    }

    /** {@code size}: the whole input's length, more than any length a header may announce. */
    private static Object read(MessageUnpacker u, int depth, int size) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("msgpack nested deeper than " + MAX_DEPTH);
        }
        MessageFormat f = u.getNextFormat();
        ValueType t = f.getValueType();
        switch (t) {
            case NIL:
                u.unpackNil();
                return null;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER:
                if (f == MessageFormat.UINT64) {
                    BigInteger big = u.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
                }
                long l = u.unpackLong();
                return l == (int) l ? (Object) (int) l : (Object) l;
            case FLOAT:
                return u.unpackDouble();
            case STRING: {
                int n = within(u.unpackRawStringHeader(), size);
                return new String(u.readPayload(n), java.nio.charset.StandardCharsets.UTF_8);
            }
            case BINARY:
                return u.readPayload(within(u.unpackBinaryHeader(), size));
            case ARRAY: {
                int n = within(u.unpackArrayHeader(), size);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(u, depth + 1, size));
                }
                return list;
            }
            case MAP: {
                int n = within(u.unpackMapHeader(), size);
                Map<String, Object> map = new LinkedHashMap<>(Math.min(n, 1024) * 2);
                for (int i = 0; i < n; i++) {
                    Object key = read(u, depth + 1, size);
                    map.put(String.valueOf(key), read(u, depth + 1, size));
                }
                return map;
            }
            case EXTENSION: {
                var ext = u.unpackExtensionTypeHeader();
                if (ext.isTimestampType()) {
                    Instant at = u.unpackTimestamp(ext);
                    return ISO_MILLIS.format(at);
                }
                u.readPayload(within(ext.getLength(), size)); // unknown (notepack's undefined is one)
                return null;
            }
            default:
                throw new IllegalArgumentException("unsupported msgpack format " + f);
        }
    }

    /** A length announced by a header, refused when the input cannot hold it (or it is negative). */
    private static int within(int n, int size) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("msgpack length " + Integer.toUnsignedString(n)
                    + " beyond the input's " + size + " bytes");
        }
        return n;
    }
}
