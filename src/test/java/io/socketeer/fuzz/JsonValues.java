package io.socketeer.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Generators of the values packets carry (what {@code Json} reads and writes), JSON token soup for
 * fuzzing, and a comparison that treats numbers by value (JSON has one number type: {@code 2.0} is
 * written {@code 2} and read back as an {@code Integer}).
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** Any string: every char, lone surrogates and control characters included. */
    public static String string(Fuzz f) {
        return f.bool() ? f.string(12) : f.string("\"\\/\b\f\n\r\t\u0000\u001e\u2028\u00e9\ud83d\ude00 ab", 12);
    }

    /** Numbers of each type the reader gives, at and around the edges between them. */
    public static Number number(Fuzz f) {
        return switch (f.between(0, 4)) {
            case 0 -> f.anyInt();
            case 1 -> f.anyLong();
            case 2 -> {
                // -10^30 to 10^30
                BigInteger n = new BigInteger(f.string("0123456789", 1, 30));
                yield f.oneIn(20) ? BigInteger.TEN.pow(30) : f.bool() ? n.negate() : n;
            }
            case 3 -> new BigDecimal(f.anyDouble()).setScale(6, RoundingMode.HALF_UP).doubleValue();
            default -> f.pick(0.1, -0.0, 1e-7, 1e15, 1e20, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                    (double) Long.MAX_VALUE, 9007199254740993.0, 4.35);
        };
    }

    /** A scalar: null, a boolean, a number or a string. */
    public static Object scalar(Fuzz f) {
        return switch (f.weighted(1, 1, 3, 3)) {
            case 0 -> null;
            case 1 -> f.bool();
            case 2 -> number(f);
            default -> string(f);
        };
    }

    /** Any JSON value nested at most {@code depth} levels. */
    public static Object value(Fuzz f, int depth) {
        if (depth == 0) {
            return scalar(f);
        }
        return switch (f.weighted(3, 1, 1)) {
            case 0 -> scalar(f);
            case 1 -> f.list(0, 4, () -> value(f, depth - 1));
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int n = f.size(4); n > 0; n--) {
                    m.put(string(f), value(f, depth - 1));
                }
                yield m;
            }
        };
    }

    /** Pieces of JSON and near-JSON, joined at random: reaches deep into a parser more often than noise. */
    public static String tokenSoup(Fuzz f) {
        return String.join("", f.list(0, 40, () -> fragment(f)));
    }

    private static final List<String> TOKENS = List.of("[", "]", "{", "}", ",", ":", "\"", "\"a\"", "\"\\u00e9\"",
            "\\", "\\u", "\\ud83d", "\\n", "u12", "0", "1", "-", "-0", "12", "1.5", ".", "e", "E+", "e-", "1e400",
            "9999999999999999999", "true", "false", "null", "tru", " ", "\t", "\n", "\u0000", "\u00e9",
            "\ud83d", "x", "\"_placeholder\":true", "\"num\":0", "/", "#");

    private static final List<String> PIECES = List.of("\\u", "\\uD83D", "\\uDE00",
            "\\n", "\\x", "\\", "\\\"", "a", "\u0661", "\u0000", "\u001f", "\u007f", "\"");

    /** One piece of JSON or near-JSON: a token, a string of escapes, or an escape on its own. */
    public static String fragment(Fuzz f) {
        return switch (f.weighted(3, 1, 2)) {
            case 0 -> f.pick(TOKENS);
            case 1 -> "\"" + String.join("", f.list(0, 4, () -> piece(f))) + "\"";
            default -> piece(f);
        };
    }

    /** An escape or near-escape; digits outside ASCII are no hex digits in JSON. */
    private static String piece(Fuzz f) {
        return f.between(0, 2) < 2 ? "\\u" + f.string("0123456789abcdefABCDEFG\u0661\uff11", 4, 4) : f.pick(PIECES);
    }

    /** Valid JSON text edited by one to four {@link Mutation}s: mostly near-valid, often still valid. */
    public static String mutatedJson(Fuzz f, int depth, Function<Object, String> writer) {
        return f.mutate(writer.apply(value(f, depth)), () -> fragment(f));
    }

    /** Whether two decoded values are the same JSON, numbers compared by value and binary by content. */
    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
                return x.doubleValue() == y.doubleValue();
            }
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!same(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Fails unless {@link #same}. */
    public static void assertSame(Object expected, Object actual) {
        if (!same(expected, actual)) {
            fail("expected " + describe(expected) + " but was " + describe(actual));
        }
    }

    private static String describe(Object v) {
        if (v instanceof byte[] b) {
            return Arrays.toString(b);
        }
        return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
