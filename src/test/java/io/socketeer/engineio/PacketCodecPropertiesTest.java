package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the Engine.IO codec (random input from {@link Fuzz}): whatever arrives as a WebSocket text frame or a
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
    static String text(Fuzz f, boolean wellFormed) {
        while (true) {
            String s = f.bool() ? f.string(30) : f.string("42[]\"{}b=/+ \n\u00e9\ud83d\ude00", 30);
            // lone surrogates have no UTF-8 form: they cannot cross an HTTP body
            if (s.indexOf(PacketCodec.SEPARATOR) < 0 && (!wellFormed
                    || s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)))) {
                return s;
            }
        }
    }

    static EnginePacket packet(Fuzz f, boolean wellFormed) {
        return switch (f.between(0, 2)) {
            case 0 -> EnginePacket.of(f.pick(PacketType.class), text(f, wellFormed));
            case 1 -> EnginePacket.message(text(f, wellFormed));
            default -> EnginePacket.message(f.bytes(40));
        };
    }

    /** One to six packets; with {@code wellFormed}, only text that has a UTF-8 form. */
    static List<EnginePacket> payload(Fuzz f, boolean wellFormed) {
        return f.list(1, 6, () -> packet(f, wellFormed));
    }

    private static final List<String> SOUP = List.of("0", "1", "2", "3", "4", "5", "6", "7", "b", "bAQID", "b=", "AQ",
            "ID", "==", "=", "\u001e", "\n", "\r\n", " ", "\t", "probe", "42[\"a\"]", "*", "-", "_", "+/", "\u00e9",
            "\ud83d", "\u0000");

    static String payloadSoup(Fuzz f) {
        return String.join("", f.list(0, 30, () -> f.pick(SOUP)));
    }

    /** Fragments the mutations of a payload write: soup or any short text. */
    static String mutationFragment(Fuzz f) {
        return f.bool() ? payloadSoup(f) : f.string(3);
    }

    // --- properties ---

    @Test
    void everyPayloadDecodesToItsPackets() {
        Fuzz.forAll(300, f -> payload(f, false),
                packets -> assertSamePackets(packets, PacketCodec.decodePayload(PacketCodec.encodePayload(packets))));
    }

    @Test
    void everyPayloadDecodesToItsPacketsThroughItsUtf8Bytes() {
        Fuzz.forAll(300, f -> payload(f, true), packets -> {
            byte[] body = PacketCodec.encodePayloadBytes(packets);
            assertSamePackets(packets, PacketCodec.decodePayload(new String(body, StandardCharsets.UTF_8)));
        });
    }

    @Test
    void everyTextFrameDecodesToItsPacket() {
        Fuzz.forAll(300, f -> payload(f, false), packets -> {
            for (EnginePacket p : packets) {
                if (!p.isBinary()) {
                    assertSamePackets(List.of(p), List.of(PacketCodec.decode(p.wireText())));
                }
            }
        });
    }

    @Test
    void anyTextIsDecodedOrRefused() {
        Fuzz.forAll(300, f -> f.string(255), text -> {
            decodeOrRefuse(text);
            try {
                PacketCodec.decode(text);
            } catch (EngineParseException e) {
                // refused: fine
            }
        });
    }

    @Test
    void anyBytesReadAsUtf8AreDecodedOrRefused() {
        // what the servlet does with a POST body: invalid UTF-8 becomes U+FFFD, as in Node
        Fuzz.forAll(300, f -> f.bytes(255), body -> decodeOrRefuse(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void payloadShapedSoupIsDecodedOrRefused() {
        Fuzz.forAll(500, PacketCodecPropertiesTest::payloadSoup, PacketCodecPropertiesTest::decodeOrRefuse);
    }

    @Test
    void mutatedPayloadsAreDecodedOrRefused() {
        Fuzz.forAll(500, f -> f.mutate(PacketCodec.encodePayload(payload(f, false)), () -> mutationFragment(f)),
                PacketCodecPropertiesTest::decodeOrRefuse);
    }

    @Test
    void mutatedBytesOfABodyAreDecodedOrRefused() {
        // bytes overwritten, flipped, cut, deleted or repeated: e.g. a UTF-8 sequence cut or made overlong
        Fuzz.forAll(300, f -> f.mutate(PacketCodec.encodePayloadBytes(payload(f, true))),
                body -> decodeOrRefuse(new String(body, StandardCharsets.UTF_8)));
    }

    /** Data, and where its base64 is cut. */
    record Cut(byte[] data, int cut) {
        @Override
        public String toString() {
            return "cut at " + cut + " of base64 of " + Arrays.toString(data);
        }
    }

    @Test
    void truncatedBase64IsRefusedOrDecodesToAPrefix() {
        Fuzz.forAll(300, f -> new Cut(f.bytes(255), f.between(0, 1000)), c -> {
            byte[] data = c.data();
            String b64 = Base64.getEncoder().encodeToString(data);
            int n = b64.isEmpty() ? 0 : c.cut() % (b64.length() + 1);
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
        });
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
