package io.socketeer.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EnginePacket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketEncoderTest {
    private final PacketEncoder encoder = new PacketEncoder(null);

    /** The one Engine.IO text frame of a packet without binary. */
    private String frame(Packet p) {
        List<EnginePacket> out = encoder.encode(p);
        assertEquals(1, out.size());
        return out.get(0).wireText();
    }

    @Test
    void connect() {
        assertEquals("40", frame(Packet.connect("/", null)));
        assertEquals("40{\"sid\":\"abc\"}", frame(Packet.connect("/", Map.of("sid", "abc"))));
        assertEquals("40/admin,{\"token\":\"x\"}", frame(Packet.connect("/admin", Map.of("token", "x"))));
        assertEquals("40/admin,", frame(Packet.connect("/admin", null)));
    }

    @Test
    void disconnect() {
        assertEquals("41", frame(Packet.disconnect("/")));
        assertEquals("41/admin,", frame(Packet.disconnect("/admin")));
    }

    @Test
    void event() {
        assertEquals("42[\"chat\",\"hi\"]", frame(Packet.event("/", "chat", List.of("hi"))));
        assertEquals("42[\"ping\"]", frame(Packet.event("/", "ping", List.of())));
        assertEquals("42/admin,[\"a\",1,null]", frame(Packet.event("/admin", "a", Arrays.asList(1, null))));
    }

    @Test
    void eventWithAckId() {
        assertEquals("4212[\"q\",1]", frame(Packet.eventWithAck("/", "q", List.of(1), 12)));
        assertEquals("420[\"q\"]", frame(Packet.eventWithAck("/", "q", List.of(), 0)));
        assertEquals("42/admin,7[\"q\"]", frame(Packet.eventWithAck("/admin", "q", List.of(), 7)));
    }

    @Test
    void ack() {
        assertEquals("4312[\"ok\"]", frame(Packet.ack("/", 12, List.of("ok"))));
        assertEquals("43/admin,12[\"ok\"]", frame(Packet.ack("/admin", 12, List.of("ok"))));
        assertEquals("435[]", frame(Packet.ack("/", 5, List.of())));
    }

    @Test
    void connectError() {
        assertEquals("44{\"message\":\"Invalid namespace\"}",
                frame(Packet.connectError("/", Map.of("message", "Invalid namespace"))));
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("message", "no");
        err.put("data", Map.of("code", 1));
        assertEquals("44/nope,{\"message\":\"no\",\"data\":{\"code\":1}}", frame(Packet.connectError("/nope", err)));
        assertEquals("44\"bad\"", frame(Packet.connectError("/", "bad")));
    }

    @Test
    void textFrameWithoutEngineDigit() {
        assertEquals("2[\"chat\",\"hi\"]", encoder.encodeToString(Packet.event("/", "chat", List.of("hi"))));
    }

    @Test
    void binaryEventWithPlaceholdersAndAttachmentsInOrder() {
        byte[] a = {1, 2, 3};
        byte[] b = {4};
        ByteBuffer c = ByteBuffer.wrap(new byte[] {0, 5, 6});
        c.position(1);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("first", a);
        nested.put("list", List.of("x", c, Map.of("deep", b)));
        List<EnginePacket> out = encoder.encode(Packet.event("/", "file", List.of(nested, "tail")));
        assertEquals(4, out.size());
        assertEquals("453-[\"file\",{\"first\":{\"_placeholder\":true,\"num\":0},\"list\":[\"x\","
                + "{\"_placeholder\":true,\"num\":1},{\"deep\":{\"_placeholder\":true,\"num\":2}}]},\"tail\"]",
                out.get(0).wireText());
        assertTrue(out.get(1).isBinary());
        assertArrayEquals(a, out.get(1).binary());
        assertArrayEquals(new byte[] {5, 6}, out.get(2).binary());
        assertArrayEquals(b, out.get(3).binary());
        assertEquals(1, c.position(), "the buffer's position is untouched");
    }

    @Test
    void binaryEventInNamespaceWithAckId() {
        List<EnginePacket> out = encoder.encode(
                Packet.eventWithAck("/admin", "up", List.of(new byte[] {9}), 4));
        assertEquals("451-/admin,4[\"up\",{\"_placeholder\":true,\"num\":0}]", out.get(0).wireText());
        assertArrayEquals(new byte[] {9}, out.get(1).binary());
    }

    @Test
    void binaryAck() {
        List<EnginePacket> out = encoder.encode(Packet.ack("/", 3, List.of(ByteBuffer.wrap(new byte[] {1, 2}), "x")));
        assertEquals(2, out.size());
        assertEquals("461-3[{\"_placeholder\":true,\"num\":0},\"x\"]", out.get(0).wireText());
        assertArrayEquals(new byte[] {1, 2}, out.get(1).binary());
        List<EnginePacket> ns = encoder.encode(Packet.ack("/admin", 3, List.of(new byte[0])));
        assertEquals("461-/admin,3[{\"_placeholder\":true,\"num\":0}]", ns.get(0).wireText());
        assertEquals(0, ns.get(1).binary().length);
    }

    @Test
    void binaryTypeWithoutBinaryDataCountsZero() {
        assertEquals("450-[\"a\"]", frame(new Packet(PacketType.BINARY_EVENT, "/", Packet.NO_ID, List.of("a"))));
        assertEquals("460-/x,1[]", frame(new Packet(PacketType.BINARY_ACK, "/x", 1, List.of())));
    }

    @Test
    void sameBinaryTwiceIsTwoAttachments() {
        byte[] a = {1};
        List<EnginePacket> out = encoder.encode(Packet.event("/", "e", List.of(a, a)));
        assertEquals("452-[\"e\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                out.get(0).wireText());
        assertEquals(3, out.size());
    }

    @Test
    void binaryInObjectArrays() {
        List<EnginePacket> out = encoder.encode(Packet.event("/", "e", List.of((Object) new Object[] {new byte[] {1}})));
        assertEquals("451-[\"e\",[{\"_placeholder\":true,\"num\":0}]]", out.get(0).wireText());
    }

    @Test
    void binaryInConnectIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(Packet.connect("/", Map.of("b", new byte[] {1}))));
    }

    @Test
    void fallbackWritesOtherObjects() {
        record Msg(String text) { }
        PacketEncoder withFallback = new PacketEncoder(o -> "{\"text\":\"" + ((Msg) o).text() + "\"}");
        assertEquals("42[\"m\",{\"text\":\"hi\"}]",
                withFallback.encode(Packet.event("/", "m", List.of(new Msg("hi")))).get(0).wireText());
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(Packet.event("/", "m", List.of(new Msg("x")))));
    }

    @Test
    void roundTripThroughDecoder() {
        PacketDecoder decoder = new PacketDecoder(10);
        List<Packet> packets = List.of(
                Packet.connect("/", null),
                Packet.connect("/admin", Map.of("token", "x")),
                Packet.disconnect("/admin"),
                Packet.event("/", "chat", List.of("hi", 1, true)),
                Packet.eventWithAck("/a", "q", List.of(Map.of("k", List.of(1.5))), 99),
                Packet.ack("/", 1, List.of("ok")),
                Packet.connectError("/b", Map.of("message", "m")));
        for (Packet p : packets) {
            EnginePacket f = encoder.encode(p).get(0);
            Packet back = decoder.add(f.text());
            assertEquals(p.type(), back.type(), f.wireText());
            assertEquals(p.nsp(), back.nsp(), f.wireText());
            assertEquals(p.id(), back.id(), f.wireText());
            assertEquals(String.valueOf(p.data()), String.valueOf(back.data()), f.wireText());
        }
    }

    @Test
    void binaryRoundTripThroughDecoder() {
        byte[] a = {1, 2};
        byte[] b = {3};
        List<EnginePacket> out = encoder.encode(Packet.eventWithAck("/", "f", List.of(Map.of("x", a), List.of(b)), 5));
        PacketDecoder decoder = new PacketDecoder(10);
        assertEquals(null, decoder.add(out.get(0).text()));
        assertTrue(decoder.isReconstructing());
        assertEquals(null, decoder.add(out.get(1).binary()));
        Packet p = decoder.add(out.get(2).binary());
        assertFalse(decoder.isReconstructing());
        assertSame(PacketType.BINARY_EVENT, p.type());
        assertEquals(5, p.id());
        assertEquals("f", p.eventName());
        assertArrayEquals(a, (byte[]) ((Map<?, ?>) p.eventArgs().get(0)).get("x"));
        assertArrayEquals(b, (byte[]) ((List<?>) p.eventArgs().get(1)).get(0));
    }

    @Test
    void reservedEventNames() {
        assertEquals(java.util.Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
                "removeListener"), Packet.RESERVED_EVENTS);
    }

    @Test
    void binaryDetection() {
        assertTrue(Binary.hasBinary(List.of(1, Map.of("a", new Object[] {ByteBuffer.allocate(1)}))));
        assertTrue(Binary.isBinary(new byte[0]));
        assertFalse(Binary.hasBinary(List.of(1, Map.of("a", "b"))));
        assertFalse(Binary.hasBinary(null));
    }
}
