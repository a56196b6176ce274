package io.socketeer.it.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/** JSON-like values: comparing them (binary by content), normalizing numbers, printing them. */
public final class Values {
    private Values() {
    }

    /** Binary compared by value (what {@link #plain} turns {@code byte[]} into). */
    public record Bytes(String hex) {
        @Override
        public String toString() {
            return hex.length() > 64 ? "bytes[" + hex.length() / 2 + "]" + hex.substring(0, 64) + "..." : "bytes:" + hex;
        }
    }

    /** Asserts two JSON-like values are equal, binary compared by content, numbers by value. */
    public static void assertJsonEquals(Object expected, Object actual) {
        Assertions.assertEquals(plain(expected), plain(actual));
    }

    /** Same, with a message. */
    public static void assertJsonEquals(Object expected, Object actual, String message) {
        Assertions.assertEquals(plain(expected), plain(actual), message);
    }

    /**
     * A value comparable with {@code equals}: {@code byte[]} becomes {@link Bytes}, arrays lists,
     * numbers {@link #number normalized}, maps and lists copied deeply.
     */
    public static Object plain(Object v) {
        if (v instanceof byte[] b) {
            return new Bytes(HexFormat.of().formatHex(b));
        }
        if (v instanceof Number n) {
            return number(n);
        }
        if (v instanceof Object[] a) {
            return plain(Arrays.asList(a));
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, plain(x)));
            return out;
        }
        return v;
    }

    /** Integral numbers as Integer when they fit, else Long; others as Double. */
    public static Number number(Number n) {
        if (n instanceof Integer) {
            return n;
        }
        if (n instanceof BigInteger b && b.bitLength() > 63) {
            return b.doubleValue();
        }
        if (n instanceof Long || n instanceof Short || n instanceof Byte || n instanceof BigInteger) {
            long l = n.longValue();
            if (l == (int) l) {
                return Integer.valueOf((int) l); // not in a ?: with a Long, which would widen it back
            }
            return Long.valueOf(l);
        }
        if (n instanceof BigDecimal d) {
            try {
                return number(d.toBigIntegerExact());
            } catch (ArithmeticException e) {
                return d.doubleValue();
            }
        }
        return n.doubleValue();
    }

    /** A short readable form for failure messages. */
    public static String describe(Object v) {
        return String.valueOf(plain(v));
    }
}
