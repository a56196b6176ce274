package io.socketeer.parser;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small, strict JSON reader and writer for packet payloads (RFC 8259).
 *
 * <p>Reading gives {@code null}, {@link Boolean}, {@link String}, {@link Integer} / {@link Long} /
 * {@link BigInteger} for integers, {@link Double} for other numbers, {@link List} for arrays and
 * {@link LinkedHashMap} for objects. Nesting deeper than {@link #MAX_DEPTH} is refused, so hostile
 * input cannot exhaust the stack.
 *
 * <p>Writing accepts those types plus {@link RawJson}, other {@link Number}s, {@link Character},
 * {@link Enum}, {@link Optional}, Java arrays and collections; anything else goes to a fallback
 * (JSON-B in the layer above). Binary values ({@code byte[]}, {@link ByteBuffer}) become attachment
 * placeholders inside a packet, and arrays of signed bytes elsewhere.
 */
public final class Json {
    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 128;

    /** Longer integers are read as a {@code double}, as JavaScript does. */
    private static final int MAX_INTEGER_DIGITS = 1000;

    private final String s;
    private int pos;

    private Json(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    /** Parses a whole JSON text. */
    public static Object parse(String text) {
        return parse(text, 0);
    }

    /** Parses the JSON text that starts at {@code from} and runs to the end of {@code text}. */
    public static Object parse(String text, int from) {
        Json p = new Json(text, from);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    private Object value(int depth) {
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            map.put(key, value(depth));
            skipWs();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        pos++;
        List<Object> list = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWs();
            list.add(value(depth));
            skipWs();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        // fast path: no escapes
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                return s.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            pos++;
        }
        // sized by what was read, not by what is left: a body of many short escaped strings would
        // otherwise allocate the rest of the body for each of them (quadratic)
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(s, start, pos);
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) {
                break;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("truncated unicode escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = hexDigit(s.charAt(pos++));
                        if (d < 0) {
                            throw error("bad unicode escape");
                        }
                        cp = cp * 16 + d;
                    }
                    sb.append((char) cp);
                }
                default -> throw error("bad escape");
            }
        }
        throw error("unterminated string");
    }

    private Number number() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        String text = s.substring(start, pos);
        if (!integral) {
            return Double.parseDouble(text);
        }
        int digits = text.length() - (text.charAt(0) == '-' ? 1 : 0);
        if (digits <= 9) {
            return Integer.parseInt(text);
        }
        if (digits <= 18) {
            long v = Long.parseLong(text);
            return v == (int) v ? (Number) (int) v : (Number) v;
        }
        if (digits > MAX_INTEGER_DIGITS) {
            return Double.parseDouble(text); // as JavaScript reads it: BigInteger parsing is quadratic
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected literal");
        }
        pos += word.length();
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of an ASCII hex digit, or -1 ({@code Character.digit} also takes other scripts' digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private PacketParseException error(String what) {
        return new PacketParseException("invalid JSON at " + pos + ": " + what);
    }

    // --- writing ---

    /** Writes a value as JSON; {@code fallback} turns any other object into JSON text. */
    public static String write(Object value, Function<Object, String> fallback) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, value, fallback, null);
        return sb.toString();
    }

    /**
     * Writes a value as JSON into {@code sb}. When {@code attachments} is not null, each
     * {@code byte[]} and {@link ByteBuffer} is written as a placeholder
     * {@code {"_placeholder":true,"num":n}} and added to it; otherwise binary values are an error.
     */
    static void write(StringBuilder sb, Object v, Function<Object, String> fallback, List<byte[]> attachments) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String str) {
            quote(sb, str);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            number(sb, ((Number) v).doubleValue());
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toString());
        } else if (v instanceof Number n) {
            number(sb, n.doubleValue());
        } else if (v instanceof RawJson raw) {
            sb.append(raw.json());
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue(), fallback, attachments);
            }
            sb.append('}');
        } else if (v instanceof byte[] || v instanceof ByteBuffer) {
            if (attachments == null) {
                // outside a packet (e.g. on the way to JSON-B): an array of signed bytes
                byte[] b = Binary.bytes(v);
                sb.append('[');
                for (int i = 0; i < b.length; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(b[i]);
                }
                sb.append(']');
            } else {
                sb.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
                attachments.add(Binary.bytes(v));
            }
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o, fallback, attachments);
            }
            sb.append(']');
        } else if (v instanceof Object[] arr) {
            write(sb, java.util.Arrays.asList(arr), fallback, attachments);
        } else if (v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            sb.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, java.lang.reflect.Array.get(v, i), fallback, attachments);
            }
            sb.append(']');
        } else if (v instanceof Character ch) {
            quote(sb, String.valueOf(ch));
        } else if (v instanceof Enum<?> e) {
            quote(sb, e.name());
        } else if (v instanceof Optional<?> o) {
            write(sb, o.orElse(null), fallback, attachments);
        } else if (fallback != null) {
            sb.append(fallback.apply(v));
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null"); // as JSON.stringify does
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(d);
        }
    }

    /** Writes a JSON string literal. */
    public static void quote(StringBuilder sb, String str) {
        sb.append('"');
        int len = str.length();
        int last = 0;
        for (int i = 0; i < len; i++) {
            char c = str.charAt(i);
            String rep;
            if (c == '"') {
                rep = "\\\"";
            } else if (c == '\\') {
                rep = "\\\\";
            } else if (c < 0x20) {
                rep = switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> String.format("\\u%04x", (int) c);
                };
            } else if (c == '\u2028' || c == '\u2029') {
                rep = c == '\u2028' ? "\\u2028" : "\\u2029";
            } else {
                continue;
            }
            sb.append(str, last, i).append(rep);
            last = i + 1;
        }
        sb.append(str, last, len).append('"');
    }
}
