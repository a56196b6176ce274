package io.socketeer.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of the values packets carry (what {@code Json} reads and writes), JSON token soup for
 * fuzzing, and a comparison that treats numbers by value (JSON has one number type: {@code 2.0} is
 * written {@code 2} and read back as an {@code Integer}).
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** Any string: every char, lone surrogates and control characters included. */
    public static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001e\u2028\u00e9\ud83d\ude00 ab")
                        .ofMaxLength(12));
    }

    /** Numbers of each type the reader gives, at and around the edges between them. */
    public static Arbitrary<Number> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                Arbitraries.doubles().ofScale(6),
                Arbitraries.of(0.1, -0.0, 1e-7, 1e15, 1e20, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                        (double) Long.MAX_VALUE, 9007199254740993.0, 4.35));
    }

    /** A scalar: null, a boolean, a number or a string. */
    public static Arbitrary<Object> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of(true, false)),
                Tuple.of(3, numbers()),
                Tuple.of(3, strings()));
    }

    /** Any JSON value nested at most {@code depth} levels. */
    public static Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> values(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalars()),
                Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.maps(strings(), inner).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m))));
    }

    /** Pieces of JSON and near-JSON, joined at random: reaches deep into a parser more often than noise. */
    public static Arbitrary<String> tokenSoup() {
        return fragments().list().ofMaxSize(40).map(l -> String.join("", l));
    }

    /** One piece of JSON or near-JSON: a token, a string of escapes, or an escape on its own. */
    public static Arbitrary<String> fragments() {
        Arbitrary<String> token = Arbitraries.of("[", "]", "{", "}", ",", ":", "\"", "\"a\"", "\"\\u00e9\"",
                "\\", "\\u", "\\ud83d", "\\n", "u12", "0", "1", "-", "-0", "12", "1.5", ".", "e", "E+", "e-", "1e400",
                "9999999999999999999", "true", "false", "null", "tru", " ", "\t", "\n", "\u0000", "\u00e9",
                "\ud83d", "x", "\"_placeholder\":true", "\"num\":0", "/", "#");
        // escapes and near-escapes; digits outside ASCII are no hex digits in JSON
        Arbitrary<String> unicodeEscape = Arbitraries.strings().withChars("0123456789abcdefABCDEFG\u0661\uff11")
                .ofLength(4).map(hex -> "\\u" + hex);
        Arbitrary<String> piece = Arbitraries.oneOf(unicodeEscape, unicodeEscape, Arbitraries.of("\\u", "\\uD83D", "\\uDE00",
                "\\n", "\\x", "\\", "\\\"", "a", "\u0661", "\u0000", "\u001f", "\u007f", "\""));
        Arbitrary<String> quoted = piece.list().ofMaxSize(4).map(l -> "\"" + String.join("", l) + "\"");
        return Arbitraries.frequencyOf(Tuple.of(3, token), Tuple.of(1, quoted), Tuple.of(2, piece));
    }

    /** Valid JSON text edited by one to four {@link Mutation}s: mostly near-valid, often still valid. */
    public static Arbitrary<String> mutatedJson(int depth, java.util.function.Function<Object, String> writer) {
        return net.jqwik.api.Combinators.combine(values(depth), Mutation.several(fragments()))
                .as((v, m) -> Mutation.applyAll(m, writer.apply(v)));
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
