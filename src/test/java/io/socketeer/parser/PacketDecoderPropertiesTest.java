package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.fuzz.Fuzz;
import io.socketeer.fuzz.JsonValues;
import io.socketeer.fuzz.SocketIoInput;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the Socket.IO packet decoder with its binary reassembly (random
 * input from {@link Fuzz}): every
 * packet the encoder writes decodes to itself, attachments included; whatever a client sends (random
 * text, packet-shaped token soup, mutated valid packets, attachments missing, extra or out of place),
 * each message is decoded, awaited or refused with {@link PacketParseException}, nothing else; an
 * announced attachment count is checked against the limit before anything is allocated for it.
 */
class PacketDecoderPropertiesTest {
    private static final int MAX_ATTACHMENTS = 10;
    private static final PacketEncoder ENCODER = new PacketEncoder(null);

    /** A message a client may send: text, or binary when {@code text} is null. */
    record Message(String text, byte[] binary) {
        @Override
        public String toString() {
            return text != null ? "text " + text : "binary of " + binary.length + " bytes";
        }
    }

    /** What happened to one message. */
    enum Outcome { DECODED, AWAITING, REFUSED }

    /** Feeds one message; anything thrown other than the parse exception fails the property. */
    static Outcome feed(PacketDecoder d, Message m) {
        try {
            Packet p = m.text != null ? d.add(m.text) : d.add(m.binary);
            if (p == null) {
                assertTrue(d.isReconstructing(), "null is returned only while attachments are awaited");
                return Outcome.AWAITING;
            }
            assertNotNull(p.type());
            assertNotNull(p.nsp());
            assertFalse(d.isReconstructing());
            return Outcome.DECODED;
        } catch (PacketParseException e) {
            return Outcome.REFUSED;
        }
    }

    /** Feeds messages in order, as a connection does: after a refusal the decoder is dropped, a new one used. */
    static void feedAll(List<Message> messages) {
        PacketDecoder d = new PacketDecoder(MAX_ATTACHMENTS);
        for (Message m : messages) {
            if (feed(d, m) == Outcome.REFUSED) {
                d = new PacketDecoder(MAX_ATTACHMENTS);
            }
        }
    }

    // --- generators ---

    /** The messages carrying {@code p}, as a client sends them. */
    static List<Message> messages(Packet p) {
        List<Message> out = new ArrayList<>();
        for (EnginePacket e : ENCODER.encode(p)) {
            out.add(e.isBinary() ? new Message(null, e.binary()) : new Message(e.text(), null));
        }
        return out;
    }

    /** Up to 12 messages: packet-shaped soup or any text, a few bytes, or one message of a valid packet. */
    static List<Message> messageSequence(Fuzz f) {
        return f.list(0, 12, () -> switch (f.weighted(3, 2, 2)) {
            case 0 -> new Message(f.bool() ? SocketIoInput.packetSoup(f) : f.string(20), null);
            case 1 -> new Message(null, f.bytes(8));
            default -> f.pick(messages(SocketIoInput.packet(f)));
        });
    }

    // --- properties ---

    @Test
    void everyEncodedPacketDecodesToItself() {
        Fuzz.forAll(400, SocketIoInput::packet, packet -> {
            List<Message> messages = messages(packet);
            PacketDecoder d = new PacketDecoder(MAX_ATTACHMENTS + 1000);
            Packet decoded = null;
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                decoded = m.text != null ? d.add(m.text) : d.add(m.binary);
                if (i < messages.size() - 1) {
                    assertNull(decoded, "complete before its last attachment");
                }
            }
            assertNotNull(decoded);
            boolean binary = messages.size() > 1;
            PacketType expected = !binary ? packet.type()
                    : packet.type() == PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
            assertEquals(expected, decoded.type());
            assertEquals(packet.nsp(), decoded.nsp());
            assertEquals(packet.id(), decoded.id());
            JsonValues.assertSame(packet.data(), decoded.data());
        });
    }

    @Test
    void anyTextIsDecodedAwaitedOrRefused() {
        Fuzz.forAll(300, f -> f.string(255), text -> feed(new PacketDecoder(MAX_ATTACHMENTS), new Message(text, null)));
    }

    @Test
    void packetShapedSoupIsDecodedAwaitedOrRefused() {
        Fuzz.forAll(800, SocketIoInput::packetSoup, text -> {
            PacketDecoder d = new PacketDecoder(MAX_ATTACHMENTS);
            if (feed(d, new Message(text, null)) == Outcome.AWAITING) {
                for (int i = 0; i <= MAX_ATTACHMENTS && feed(d, new Message(null, new byte[] {(byte) i})) == Outcome.AWAITING; i++) {
                    // attachments until the packet is complete or refused
                }
                assertFalse(d.isReconstructing());
            }
        });
    }

    /** Fragments the mutations of a packet's text write: JSON pieces and packet-header pieces. */
    static String textMutationFragment(Fuzz f) {
        return f.bool() ? JsonValues.fragment(f) : f.pick("-", "/", ",", "0", "5", "9", "1-", "{\"_placeholder\":true,\"num\":0}");
    }

    @Test
    void mutatedPacketsAreDecodedAwaitedOrRefused() {
        // the packet's first message mutated, then up to two attachments more or fewer than it announces
        Fuzz.forAll(500, f -> {
            List<Message> messages = new ArrayList<>(messages(SocketIoInput.packet(f)));
            messages.set(0, new Message(f.mutate(messages.get(0).text, () -> textMutationFragment(f)), null));
            int extraAttachments = f.between(-2, 2);
            for (int i = 0; i < extraAttachments; i++) {
                messages.add(new Message(null, new byte[] {7}));
            }
            for (int i = 0; i < -extraAttachments && messages.size() > 1; i++) {
                messages.remove(messages.size() - 1);
            }
            return messages;
        }, PacketDecoderPropertiesTest::feedAll);
    }

    @Test
    void anySequenceOfMessagesIsDecodedAwaitedOrRefused() {
        Fuzz.forAll(400, PacketDecoderPropertiesTest::messageSequence, PacketDecoderPropertiesTest::feedAll);
    }

    /** An attachment count of 1 to 25 digits after up to 12 zeros, and a limit. */
    record Count(String digits, int maxAttachments) {
    }

    @Test
    void anAnnouncedAttachmentCountOfAnyLengthIsCheckedAgainstTheLimit() {
        Fuzz.forAll(300, f -> new Count("0".repeat(f.between(0, 12)) + f.string("0123456789", 1, 25),
                f.between(0, 10_000_000)), c -> {
            String text = "5" + c.digits() + "-[\"f\",{\"_placeholder\":true,\"num\":0}]";
            PacketDecoder d = new PacketDecoder(c.maxAttachments());
            BigInteger n = new BigInteger(c.digits());
            if (n.compareTo(BigInteger.valueOf(c.maxAttachments())) > 0) {
                assertThrows(PacketParseException.class, () -> d.add(text), text);
            } else if (n.signum() == 0) {
                assertNotNull(d.add(text), "no attachment: complete at once");
            } else {
                assertNull(d.add(text), text);
                assertTrue(d.isReconstructing());
            }
        });
    }

    /** A binary event announcing {@code attachments} with placeholders numbered {@code nums}. */
    record Placeholders(int attachments, List<Object> nums) {
    }

    @Test
    void placeholdersAreReplacedByTheirAttachmentOrRefused() {
        Fuzz.forAll(300, f -> new Placeholders(f.between(1, 4), f.list(1, 4, () -> placeholderNumber(f))), c -> {
            int attachments = c.attachments();
            List<Object> nums = c.nums();
            List<Object> data = new ArrayList<>();
            data.add("f");
            for (Object num : nums) {
                Map<String, Object> placeholder = new LinkedHashMap<>();
                placeholder.put("_placeholder", true);
                if (num != ABSENT) {
                    placeholder.put("num", num);
                }
                data.add(placeholder);
            }
            String text = "5" + attachments + "-" + Json.write(data, null);
            PacketDecoder d = new PacketDecoder(MAX_ATTACHMENTS);
            assertNull(d.add(text));
            byte[][] bytes = new byte[attachments][];
            for (int i = 0; i < attachments - 1; i++) {
                bytes[i] = new byte[] {(byte) i};
                assertNull(d.add(bytes[i]));
            }
            bytes[attachments - 1] = new byte[] {(byte) (attachments - 1)};
            // as the client wrote them: 0.0 is written 0, and read back as an integer
            List<Object> read = nums.stream().map(n -> n == ABSENT ? n : Json.parse(Json.write(n, null))).toList();
            boolean valid = read.stream().allMatch(n -> n instanceof Integer i && i >= 0 && i < attachments);
            if (!valid) {
                assertThrows(PacketParseException.class, () -> d.add(bytes[attachments - 1]), text);
                return;
            }
            Packet p = d.add(bytes[attachments - 1]);
            for (int i = 0; i < nums.size(); i++) {
                assertSame(bytes[(Integer) read.get(i)], p.eventArgs().get(i));
            }
        });
    }

    private static final Object ABSENT = "<no num>";

    static Object placeholderNumber(Fuzz f) {
        return f.bool() ? f.between(-2, 5) : f.pick(ABSENT, 0.0, 1.5, "0", true, Long.MAX_VALUE, List.of(0));
    }
}
