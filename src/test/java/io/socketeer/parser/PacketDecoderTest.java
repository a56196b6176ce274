package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.fuzz.Allocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding the text of Engine.IO messages (the {@code 4} already removed). */
class PacketDecoderTest {
    private final PacketDecoder decoder = new PacketDecoder(3);

    private Packet decode(String s) {
        Packet p = decoder.add(s);
        assertTrue(p != null, "complete packet expected for " + s);
        return p;
    }

    private void invalid(String s) {
        assertThrows(PacketParseException.class, () -> new PacketDecoder(3).add(s), s);
    }

    @Test
    void connect() {
        Packet p = decode("0");
        assertSame(PacketType.CONNECT, p.type());
        assertEquals("/", p.nsp());
        assertNull(p.data());
        assertFalse(p.hasId());

        p = decode("0/admin,{\"token\":\"x\"}");
        assertSame(PacketType.CONNECT, p.type());
        assertEquals("/admin", p.nsp());
        assertEquals(Map.of("token", "x"), p.data());

        p = decode("0/admin,");
        assertEquals("/admin", p.nsp());
        assertNull(p.data());

        assertEquals("/admin", decode("0/admin").nsp());
        assertEquals(Map.of(), decode("0{}").data());
    }

    @Test
    void disconnect() {
        Packet p = decode("1");
        assertSame(PacketType.DISCONNECT, p.type());
        assertEquals("/", p.nsp());
        assertEquals("/admin", decode("1/admin,").nsp());
    }

    @Test
    void event() {
        Packet p = decode("2[\"chat\",\"hi\",{\"a\":[1,2.5,true,null]}]");
        assertSame(PacketType.EVENT, p.type());
        assertEquals("chat", p.eventName());
        assertEquals("hi", p.eventArgs().get(0));
        assertEquals(List.of(1, 2.5, true), ((List<?>) ((Map<?, ?>) p.eventArgs().get(1)).get("a")).subList(0, 3));
        assertFalse(p.hasId());
        assertEquals(List.of(), decode("2[\"only\"]").eventArgs());
    }

    @Test
    void eventWithAckIdAndNamespace() {
        Packet p = decode("212[\"q\",1]");
        assertEquals(12, p.id());
        assertEquals("q", p.eventName());
        assertEquals(List.of(1), p.eventArgs());

        p = decode("2/admin,0[\"q\"]");
        assertEquals("/admin", p.nsp());
        assertEquals(0, p.id());
        assertTrue(p.hasId());

        assertEquals(999_999_999_999_999L, decode("2999999999999999[\"q\"]").id());
    }

    @Test
    void eventNameMayBeANumber() {
        Packet p = decode("2[42,\"x\"]");
        assertEquals("42", p.eventName());
        assertEquals(List.of("x"), p.eventArgs());
    }

    @Test
    void ack() {
        Packet p = decode("312[\"ok\"]");
        assertSame(PacketType.ACK, p.type());
        assertEquals(12, p.id());
        assertEquals(List.of("ok"), p.data());
        assertEquals(List.of(), decode("35[]").data());
        assertEquals(List.of(), decode("35").data(), "an ack without payload has no arguments");
        p = decode("3/admin,7[null]");
        assertEquals("/admin", p.nsp());
        assertEquals(7, p.id());
    }

    @Test
    void connectError() {
        Packet p = decode("4{\"message\":\"Invalid namespace\"}");
        assertSame(PacketType.CONNECT_ERROR, p.type());
        assertEquals(Map.of("message", "Invalid namespace"), p.data());
        assertEquals("old style", decode("4/x,\"old style\"").data());
    }

    @Test
    void binaryEventReassembly() {
        assertNull(decoder.add("52-[\"up\",{\"_placeholder\":true,\"num\":1},{\"k\":[{\"_placeholder\":true,\"num\":0}]}]"));
        assertTrue(decoder.isReconstructing());
        assertNull(decoder.add(new byte[] {1}));
        Packet p = decoder.add(new byte[] {2, 2});
        assertSame(PacketType.BINARY_EVENT, p.type());
        assertEquals("up", p.eventName());
        assertArrayEquals(new byte[] {2, 2}, (byte[]) p.eventArgs().get(0));
        Object inner = ((List<?>) ((Map<?, ?>) p.eventArgs().get(1)).get("k")).get(0);
        assertArrayEquals(new byte[] {1}, (byte[]) inner);
        assertFalse(decoder.isReconstructing());
        assertEquals("next", decode("2[\"next\"]").eventName(), "the decoder goes on after a binary packet");
    }

    @Test
    void binaryAckReassembly() {
        assertNull(decoder.add("61-/admin,9[{\"_placeholder\":true,\"num\":0}]"));
        Packet p = decoder.add(new byte[] {7});
        assertSame(PacketType.BINARY_ACK, p.type());
        assertEquals("/admin", p.nsp());
        assertEquals(9, p.id());
        assertArrayEquals(new byte[] {7}, (byte[]) p.list().get(0));
    }

    @Test
    void binaryWithZeroAttachmentsIsCompleteAtOnce() {
        Packet p = decode("50-[\"a\",1]");
        assertSame(PacketType.BINARY_EVENT, p.type());
        assertEquals(List.of(1), p.eventArgs());
        assertFalse(decoder.isReconstructing());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "8[]", "9", "a", "/", "-", " 2[\"a\"]", "{}", "[\"a\"]"})
    void unknownTypeIsRefused(String s) {
        invalid(s);
    }

    @Test
    void emptyPacketIsRefused() {
        invalid("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "51", "5-[\"a\"]", "5x-[\"a\"]", "51[\"a\"]", "5-1-[\"a\"]", "6", "6-[]",
        "512345678-[\"a\"]", "5 1-[\"a\"]"})
    void badAttachmentCountIsRefused(String s) {
        invalid(s);
    }

    @Test
    void tooManyAttachmentsIsRefused() {
        assertNull(new PacketDecoder(3).add("53-[\"a\"]"));
        assertThrows(PacketParseException.class, () -> new PacketDecoder(3).add("54-[\"a\"]"));
        assertThrows(PacketParseException.class, () -> new PacketDecoder(0).add("51-[\"a\"]"));
        assertThrows(PacketParseException.class, () -> new PacketDecoder(1000).add("59999999-[\"a\"]"));
    }

    private static final String ONE_PLACEHOLDER = "-[\"f\",{\"_placeholder\":true,\"num\":0}]";

    @Test
    void aMillionAnnouncedAttachmentsAreRefusedBeforeAnythingIsAllocatedForThem() {
        String million = "51000000" + ONE_PLACEHOLDER;
        PacketParseException e = assertThrows(PacketParseException.class, () -> new PacketDecoder(1000).add(million));
        assertEquals("too many attachments: 1000000", e.getMessage());
        // even where the limit lets the count through, nothing is allocated for what is only announced
        PacketDecoder lax = new PacketDecoder(Integer.MAX_VALUE);
        lax.add("2[\"warm up\"]");
        long allocated = Allocation.bytes(() -> assertNull(lax.add(million)));
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for a packet announcing 1,000,000");
        assertNull(lax.add(new byte[] {1}));
        assertTrue(lax.isReconstructing());
    }

    @Test
    void attachmentCountsAtAndBeyondIntegerMaxValueAreRefused() {
        String max = "5" + Integer.MAX_VALUE + ONE_PLACEHOLDER;
        assertEquals("too many attachments: 2147483647",
                assertThrows(PacketParseException.class, () -> new PacketDecoder(1000).add(max)).getMessage());
        PacketDecoder lax = new PacketDecoder(Integer.MAX_VALUE);
        long allocated = Allocation.bytes(() -> assertNull(lax.add(max)));
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for a packet announcing 2^31-1");
        for (String overflowing : List.of("2147483648", "4294967297", "18446744073709551617", "9".repeat(100_000))) {
            PacketParseException over = assertThrows(PacketParseException.class,
                    () -> new PacketDecoder(Integer.MAX_VALUE).add("5" + overflowing + ONE_PLACEHOLDER));
            assertEquals("too many attachments: more than 2147483647", over.getMessage());
        }
    }

    @Test
    void leadingZerosInAnAttachmentCountAreAllowed() {
        // found by PacketDecoderPropertiesTest: counts of more than 7 digits were refused whatever their value;
        // the reference parser reads "00000001" as 1
        PacketDecoder d = new PacketDecoder(3);
        assertNull(d.add("5000000001" + ONE_PLACEHOLDER));
        byte[] b = {42};
        assertSame(b, d.add(b).eventArgs().get(0));
    }

    @Test
    void placeholderIndexOutOfRangeIsRefused() {
        assertNull(decoder.add("51-[\"a\",{\"_placeholder\":true,\"num\":1}]"));
        assertThrows(PacketParseException.class, () -> decoder.add(new byte[] {1}));

        PacketDecoder d = new PacketDecoder(3);
        assertNull(d.add("51-[\"a\",{\"_placeholder\":true,\"num\":-1}]"));
        assertThrows(PacketParseException.class, () -> d.add(new byte[] {1}));

        PacketDecoder d2 = new PacketDecoder(3);
        assertNull(d2.add("51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]"));
        assertThrows(PacketParseException.class, () -> d2.add(new byte[] {1}));

        PacketDecoder d3 = new PacketDecoder(3);
        assertNull(d3.add("51-[\"a\",{\"_placeholder\":true}]"));
        assertThrows(PacketParseException.class, () -> d3.add(new byte[] {1}));
    }

    @Test
    void textWhileReconstructingIsRefused() {
        assertNull(decoder.add("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"));
        assertThrows(PacketParseException.class, () -> decoder.add("2[\"b\"]"));
    }

    @Test
    void binaryWhenNotReconstructingIsRefused() {
        assertThrows(PacketParseException.class, () -> decoder.add(new byte[] {1}));
        decode("2[\"a\"]");
        assertThrows(PacketParseException.class, () -> decoder.add(new byte[] {1}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2{}", "2\"x\"", "21", "2[]", "2[{}]", "2[null]", "2[true]", "2[[\"a\"]]",
        "2/admin,", "2/admin,1", "212", "5-0[]", "50-{}", "50-[]", "2null"})
    void invalidEventPayloadIsRefused(String s) {
        invalid(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener",
        "removeListener"})
    void reservedEventNamesAreRefused(String name) {
        invalid("2[\"" + name + "\"]");
        invalid("2/admin,3[\"" + name + "\",1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0[]", "0[\"a\"]", "0\"x\"", "0null", "0true", "0/admin,[]"})
    void connectPayloadMustBeAnObject(String s) {
        invalid(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1{}", "1[]", "1/admin,\"x\""})
    void disconnectCarriesNoPayload(String s) {
        invalid(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3{}", "31{}", "31\"x\"", "4[]", "4true"})
    void ackAndConnectErrorPayloadTypes(String s) {
        invalid(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2[\"a\"", "2[\"a\",]", "2[\"a\"]x", "2[\"a\" \"b\"]", "2['a']", "2[\"a\\x\"]",
        "2abc[\"a\"]", "0{token:1}", "2[\"a\",01]", "2[\"a\u0001\"]", "2[\"a\"]\u0000"})
    void invalidJsonIsRefused(String s) {
        invalid(s);
    }

    @Test
    void tooLongAckIdIsRefused() {
        invalid("21234567890123456[\"q\"]");
        invalid("31234567890123456[]");
    }

    @Test
    void deepNestingThrowsParseErrorNotStackOverflow() {
        int d = Json.MAX_DEPTH;
        // the event array is one level: the arguments may nest MAX_DEPTH - 1 more
        Packet ok = decode("2[\"a\"," + "[".repeat(d - 1) + "]".repeat(d - 1) + "]");
        assertEquals("a", ok.eventName());
        invalid("2[\"a\"," + "[".repeat(d) + "]".repeat(d) + "]");
        invalid("2[\"a\"," + "[".repeat(500_000));
        invalid("0" + "{\"a\":".repeat(100_000));
    }

    @Test
    void hugeNumbersAreKept() {
        Packet p = decode("2[\"n\",123456789012345678901234567890,9007199254740993,1e400,-1.5e-10]");
        assertEquals(new java.math.BigInteger("123456789012345678901234567890"), p.eventArgs().get(0));
        assertEquals(9007199254740993L, p.eventArgs().get(1));
        assertEquals(Double.POSITIVE_INFINITY, p.eventArgs().get(2));
        assertEquals(-1.5e-10, p.eventArgs().get(3));
    }

    @Test
    void unicodeAndSurrogatePairs() {
        Packet p = decode("2[\"\\u00e9v\u00e9nement\",\"\\ud83d\\ude00\",\"😀\",\"\\u2028\"]");
        assertEquals("événement", p.eventName());
        assertEquals(List.of("😀", "😀", "\u2028"), p.eventArgs());
        assertEquals("/ünï", decode("2/ünï,[\"a\"]").nsp());
    }

    @Test
    void controlCharactersInStringsAreRefused() {
        invalid("2[\"a\nb\"]");
        invalid("2[\"a\tb\"]");
        assertEquals("a\nb", decode("2[\"a\\nb\"]").eventName());
    }

    @Test
    void decodedContainersAreMutableLists() {
        Packet p = decode("2[\"a\",[1]]");
        assertInstanceOf(List.class, p.eventArgs().get(0));
        assertEquals(PacketType.BINARY_ACK, PacketType.fromCode('6'));
        assertNull(PacketType.fromCode('7'));
        assertTrue(PacketType.BINARY_EVENT.isBinary());
        assertFalse(PacketType.EVENT.isBinary());
    }
}
