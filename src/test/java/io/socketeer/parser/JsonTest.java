package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.fuzz.Allocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    private enum Color { RED }

    private static String w(Object v) {
        return Json.write(v, null);
    }

    // --- reading ---

    @Test
    void readsScalars() {
        assertNull(Json.parse("null"));
        assertEquals(Boolean.TRUE, Json.parse("true"));
        assertEquals(Boolean.FALSE, Json.parse(" false "));
        assertEquals("x", Json.parse("\"x\""));
        assertEquals(0, Json.parse("0"));
        assertEquals(-0, Json.parse("-0"));
        assertEquals(1.5, Json.parse("1.5"));
        assertEquals(-2.5e-3, Json.parse("-2.5e-3"));
        assertEquals(1e5, Json.parse("1E+5"));
    }

    @Test
    void readsArraysAndObjectsInOrder() {
        Object v = Json.parse(" { \"b\" : [1, \"two\", {\"c\": null}], \"a\": {} , \"e\":[]} ");
        Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("b", "a", "e"), new ArrayList<>(m.keySet()));
        assertEquals(Arrays.asList(1, "two", mapOf("c", null)), m.get("b"));
        assertEquals(Map.of(), m.get("a"));
        assertEquals(List.of(), m.get("e"));
    }

    private static Map<String, Object> mapOf(String k, Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k, v);
        return m;
    }

    @Test
    void integersTakeTheSmallestType() {
        assertInstanceOf(Integer.class, Json.parse("2147483647"));
        assertInstanceOf(Integer.class, Json.parse("-2147483648"));
        assertEquals(2147483648L, Json.parse("2147483648"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(new BigInteger("-123456789012345678901234567890"), Json.parse("-123456789012345678901234567890"));
        assertInstanceOf(Integer.class, Json.parse("000000001".substring(8)));
    }

    @Test
    void hugeNumbers() {
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("1e400"));
        assertEquals(0.0, Json.parse("1e-400"));
        String digits = "9".repeat(1000);
        assertEquals(new BigInteger(digits), Json.parse(digits));
        assertEquals(digits, w(Json.parse(digits)));
        assertEquals(Double.NEGATIVE_INFINITY, Json.parse("-" + "9".repeat(1001)), "longer: a double, as in JS");
        assertEquals(1.0E300, Json.parse("1" + "0".repeat(300) + ".0"));
    }

    @Test
    void hugeExponentsAndTenThousandDigitsReadAsJavaScriptReadsThem() {
        // JSON.parse gives Infinity, 0 and -Infinity for these; nothing throws, nothing takes long
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("1e999999"));
        assertEquals(Double.NEGATIVE_INFINITY, Json.parse("-1E+999999"));
        assertEquals(0.0, Json.parse("1e-999999"));
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("1e" + "9".repeat(10_000)));
        assertEquals(0.0, Json.parse("1e-" + "9".repeat(10_000)));
        String tenThousand = "1" + "0".repeat(9_999);
        long allocated = Allocation.bytes(() -> assertEquals(Double.POSITIVE_INFINITY, Json.parse(tenThousand)));
        assertTrue(allocated < 1_000_000, "allocated " + allocated);
        assertEquals(Double.NEGATIVE_INFINITY, Json.parse("-" + tenThousand));
        assertEquals(0.1, Json.parse("0.1" + "0".repeat(10_000)));
        assertEquals(1.0, Json.parse("0." + "9".repeat(10_000)));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
                Json.parse("[1e999999," + tenThousand + "]"));
    }

    @Test
    void hugeNumberDoesNotTakeLong() {
        // a body of maxPayload (1e6 bytes) of digits must not stall the reading thread
        String digits = "7".repeat(1_000_000);
        Object v = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Json.parse("[" + digits + "]"));
        assertEquals(List.of(Double.POSITIVE_INFINITY), v);
    }

    @Test
    void manyShortEscapedStringsTakeLinearMemory() {
        // a body of maxPayload of short strings with an escape each: every string used to allocate a
        // buffer as large as the rest of the body (200,000 strings x ~1 MB: 7 s for one body)
        StringBuilder body = new StringBuilder("[");
        while (body.length() < 1_000_000) {
            body.append("\"\\n\",");
        }
        String text = body.append("1]").toString();
        Object[] v = new Object[1];
        long allocated = Allocation.bytes(() -> v[0] = Json.parse(text));
        assertEquals(200_001, ((List<?>) v[0]).size());
        assertEquals("\n", ((List<?>) v[0]).get(0));
        assertTrue(allocated < 100L * text.length(), "allocated " + allocated + " bytes for " + text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "-Infinity", "1.2.3",
        "--1"})
    void refusesBadNumbers(String text) {
        assertThrows(PacketParseException.class, () -> Json.parse(text));
    }

    @Test
    void unicodeEscapesAndSurrogatePairs() {
        assertEquals("é", Json.parse("\"\\u00e9\""));
        assertEquals("é", Json.parse("\"\\u00E9\""));
        assertEquals("😀", Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("😀", Json.parse("\"😀\""));
        assertEquals("a😀b", Json.parse("\"a\\uD83D\\uDE00b\""));
        assertEquals(2, ((String) Json.parse("\"\\ud83d\\ude00\"")).length());
        assertEquals("\u0000", Json.parse("\"\\u0000\""));
        assertEquals("\"\\/\b\f\n\r\t", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
    }

    @Test
    void unicodeEscapesTakeOnlyAsciiHexDigits() {
        // found by JsonPropertiesTest: Character.digit took Arabic-Indic and fullwidth digits
        assertThrows(PacketParseException.class, () -> Json.parse("\"\\u000\u0661\""));
        assertThrows(PacketParseException.class, () -> Json.parse("\"\\u\uff11\uff11\uff11\uff11\""));
        assertEquals("\uabcd\uABCD", Json.parse("\"\\uabcd\\uABCD\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u12\"", "\"\\u12G4\"", "\"\\x\"", "\"\\", "\"abc", "\"\\u\"", "\"\\'\""})
    void refusesBadStrings(String text) {
        assertThrows(PacketParseException.class, () -> Json.parse(text));
    }

    @Test
    void refusesControlCharacters() {
        for (char c = 0; c < 0x20; c++) {
            char ch = c;
            assertThrows(PacketParseException.class, () -> Json.parse("\"a" + ch + "b\""), "raw U+" + (int) c);
            assertThrows(PacketParseException.class, () -> Json.parse("\"\\n" + ch + "\""), "raw U+" + (int) c
                    + " after an escape");
        }
        assertThrows(PacketParseException.class, () -> Json.parse("[\u000b1]"));
        assertThrows(PacketParseException.class, () -> Json.parse("[1\u0000]"));
        assertEquals(List.of(1), Json.parse("[\t\r\n 1 ]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[", "]", "[1,]", "[,1]", "[1 2]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}",
        "{a:1}", "{'a':1}", "{\"a\" 1}", "{1:1}", "tru", "nul", "falsey", "[1]x", "1 2", "\"a\" \"b\"",
        "[\"a\"", "{\"a\":1", "[}", "{]"})
    void refusesInvalidJson(String text) {
        assertThrows(PacketParseException.class, () -> Json.parse(text));
    }

    @Test
    void parsesFromAnOffset() {
        assertEquals(List.of("x"), Json.parse("42[\"x\"]", 2));
    }

    @Test
    void nestingUpToMaxDepthIsAccepted() {
        int d = Json.MAX_DEPTH;
        Object v = Json.parse("[".repeat(d) + "]".repeat(d));
        int depth = 0;
        while (v instanceof List<?> l && !l.isEmpty()) {
            v = l.get(0);
            depth++;
        }
        assertEquals(d - 1, depth);
        StringBuilder objects = new StringBuilder();
        for (int i = 0; i < d; i++) {
            objects.append("{\"a\":");
        }
        objects.append("1").append("}".repeat(d));
        assertInstanceOf(Map.class, Json.parse(objects.toString()));
    }

    @Test
    void nestingDeeperThanMaxDepthIsRefused() {
        int d = Json.MAX_DEPTH + 1;
        assertThrows(PacketParseException.class, () -> Json.parse("[".repeat(d) + "]".repeat(d)));
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < d; i++) {
            mixed.append(i % 2 == 0 ? "[" : "{\"k\":");
        }
        assertThrows(PacketParseException.class, () -> Json.parse(mixed.toString()));
    }

    @Test
    void hostileNestingThrowsParseErrorNotStackOverflow() {
        String deep = "[".repeat(1_000_000);
        assertThrows(PacketParseException.class, () -> Json.parse(deep));
        String deepObjects = "{\"a\":".repeat(200_000);
        assertThrows(PacketParseException.class, () -> Json.parse(deepObjects));
    }

    // --- writing ---

    @Test
    void writesScalars() {
        assertEquals("null", w(null));
        assertEquals("true", w(true));
        assertEquals("\"x\"", w("x"));
        assertEquals("42", w(42));
        assertEquals("-7", w(-7L));
        assertEquals("3", w((short) 3));
        assertEquals("-1", w((byte) -1));
        assertEquals("123456789012345678901234567890", w(new BigInteger("123456789012345678901234567890")));
        assertEquals("1.50", w(new BigDecimal("1.50")));
        assertEquals("\"c\"", w('c'));
        assertEquals("\"RED\"", w(Color.RED));
    }

    @Test
    void writesDoubles() {
        assertEquals("1", w(1.0));
        assertEquals("-3", w(-3.0));
        assertEquals("0", w(0.0));
        assertEquals("0", w(-0.0));
        assertEquals("1.5", w(1.5));
        assertEquals("0.1", w(0.1));
        assertEquals("123456789", w(123456789.0));
        assertEquals("2", w(2.0f));
        assertEquals("null", w(Double.NaN));
        assertEquals("null", w(Double.POSITIVE_INFINITY));
        assertEquals("null", w(Float.NEGATIVE_INFINITY));
        assertEquals(1e20, Json.parse(w(1e20)));
        assertEquals(1.5e-7, Json.parse(w(1.5e-7)));
        assertEquals(Double.MAX_VALUE, Json.parse(w(Double.MAX_VALUE)));
        assertEquals("5", w(new java.util.concurrent.atomic.AtomicInteger(5)));
    }

    @Test
    void escapesStrings() {
        assertEquals("\"a\\\"b\\\\c\"", w("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", w("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u0001\"", w("\u0000\u001f\u0001"));
        assertEquals("\"\\u2028\\u2029\"", w("\u2028\u2029"));
        assertEquals("\"é😀/\"", w("é😀/"));
        assertEquals("\"\"", w(""));
        for (char c = 0; c < 0x80; c++) {
            String s = "x" + c + "y";
            assertEquals(s, Json.parse(w(s)), "round trip of U+" + (int) c);
        }
    }

    @Test
    void writesRawJsonAsIs() {
        assertEquals("[{\"a\":1},2]", w(List.of(new RawJson("{\"a\":1}"), 2)));
        assertThrows(NullPointerException.class, () -> new RawJson(null));
    }

    @Test
    void writesCollectionsMapsAndArrays() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2));
        m.put("b", null);
        m.put("c", new int[] {3, 4});
        m.put("d", new String[] {"x"});
        m.put("e", Set.of());
        m.put("f", new double[] {1.5, 2.0});
        m.put("g", new boolean[] {true});
        assertEquals("{\"a\":[1,2],\"b\":null,\"c\":[3,4],\"d\":[\"x\"],\"e\":[],\"f\":[1.5,2],\"g\":[true]}", w(m));
        assertEquals("{\"1\":true}", w(Map.of(1, true)));
        assertEquals("[]", w(List.of()));
        assertEquals("{}", w(Map.of()));
        assertEquals("[null,[\"x\"]]", w(new Object[] {null, List.of("x")}));
    }

    @Test
    void writesOptional() {
        assertEquals("null", w(Optional.empty()));
        assertEquals("\"x\"", w(Optional.of("x")));
        assertEquals("[1,null]", w(List.of(Optional.of(1), Optional.empty())));
    }

    @Test
    void binaryOutsideAPacketIsAnArrayOfSignedBytes() {
        assertEquals("[1,-1,0]", w(new byte[] {1, -1, 0}));
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 8, 7});
        buf.position(1);
        assertEquals("[8,7]", w(buf));
        assertEquals(1, buf.position(), "the buffer's position is untouched");
    }

    @Test
    void otherObjectsGoToTheFallback() {
        record Point(int x, int y) { }
        assertThrows(IllegalArgumentException.class, () -> w(new Point(1, 2)));
        assertEquals("[{\"p\":1}]", Json.write(List.of(new Point(1, 2)), o -> "{\"p\":" + ((Point) o).x() + "}"));
    }

    @Test
    void writeThenReadRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "é\"\\\n\u0001😀");
        m.put("n", List.of(1, -2L, 3.25, true, false));
        m.put("o", mapOf("z", null));
        assertEquals(m.toString(), Json.parse(w(m)).toString());
    }
}
