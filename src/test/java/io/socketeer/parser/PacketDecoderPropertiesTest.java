package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.fuzz.JsonValues;
import io.socketeer.fuzz.Mutation;
import io.socketeer.fuzz.SocketIoInput;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based tests of the Socket.IO packet decoder with its binary reassembly (jqwik): every
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

    @Provide
    static Arbitrary<Packet> packets() {
        return SocketIoInput.packets();
    }

    @Provide
    static Arbitrary<String> packetSoup() {
        return SocketIoInput.packetSoup();
    }

    /** The messages carrying {@code p}, as a client sends them. */
    static List<Message> messages(Packet p) {
        List<Message> out = new ArrayList<>();
        for (EnginePacket e : ENCODER.encode(p)) {
            out.add(e.isBinary() ? new Message(null, e.binary()) : new Message(e.text(), null));
        }
        return out;
    }

    @Provide
    static Arbitrary<List<Message>> messageSequences() {
        Arbitrary<Message> text = Arbitraries.oneOf(packetSoup(), Arbitraries.strings().ofMaxLength(20))
                .map(t -> new Message(t, null));
        Arbitrary<Message> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> new Message(null, b));
        Arbitrary<Message> packet = packets().map(PacketDecoderPropertiesTest::messages)
                .flatMap(l -> Arbitraries.of(l));
        return Arbitraries.frequencyOf(Tuple.of(3, text), Tuple.of(2, binary), Tuple.of(2, packet))
                .list().ofMaxSize(12);
    }

    // --- properties ---

    @Property(tries = 400)
    void everyEncodedPacketDecodesToItself(@ForAll("packets") Packet packet) {
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
    }

    @Property(tries = 300)
    void anyTextIsDecodedAwaitedOrRefused(@ForAll String text) {
        feed(new PacketDecoder(MAX_ATTACHMENTS), new Message(text, null));
    }

    @Property(tries = 800)
    void packetShapedSoupIsDecodedAwaitedOrRefused(@ForAll("packetSoup") String text) {
        PacketDecoder d = new PacketDecoder(MAX_ATTACHMENTS);
        if (feed(d, new Message(text, null)) == Outcome.AWAITING) {
            for (int i = 0; i <= MAX_ATTACHMENTS && feed(d, new Message(null, new byte[] {(byte) i})) == Outcome.AWAITING; i++) {
                // attachments until the packet is complete or refused
            }
            assertFalse(d.isReconstructing());
        }
    }

    @Property(tries = 500)
    void mutatedPacketsAreDecodedAwaitedOrRefused(@ForAll("packets") Packet packet,
                                                  @ForAll("textMutations") List<Mutation> mutations,
                                                  @ForAll @IntRange(min = -2, max = 2) int extraAttachments) {
        List<Message> messages = new ArrayList<>(messages(packet));
        messages.set(0, new Message(Mutation.applyAll(mutations, messages.get(0).text), null));
        for (int i = 0; i < extraAttachments; i++) {
            messages.add(new Message(null, new byte[] {7}));
        }
        for (int i = 0; i < -extraAttachments && messages.size() > 1; i++) {
            messages.remove(messages.size() - 1);
        }
        feedAll(messages);
    }

    @Provide
    static Arbitrary<List<Mutation>> textMutations() {
        return Mutation.several(Arbitraries.oneOf(JsonValues.fragments(),
                Arbitraries.of("-", "/", ",", "0", "5", "9", "1-", "{\"_placeholder\":true,\"num\":0}")));
    }

    @Property(tries = 400)
    void anySequenceOfMessagesIsDecodedAwaitedOrRefused(@ForAll("messageSequences") List<Message> messages) {
        feedAll(messages);
    }

    @Property(tries = 300)
    void anAnnouncedAttachmentCountOfAnyLengthIsCheckedAgainstTheLimit(
            @ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 9) Integer> digits,
            @ForAll @IntRange(min = 0, max = 12) int leadingZeros,
            @ForAll @IntRange(min = 0, max = 10_000_000) int maxAttachments) {
        StringBuilder count = new StringBuilder("0".repeat(leadingZeros));
        digits.forEach(count::append);
        String text = "5" + count + "-[\"f\",{\"_placeholder\":true,\"num\":0}]";
        PacketDecoder d = new PacketDecoder(maxAttachments);
        BigInteger n = new BigInteger(count.toString());
        if (n.compareTo(BigInteger.valueOf(maxAttachments)) > 0) {
            assertThrows(PacketParseException.class, () -> d.add(text), text);
        } else if (n.signum() == 0) {
            assertNotNull(d.add(text), "no attachment: complete at once");
        } else {
            assertNull(d.add(text), text);
            assertTrue(d.isReconstructing());
        }
    }

    @Property(tries = 300)
    void placeholdersAreReplacedByTheirAttachmentOrRefused(
            @ForAll @IntRange(min = 1, max = 4) int attachments,
            @ForAll("placeholderNumbers") List<Object> nums) {
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
    }

    private static final Object ABSENT = "<no num>";

    @Provide
    static Arbitrary<List<Object>> placeholderNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 5).map(i -> (Object) i),
                Arbitraries.of(ABSENT, 0.0, 1.5, "0", true, Long.MAX_VALUE, List.of(0)))
                .list().ofMinSize(1).ofMaxSize(4);
    }
}
