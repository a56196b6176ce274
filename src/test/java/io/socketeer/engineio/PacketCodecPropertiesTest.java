package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.fuzz.Mutation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property-based tests of the Engine.IO codec (jqwik): whatever arrives as a WebSocket text frame or a
 * polling body (random text, random bytes read as UTF-8, payload-shaped soup, mutated valid payloads,
 * truncated base64), decoding returns packets or throws {@link EngineParseException}, nothing else;
 * every payload the encoder writes decodes to the same packets, through its UTF-8 bytes too.
 */
class PacketCodecPropertiesTest {

    /** Decodes a payload; null when refused with the parse exception. Anything else fails the property. */
    static List<EnginePacket> decodeOrRefuse(String payload) {
        try {
            List<EnginePacket> packets = PacketCodec.decodePayload(payload);
            assertTrue(!packets.isEmpty());
            for (EnginePacket p : packets) {
                assertNotNull(p.type());
                assertTrue(p.isBinary() ? p.type() == PacketType.MESSAGE : p.text() != null);
            }
            return packets;
        } catch (EngineParseException e) {
            return null;
        }
    }

    // --- generators ---

    /** Text without the record separator, which no text packet can carry in a payload. */
    static Arbitrary<String> text(boolean wellFormed) {
        Arbitrary<String> any = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("42[]\"{}b=/+ \n\u00e9\ud83d\ude00").ofMaxLength(30));
        Arbitrary<String> noSeparator = any.filter(s -> s.indexOf(PacketCodec.SEPARATOR) < 0);
        // lone surrogates have no UTF-8 form: they cannot cross an HTTP body
        return wellFormed ? noSeparator.filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8))) : noSeparator;
    }

    static Arbitrary<EnginePacket> packets(boolean wellFormed) {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(PacketType.class), text(wellFormed)).as(EnginePacket::of),
                text(wellFormed).map(EnginePacket::message),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(EnginePacket::message));
    }

    @Provide
    static Arbitrary<List<EnginePacket>> payloads() {
        return packets(false).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    static Arbitrary<List<EnginePacket>> wellFormedPayloads() {
        return packets(true).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    static Arbitrary<String> payloadSoup() {
        return Arbitraries.of("0", "1", "2", "3", "4", "5", "6", "7", "b", "bAQID", "b=", "AQ", "ID", "==", "=",
                "\u001e", "\n", "\r\n", " ", "\t", "probe", "42[\"a\"]", "*", "-", "_", "+/", "\u00e9", "\ud83d", "\u0000")
                .list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Provide
    static Arbitrary<List<Mutation>> mutations() {
        return Mutation.several(Arbitraries.oneOf(payloadSoup(), Arbitraries.strings().ofMaxLength(3)));
    }

    // --- properties ---

    @Property(tries = 300)
    void everyPayloadDecodesToItsPackets(@ForAll("payloads") List<EnginePacket> packets) {
        assertSamePackets(packets, PacketCodec.decodePayload(PacketCodec.encodePayload(packets)));
    }

    @Property(tries = 300)
    void everyPayloadDecodesToItsPacketsThroughItsUtf8Bytes(@ForAll("wellFormedPayloads") List<EnginePacket> packets) {
        byte[] body = PacketCodec.encodePayloadBytes(packets);
        assertSamePackets(packets, PacketCodec.decodePayload(new String(body, StandardCharsets.UTF_8)));
    }

    @Property(tries = 300)
    void everyTextFrameDecodesToItsPacket(@ForAll("payloads") List<EnginePacket> packets) {
        for (EnginePacket p : packets) {
            if (!p.isBinary()) {
                assertSamePackets(List.of(p), List.of(PacketCodec.decode(p.wireText())));
            }
        }
    }

    @Property(tries = 300)
    void anyTextIsDecodedOrRefused(@ForAll String text) {
        decodeOrRefuse(text);
        try {
            PacketCodec.decode(text);
        } catch (EngineParseException e) {
            // refused: fine
        }
    }

    @Property(tries = 300)
    void anyBytesReadAsUtf8AreDecodedOrRefused(@ForAll byte[] body) {
        // what the servlet does with a POST body: invalid UTF-8 becomes U+FFFD, as in Node
        decodeOrRefuse(new String(body, StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void payloadShapedSoupIsDecodedOrRefused(@ForAll("payloadSoup") String payload) {
        decodeOrRefuse(payload);
    }

    @Property(tries = 500)
    void mutatedPayloadsAreDecodedOrRefused(@ForAll("payloads") List<EnginePacket> packets,
                                            @ForAll("mutations") List<Mutation> mutations) {
        decodeOrRefuse(Mutation.applyAll(mutations, PacketCodec.encodePayload(packets)));
    }

    @Property(tries = 300)
    void mutatedBytesOfABodyAreDecodedOrRefused(@ForAll("wellFormedPayloads") List<EnginePacket> packets,
                                                @ForAll @IntRange(min = 0, max = 1000) int at,
                                                @ForAll byte value) {
        byte[] body = PacketCodec.encodePayloadBytes(packets);
        if (body.length > 0) {
            body[at % body.length] = value; // e.g. a UTF-8 sequence cut or made overlong
        }
        decodeOrRefuse(new String(body, StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void truncatedBase64IsRefusedOrDecodesToAPrefix(@ForAll byte[] data, @ForAll @IntRange(min = 0, max = 1000) int cut) {
        String b64 = Base64.getEncoder().encodeToString(data);
        int n = b64.isEmpty() ? 0 : cut % (b64.length() + 1);
        List<EnginePacket> decoded = decodeOrRefuse("b" + b64.substring(0, n));
        if (n % 4 == 0) {
            assertNotNull(decoded, "whole groups of four decode");
        }
        if (decoded != null) {
            byte[] got = decoded.get(0).binary();
            assertTrue(got.length <= data.length);
            assertArrayEquals(Arrays.copyOf(data, got.length), got, "a prefix of the data");
            assertTrue(got.length >= n / 4 * 3 - 2, "every whole group decoded");
        }
    }

    private static void assertSamePackets(List<EnginePacket> expected, List<EnginePacket> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            EnginePacket e = expected.get(i);
            EnginePacket a = actual.get(i);
            assertEquals(e.type(), a.type());
            assertEquals(e.isBinary(), a.isBinary());
            if (e.isBinary()) {
                assertArrayEquals(e.binary(), a.binary());
            } else {
                assertEquals(e.text(), a.text());
                assertEquals(e.wireText(), a.wireText());
            }
        }
    }
}
