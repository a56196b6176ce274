package io.socketeer.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socketeer.parser.RawJson;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Byte for byte as npm notepack.io 3.0.1 (what {@code @socket.io/redis-adapter} 8.3 uses): the
 * expected bytes were printed by notepack's {@code encode} for the same JavaScript values.
 */
class MsgPackTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static byte[] encode(Object v) {
        return MsgPack.encode(v, o -> {
            throw new AssertionError("no JSON-B here");
        });
    }

    /** ["abc123", {type: 2, data: ["chat", "héllo", 1, -1, 200, -200, 70000, 1.5, true, null, {a: [1,2]}], nsp: "/"}, {rooms: ["r1"], except: [], flags: {}}] */
    private static final String BROADCAST = "93a661626331323383a47479706502a4646174619ba463686174a668c3a96c6c6f01ffccc8d1ff38"
            + "ce00011170cb3ff8000000000000c3c081a161920102a36e7370a12f83a5726f6f6d7391a27231a665786365707490a5666c61677380";

    private static List<Object> broadcast() {
        return List.of("abc123",
                map("type", 2, "data", Arrays.asList("chat", "héllo", 1, -1, 200, -200, 70000, 1.5, true, null,
                        map("a", List.of(1, 2))), "nsp", "/"),
                map("rooms", List.of("r1"), "except", List.of(), "flags", map()));
    }

    @Test
    void aBroadcastIsWrittenAsNotepackWritesIt() {
        assertEquals(BROADCAST, HEX.formatHex(encode(broadcast())));
    }

    @Test
    void aBroadcastIsReadBack() {
        assertEquals(broadcast(), MsgPack.decode(hex(BROADCAST)));
    }

    @Test
    void binaryIsBinAndFlagsAreAMap() {
        String expected = "93a7656d697474657283a47479706502a46461746192a362696ec403010203a36e7370a52f636861"
                + "7483a5726f6f6d7390a665786365707491a178a5666c61677381a8766f6c6174696c65c3";
        List<Object> value = List.of("emitter",
                map("type", 2, "data", List.of("bin", new byte[] {1, 2, 3}), "nsp", "/chat"),
                map("rooms", List.of(), "except", List.of("x"), "flags", map("volatile", true)));
        assertEquals(expected, HEX.formatHex(encode(value)));
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) MsgPack.decode(hex(expected));
        @SuppressWarnings("unchecked")
        List<Object> data = (List<Object>) ((Map<String, Object>) back.get(1)).get("data");
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) data.get(1));
    }

    @Test
    void integersTakeTheSmallestFormatAndLongStringsStr8AndStr16() {
        String expected = "95cf0000000100000000d3fffffffeffffffffcf001fffffffffffff"
                + "d928" + "78".repeat(40) + "da012c" + "79".repeat(300);
        List<Object> value = List.of(4294967296L, -4294967297L, (double) ((1L << 53) - 1), "x".repeat(40), "y".repeat(300));
        assertEquals(expected, HEX.formatHex(encode(value)));
        assertEquals(List.of(4294967296L, -4294967297L, (1L << 53) - 1, "x".repeat(40), "y".repeat(300)),
                MsgPack.decode(hex(expected)));
    }

    @Test
    void aWholeDoubleIsAnIntegerAsInJavaScript() {
        assertEquals("03", HEX.formatHex(encode(3.0)));
        assertEquals("cb3ff8000000000000", HEX.formatHex(encode(1.5)));
    }

    @Test
    void aJavaScriptDateIsReadAsItsJsonText() {
        assertEquals(List.of("2026-11-28T03:00:00.123Z"), MsgPack.decode(hex("91d7ff1d5353006b0a43b0")));
    }

    @Test
    void undefinedIsReadAsNullAndSkippedKeysStaySkipped() {
        Map<String, Object> b = map("b", 1);
        assertEquals(Arrays.asList(null, b), MsgPack.decode(hex("92c081a16201")));
    }

    @Test
    void rawJsonAndApplicationObjectsAreWrittenAsTheirJsonValue() {
        record Point(int x) {
        }
        byte[] bytes = MsgPack.encode(List.of(new RawJson("{\"a\":1}"), new Point(2)), o -> "{\"x\":" + ((Point) o).x() + "}");
        assertEquals(List.of(map("a", 1), map("x", 2)), MsgPack.decode(bytes));
    }

    @Test
    void lengthsBeyondTheInputAreRefusedBeforeAnyAllocation() {
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("c6ffffffff00")), "bin 32 of 4 GB");
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("dd7fffffff")), "array of 2^31 items");
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("df7fffffff")), "map of 2^31 entries");
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("db7fffffff61")), "str 32");
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("92c0")), "truncated");
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("c1")), "never used");
        assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("91".repeat(200) + "c0")), "too deep");
    }
}
