package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socketeer.fuzz.JsonValues;
import io.socketeer.fuzz.Mutation;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property-based tests of the JSON reader (jqwik): whatever the text, {@link Json#parse} returns a value
 * or throws {@link PacketParseException}, nothing else (no NumberFormatException, no
 * StackOverflowError); it reads back what {@link Json#write} wrote; and it accepts exactly the texts
 * that a conforming parser (Parsson, the JSON-P implementation) accepts, with the same values.
 */
class JsonPropertiesTest {
    /** What {@link #read} returns for a text the reader refused with its parse exception. */
    private static final Object REFUSED = new Object() {
        @Override
        public String toString() {
            return "<refused>";
        }
    };

    /** What {@link #parsson} returns for a number Parsson cannot represent: no verdict. */
    private static final Object NO_ANSWER = new Object();

    /** Reads {@code text}, or {@link #REFUSED}; any other exception or error fails the property. */
    static Object read(String text) {
        try {
            return Json.parse(text);
        } catch (PacketParseException e) {
            return REFUSED;
        }
    }

    @Provide
    Arbitrary<Object> values() {
        return JsonValues.values(4);
    }

    @Provide
    Arbitrary<String> soup() {
        return JsonValues.tokenSoup();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.several(Arbitraries.oneOf(JsonValues.fragments(), Arbitraries.strings().ofMaxLength(3)));
    }

    @Provide
    Arbitrary<String> nearlyJson() {
        return Arbitraries.oneOf(JsonValues.tokenSoup(), JsonValues.mutatedJson(3, v -> Json.write(v, null)));
    }

    @Property(tries = 300)
    void whatIsWrittenReadsBackTheSame(@ForAll("values") Object value) {
        JsonValues.assertSame(value, Json.parse(Json.write(value, null)));
    }

    @Property(tries = 300)
    void anyTextIsReadOrRefused(@ForAll String text) {
        read(text);
    }

    @Property(tries = 500)
    void tokenSoupIsReadOrRefused(@ForAll("soup") String text) {
        read(text);
    }

    @Property(tries = 500)
    void mutatedJsonIsReadOrRefused(@ForAll("values") Object value, @ForAll("mutations") List<Mutation> mutations) {
        read(Mutation.applyAll(mutations, Json.write(value, null)));
    }

    @Property(tries = 1000)
    void acceptsExactlyWhatAConformingParserAccepts(@ForAll("nearlyJson") String text) {
        Object ours = read(text);
        Object theirs = parsson(text);
        Assume.that(theirs != NO_ANSWER);
        if (ours == REFUSED || theirs == REFUSED) {
            assertEquals(theirs == REFUSED, ours == REFUSED,
                    "ours: " + ours + ", Parsson: " + theirs + " for " + text);
        } else {
            JsonValues.assertSame(theirs, ours);
        }
    }

    @Property(tries = 200)
    void nestingIsLimitedToMaxDepth(@ForAll @IntRange(min = 1, max = 3 * Json.MAX_DEPTH) int depth,
                                    @ForAll boolean objects, @ForAll boolean closed) {
        String open = objects ? "{\"k\":" : "[";
        String close = objects ? "}" : "]";
        String text = open.repeat(depth) + (objects ? "0" : "") + (closed ? close.repeat(depth) : "");
        Object v = read(text);
        assertEquals(closed && depth <= Json.MAX_DEPTH, v != REFUSED, "depth " + depth);
        if (depth > Json.MAX_DEPTH) {
            PacketParseException e = assertThrows(PacketParseException.class, () -> Json.parse(text));
            assertEquals(true, e.getMessage().contains("nesting too deep"), e.getMessage());
        }
    }

    /** The value Parsson reads from {@code text}, in the reader's shapes, or {@link #REFUSED}. */
    private static Object parsson(String text) {
        // the streaming parser, because its reader ignores what follows the value; hasNext() checks it
        try (JsonParser p = jakarta.json.Json.createParser(new StringReader(text))) {
            p.next();
            Object v = toJava(p.getValue());
            return p.hasNext() ? REFUSED : v;
        } catch (NumberFormatException e) {
            return NO_ANSWER; // valid JSON whose exponent BigDecimal cannot hold (JavaScript: Infinity)
        } catch (RuntimeException e) {
            return REFUSED;
        }
    }

    private static Object toJava(JsonValue v) {
        switch (v.getValueType()) {
            case NULL:
                return null;
            case TRUE:
                return true;
            case FALSE:
                return false;
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER:
                return ((JsonNumber) v).bigDecimalValue();
            case ARRAY:
                List<Object> l = new ArrayList<>();
                for (JsonValue e : (JsonArray) v) {
                    l.add(toJava(e));
                }
                return l;
            default:
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
                    m.put(e.getKey(), toJava(e.getValue()));
                }
                return m;
        }
    }
}
