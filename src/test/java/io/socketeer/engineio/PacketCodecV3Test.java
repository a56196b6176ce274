package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Engine.IO v3 framing. The expected strings and bytes were produced by the reference parser,
 * npm engine.io-parser 2.2.1 (what socket.io-client 2.x and the reference server with allowEIO3
 * use): {@code encodePayload(packets, supportsBinary, cb)} and {@code encodePacket}.
 */
class PacketCodecV3Test {
    private static final List<EnginePacket> TEXT = List.of(EnginePacket.of(PacketType.OPEN, "{\"sid\":\"abc\"}"),
            EnginePacket.message("40"), EnginePacket.message("42[\"é€😀\"]"));
    private static final List<EnginePacket> WITH_BINARY = List.of(
            EnginePacket.message("451-[\"b\",{\"_placeholder\":true,\"num\":0}]"),
            EnginePacket.message(new byte[] {0, 1, 2, (byte) 255}));
    /** encodePayload(TEXT, false): lengths in UTF-16 code units (😀 counts two). */
    private static final String TEXT_PAYLOAD = "14:0{\"sid\":\"abc\"}3:44011:442[\"é€😀\"]";
    /** encodePayload(WITH_BINARY, true). */
    private static final String BINARY_PAYLOAD_HEX = "000400ff343435312d5b2262222c7b225f706c616365686f6c646572"
            + "223a747275652c226e756d223a307d5d0105ff04000102ff";
    /** encodePayload(WITH_BINARY, false): the client asked for b64. */
    private static final String BASE64_PAYLOAD = "40:4451-[\"b\",{\"_placeholder\":true,\"num\":0}]10:b4AAEC/w==";

    @Test
    void aTextPayloadPrefixesEachPacketWithItsLengthInUtf16Units() {
        assertEquals(TEXT_PAYLOAD, PacketCodecV3.encodeTextPayload(TEXT));
        assertEquals(List.of("0{\"sid\":\"abc\"}", "440", "442[\"é€😀\"]"),
                PacketCodecV3.decodePayload(TEXT_PAYLOAD).stream().map(EnginePacket::wireText).toList());
    }

    @Test
    void aPayloadWithBinaryIsBinaryForAClientThatSupportsIt() {
        byte[] payload = PacketCodecV3.encodeBinaryPayload(WITH_BINARY);
        assertEquals(BINARY_PAYLOAD_HEX, HexFormat.of().formatHex(payload));
        List<EnginePacket> back = PacketCodecV3.decodePayload(payload);
        assertEquals(2, back.size());
        assertEquals(WITH_BINARY.get(0).wireText(), back.get(0).wireText());
        assertArrayEquals(WITH_BINARY.get(1).binary(), back.get(1).binary());
    }

    @Test
    void binaryIsBase64InATextPayload() {
        assertEquals(BASE64_PAYLOAD, PacketCodecV3.encodeTextPayload(WITH_BINARY));
        List<EnginePacket> back = PacketCodecV3.decodePayload(BASE64_PAYLOAD);
        assertArrayEquals(WITH_BINARY.get(1).binary(), back.get(1).binary());
    }

    @Test
    void aBinaryWebSocketFrameStartsWithTheTypeByte() {
        EnginePacket p = EnginePacket.message(new byte[] {1, 2, 3});
        assertEquals("04010203", HexFormat.of().formatHex(p.binaryFrameV3()));
        assertArrayEquals(new byte[] {1, 2, 3}, PacketCodecV3.decodeFrame(p.binaryFrameV3(), 0, 4).binary());
    }

    @Test
    void emptyRecordsAreSkippedAsTheReferenceParserDoes() {
        // engine.io-parser 2.2.1 decodes "6:4hello0:2:40" to the messages "hello" and "0"
        assertEquals(List.of("4hello", "40"),
                PacketCodecV3.decodePayload("6:4hello0:2:40").stream().map(EnginePacket::wireText).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5:4hi", "2:4hi", "x:4", ":4", "4hello", "12345678901:4", "1:b", "3:b2A", "3:4hi7",
        "2:9x", "3:b4!"})
    void brokenTextPayloadsAreParseErrors(String payload) {
        assertThrows(EngineParseException.class, () -> PacketCodecV3.decodePayload(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02ff3434", "0234", "00ff", "0a02ff3434", "0102ff0200", "0202ff3434", "0003ff3434",
        "0001020304050607080900ff34"})
    void brokenBinaryPayloadsAreParseErrors(String hex) {
        assertThrows(EngineParseException.class, () -> PacketCodecV3.decodePayload(HexFormat.of().parseHex(hex)));
    }
}
