package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socketeer.fuzz.Fuzz;
import io.socketeer.fuzz.JsonValues;
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
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the JSON reader (random input from {@link Fuzz}): whatever the text, {@link Json#parse} returns a value
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

    /** Fragments the mutations of valid JSON write: JSON pieces or any short text. */
    private static String mutationFragment(Fuzz f) {
        return f.bool() ? JsonValues.fragment(f) : f.string(3);
    }

    /** Token soup or mutated valid JSON. */
    private static String nearlyJson(Fuzz f) {
        return f.bool() ? JsonValues.tokenSoup(f) : JsonValues.mutatedJson(f, 3, v -> Json.write(v, null));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        Fuzz.forAll(300, f -> JsonValues.value(f, 4), value -> JsonValues.assertSame(value, Json.parse(Json.write(value, null))));
    }

    @Test
    void anyTextIsReadOrRefused() {
        Fuzz.forAll(300, f -> f.string(255), JsonPropertiesTest::read);
    }

    @Test
    void tokenSoupIsReadOrRefused() {
        Fuzz.forAll(500, JsonValues::tokenSoup, JsonPropertiesTest::read);
    }

    @Test
    void mutatedJsonIsReadOrRefused() {
        Fuzz.forAll(500, f -> f.mutate(Json.write(JsonValues.value(f, 4), null), () -> mutationFragment(f)),
                JsonPropertiesTest::read);
    }

    @Test
    void acceptsExactlyWhatAConformingParserAccepts() {
        Fuzz.forAll(1000, JsonPropertiesTest::nearlyJson, text -> {
            Object ours = read(text);
            Object theirs = parsson(text);
            if (theirs == NO_ANSWER) {
                return; // no verdict to compare with
            }
            if (ours == REFUSED || theirs == REFUSED) {
                assertEquals(theirs == REFUSED, ours == REFUSED, "ours: " + ours + ", Parsson: " + theirs);
            } else {
                JsonValues.assertSame(theirs, ours);
            }
        });
    }

    /** Brackets or braces nested {@code depth} deep, closed or not. */
    record Nesting(int depth, boolean objects, boolean closed) {
        String text() {
            String open = objects ? "{\"k\":" : "[";
            String close = objects ? "}" : "]";
            return open.repeat(depth) + (objects ? "0" : "") + (closed ? close.repeat(depth) : "");
        }
    }

    @Test
    void nestingIsLimitedToMaxDepth() {
        Fuzz.forAll(200, f -> new Nesting(f.between(1, 3 * Json.MAX_DEPTH), f.bool(), f.bool()), n -> {
            String text = n.text();
            Object v = read(text);
            assertEquals(n.closed() && n.depth() <= Json.MAX_DEPTH, v != REFUSED, "depth " + n.depth());
            if (n.depth() > Json.MAX_DEPTH) {
                PacketParseException e = assertThrows(PacketParseException.class, () -> Json.parse(text));
                assertEquals(true, e.getMessage().contains("nesting too deep"), e.getMessage());
            }
        });
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
