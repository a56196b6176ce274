package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketCodecTest {

    @Test
    void typesHaveTheirWireDigits() {
        assertEquals(List.of('0', '1', '2', '3', '4', '5', '6'),
                List.of(PacketType.values()).stream().map(PacketType::code).toList());
        for (PacketType t : PacketType.values()) {
            assertSame(t, PacketType.fromCode(t.code()));
        }
        assertNull(PacketType.fromCode('7'));
        assertNull(PacketType.fromCode('/'));
        assertNull(PacketType.fromCode('b'));
    }

    @Test
    void encodesEveryBareType() {
        assertEquals("0", EnginePacket.of(PacketType.OPEN).wireText());
        assertEquals("1", EnginePacket.of(PacketType.CLOSE).wireText());
        assertEquals("2", EnginePacket.of(PacketType.PING).wireText());
        assertEquals("3", EnginePacket.of(PacketType.PONG).wireText());
        assertEquals("4", EnginePacket.message("").wireText());
        assertEquals("5", EnginePacket.of(PacketType.UPGRADE).wireText());
        assertEquals("6", EnginePacket.of(PacketType.NOOP).wireText());
    }

    @Test
    void encodesPacketsWithData() {
        assertEquals("0{\"sid\":\"x\"}", EnginePacket.of(PacketType.OPEN, "{\"sid\":\"x\"}").wireText());
        assertEquals("2probe", EnginePacket.of(PacketType.PING, EnginePacket.PROBE).wireText());
        assertEquals("3probe", EnginePacket.of(PacketType.PONG, "probe").wireText());
        assertEquals("4hello", EnginePacket.message("hello").wireText());
        assertEquals("42[\"a\"]", EnginePacket.messageFrame("42[\"a\"]").wireText());
        assertEquals("2[\"a\"]", EnginePacket.messageFrame("42[\"a\"]").text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "3", "4", "5", "6"})
    void decodesEveryBareType(String wire) {
        EnginePacket p = PacketCodec.decode(wire);
        assertEquals(wire.charAt(0), p.type().code());
        assertEquals("", p.text());
        assertFalse(p.isBinary());
        assertEquals(wire, p.wireText());
    }

    @Test
    void decodesEveryTypeWithData() {
        String[] wires = {"0{\"sid\":\"a\"}", "1x", "2probe", "3probe", "4héllo ☃", "5x", "6x"};
        for (String w : wires) {
            EnginePacket p = PacketCodec.decode(w);
            assertSame(PacketType.fromCode(w.charAt(0)), p.type());
            assertEquals(w.substring(1), p.text());
            assertEquals(w, p.wireText());
        }
    }

    @Test
    void messageMayContainSeparatorLikeCharactersOnWebSocket() {
        EnginePacket p = PacketCodec.decode("4a\u001eb");
        assertEquals("a\u001eb", p.text());
    }

    @Test
    void decodesBinaryWebSocketFrame() {
        byte[] raw = {0, 1, (byte) 0xff};
        EnginePacket p = PacketCodec.decode(raw);
        assertSame(PacketType.MESSAGE, p.type());
        assertTrue(p.isBinary());
        assertArrayEquals(raw, p.binary());
        assertNull(p.text());
        assertEquals(3, p.dataLength());
        assertThrows(IllegalStateException.class, p::wireText);
    }

    @Test
    void decodesBase64BinaryRecord() {
        EnginePacket p = PacketCodec.decode("bAQID");
        assertTrue(p.isBinary());
        assertSame(PacketType.MESSAGE, p.type());
        assertArrayEquals(new byte[] {1, 2, 3}, p.binary());
    }

    @Test
    void emptyBase64IsAnEmptyBinaryMessage() {
        EnginePacket p = PacketCodec.decode("b");
        assertTrue(p.isBinary());
        assertEquals(0, p.binary().length);
    }

    @Test
    void decodesPayloadJoinedByRecordSeparator() {
        List<EnginePacket> ps = PacketCodec.decodePayload("4hello\u001e2\u001ebAQID\u001e4\u001e3probe");
        assertEquals(5, ps.size());
        assertEquals("hello", ps.get(0).text());
        assertSame(PacketType.PING, ps.get(1).type());
        assertArrayEquals(new byte[] {1, 2, 3}, ps.get(2).binary());
        assertSame(PacketType.MESSAGE, ps.get(3).type());
        assertEquals("", ps.get(3).text());
        assertEquals("probe", ps.get(4).text());
    }

    @Test
    void decodesSinglePacketPayload() {
        List<EnginePacket> ps = PacketCodec.decodePayload("1");
        assertEquals(1, ps.size());
        assertSame(PacketType.CLOSE, ps.get(0).type());
    }

    @Test
    void encodesPayloadWithSeparatorAndBase64() {
        String payload = PacketCodec.encodePayload(List.of(EnginePacket.message("a"),
                EnginePacket.message(new byte[] {1, 2, 3}), EnginePacket.of(PacketType.PING),
                EnginePacket.messageFrame("42[\"x\"]")));
        assertEquals("4a\u001ebAQID\u001e2\u001e42[\"x\"]", payload);
        assertEquals("bAQID", PacketCodec.encodePayload(List.of(EnginePacket.message(new byte[] {1, 2, 3}))));
        assertEquals("6", PacketCodec.encodePayload(List.of(EnginePacket.of(PacketType.NOOP))));
        assertArrayEquals("4é".getBytes(StandardCharsets.UTF_8),
                PacketCodec.encodePayloadBytes(List.of(EnginePacket.message("é"))));
    }

    @Test
    void payloadRoundTrip() {
        List<EnginePacket> in = List.of(EnginePacket.message("x"), EnginePacket.message(new byte[] {9, 8}),
                EnginePacket.of(PacketType.CLOSE));
        List<EnginePacket> out = PacketCodec.decodePayload(PacketCodec.encodePayload(in));
        assertEquals(3, out.size());
        assertEquals("x", out.get(0).text());
        assertArrayEquals(new byte[] {9, 8}, out.get(1).binary());
        assertSame(PacketType.CLOSE, out.get(2).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9hello", "x", "{}", "/", " 4"})
    void unknownTypeIsAParseError(String wire) {
        assertThrows(EngineParseException.class, () -> PacketCodec.decode(wire));
    }

    @Test
    void emptyPacketIsAParseError() {
        assertThrows(EngineParseException.class, () -> PacketCodec.decode(""));
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload(""));
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload("4a\u001e"));
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload("\u001e4a"));
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload("4a\u001e\u001e4b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!!!!", "bA", "bAQID=", "b====", "bAQ\u00e9D"}) // whitespace is skipped: PacketCodecBase64Test
    void brokenBase64IsAParseError(String wire) {
        assertThrows(EngineParseException.class, () -> PacketCodec.decode(wire));
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload("4ok\u001e" + wire));
    }

    @Test
    void unknownTypeInsidePayloadIsAParseError() {
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload("4a\u001e8b"));
    }

    @Test
    void bareInstancesAreShared() {
        assertSame(EnginePacket.of(PacketType.NOOP), EnginePacket.of(PacketType.NOOP, ""));
        assertSame(EnginePacket.of(PacketType.PING), PacketCodec.decode("2"));
    }

    @Test
    void messageFrameMustStartWithMessageDigit() {
        assertThrows(IllegalArgumentException.class, () -> EnginePacket.messageFrame("2"));
        assertThrows(IllegalArgumentException.class, () -> EnginePacket.messageFrame(""));
    }

    @Test
    void dataLengthCountsUtf8Bytes() {
        assertEquals(2, EnginePacket.message("é").dataLength());
        assertEquals(4, EnginePacket.message("😀").dataLength());
        assertEquals(3, EnginePacket.messageFrame("4abc").dataLength());
    }

    @Test
    void errorBodiesAreTheReferenceJson() {
        assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", EngineError.UNKNOWN_TRANSPORT.json());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", EngineError.UNKNOWN_SID.json());
        assertEquals("{\"code\":2,\"message\":\"Bad handshake method\"}", EngineError.BAD_HANDSHAKE_METHOD.json());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", EngineError.BAD_REQUEST.json());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", EngineError.FORBIDDEN.json());
        assertEquals(403, EngineError.FORBIDDEN.httpStatus());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}",
                EngineError.UNSUPPORTED_PROTOCOL_VERSION.json());
    }
}
