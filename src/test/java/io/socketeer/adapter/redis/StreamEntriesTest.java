package io.socketeer.adapter.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.ClusterAdapter;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The entries, sessions and offsets of the Redis Streams adapter against what npm
 * {@code @socket.io/redis-streams-adapter} 0.3.1 writes (the base64 values below were encoded by its
 * {@code @msgpack/msgpack}).
 */
class StreamEntriesTest {
    private static final String NODE_SESSION = "hKNzaWSjYWJjo3BpZKJwMaVyb29tc5KjYWJjpWV4dHJhpGRhdGGCoW4BoXOheA==";
    /** {packet: {type: 2, data: ["news", <Buffer 01 02 ff>]}, opts: {rooms: ["r"], except: [], flags: {}}} */
    private static final String NODE_BINARY_BROADCAST =
            "gqZwYWNrZXSCpHR5cGUCpGRhdGGSpG5ld3PEAwEC/6RvcHRzg6Vyb29tc5GhcqZleGNlcHSQpWZsYWdzgA==";

    private static Map<String, Object> message(int type, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("data", data);
        m.put("uid", "u1");
        m.put("nsp", "/chat");
        return m;
    }

    private static Map<String, Object> broadcast(List<Object> args, List<String> rooms, List<String> except,
                                                 Map<String, Object> flags) {
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("type", 2);
        packet.put("data", args);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("rooms", rooms);
        opts.put("except", except);
        opts.put("flags", flags);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("packet", packet);
        data.put("opts", opts);
        return message(ClusterAdapter.BROADCAST, data);
    }

    private static Map<String, String> entry(String type, String data) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("uid", "other");
        e.put("nsp", "/chat");
        e.put("type", type);
        e.put("data", data);
        return e;
    }

    @Test
    void aBroadcastIsAnEntryWithTheReferencesFieldsAndJsonData() {
        Map<String, String> e = StreamEntries.encode(broadcast(List.of("news", 1), List.of("r"), List.of(), Map.of()),
                v -> null);
        assertEquals(List.of("uid", "nsp", "type", "data"), List.copyOf(e.keySet()));
        assertEquals("u1", e.get("uid"));
        assertEquals("/chat", e.get("nsp"));
        assertEquals("3", e.get("type"));
        assertEquals("{\"packet\":{\"type\":2,\"data\":[\"news\",1]},\"opts\":{\"rooms\":[\"r\"],\"except\":[],"
                + "\"flags\":{}}}", e.get("data"));
    }

    @Test
    void dataWithBinaryIsBase64OfMsgpackAndReadsBack() {
        Map<String, Object> m = broadcast(List.of("news", new byte[] {1, 2, (byte) 255}), List.of("r"), List.of(),
                Map.of());
        Map<String, String> e = StreamEntries.encode(m, v -> null);
        assertFalse(e.get("data").startsWith("{"));
        Map<String, Object> back = StreamEntries.decode(e);
        assertEquals(3, back.get("type"));
        Packet p = StreamEntries.missed("1-1", e, "/chat", Set.of("r"));
        assertArrayEquals(new byte[] {1, 2, (byte) 255}, (byte[]) p.list().get(1));
    }

    @Test
    void aBinaryBroadcastWrittenByNodeJsIsRead() {
        Packet p = StreamEntries.missed("1700000000000-3", entry("3", NODE_BINARY_BROADCAST), "/chat",
                Set.of("sid", "r"));
        assertEquals(PacketType.EVENT, p.type());
        assertEquals("/chat", p.nsp());
        assertEquals("news", p.list().get(0));
        assertArrayEquals(new byte[] {1, 2, (byte) 255}, (byte[]) p.list().get(1));
        assertEquals("1700000000000-3", p.list().get(2), "the entry id is the offset, last");
    }

    @Test
    void requestsThatWaitForAnswersGoThroughPubSub() {
        assertFalse(StreamEntries.isEphemeral(broadcast(List.of("e"), List.of(), List.of(), Map.of())));
        Map<String, Object> withAck = broadcast(List.of("e"), List.of(), List.of(), Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) withAck.get("data");
        data.put("requestId", "abc");
        assertTrue(StreamEntries.isEphemeral(withAck));
        assertTrue(StreamEntries.isEphemeral(message(ClusterAdapter.SERVER_SIDE_EMIT, Map.of("packet", List.of("x")))));
        assertTrue(StreamEntries.isEphemeral(message(ClusterAdapter.FETCH_SOCKETS, Map.of())));
        assertFalse(StreamEntries.isEphemeral(message(ClusterAdapter.SOCKETS_JOIN, Map.of())));
        assertFalse(StreamEntries.isEphemeral(message(ClusterAdapter.DISCONNECT_SOCKETS, Map.of())));
    }

    @Test
    void offsetsAreEntryIds() {
        assertTrue(StreamEntries.isOffset("1700000000000-0"));
        assertFalse(StreamEntries.isOffset("1700000000000"));
        assertFalse(StreamEntries.isOffset("lk2f3"));
        assertFalse(StreamEntries.isOffset("1-2-3"));
        assertFalse(StreamEntries.isOffset(null));
        assertEquals("1700000000000-8", StreamEntries.nextOffset("1700000000000-7"));
    }

    @Test
    void aSessionWrittenByNodeJsIsReadAndOursReadsBack() {
        PersistedSession s = StreamEntries.decodeSession(NODE_SESSION);
        assertEquals("abc", s.sid());
        assertEquals("p1", s.pid());
        assertEquals(Set.of("abc", "extra"), s.rooms());
        assertEquals("x", s.data().get("s"));
        assertEquals(1, ((Number) s.data().get("n")).intValue());
        assertEquals(NODE_SESSION, StreamEntries.encodeSession(
                new PersistedSession("abc", "p1", new java.util.LinkedHashSet<>(List.of("abc", "extra")),
                        new LinkedHashMap<>(Map.of("n", 1)) {
                            {
                                put("s", "x");
                            }
                        }, List.of()), v -> null),
                "byte for byte what Node.js writes");
        assertNull(StreamEntries.decodeSession("not base64 !"));
    }

    @Test
    void aRestoredSocketGetsTheBroadcastsForItsRoomsOnly() {
        Set<String> rooms = Set.of("sid1", "a");
        assertTrue(StreamEntries.shouldInclude(rooms, List.of(), List.of()), "to everyone");
        assertTrue(StreamEntries.shouldInclude(rooms, List.of("a", "b"), List.of()), "to one of its rooms");
        assertFalse(StreamEntries.shouldInclude(rooms, List.of("b"), List.of()), "to another room");
        assertFalse(StreamEntries.shouldInclude(rooms, List.of(), List.of("a")), "everyone except a room it is in");
        assertFalse(StreamEntries.shouldInclude(rooms, List.of("a"), List.of("sid1")), "its own id excepted");
        assertTrue(StreamEntries.shouldInclude(rooms, List.of("sid1"), List.of("b")), "to it alone");
    }

    @Test
    void onlyBroadcastsOfItsNamespaceWithoutAcksNorVolatileAreMissed() {
        Set<String> rooms = Set.of("sid1", "a");
        Map<String, String> plain = StreamEntries.encode(broadcast(List.of("news", "x"), List.of("a"), List.of(),
                Map.of()), v -> null);
        Packet p = StreamEntries.missed("5-0", plain, "/chat", rooms);
        assertEquals(List.of("news", "x", "5-0"), p.list());
        assertEquals(Packet.NO_ID, p.id());
        assertNull(StreamEntries.missed("5-0", plain, "/other", rooms), "another namespace");
        assertNull(StreamEntries.missed("5-0", plain, "/chat", Set.of("sid2")), "not in the room");
        Map<String, String> join = StreamEntries.encode(message(ClusterAdapter.SOCKETS_JOIN,
                Map.of("opts", Map.of("rooms", List.of(), "except", List.of(), "flags", Map.of()),
                        "rooms", List.of("z"))), v -> null);
        assertNull(StreamEntries.missed("5-1", join, "/chat", rooms), "not a broadcast");
        Map<String, String> vol = StreamEntries.encode(broadcast(List.of("news"), List.of(), List.of(),
                Map.of("volatile", true)), v -> null);
        assertNull(StreamEntries.missed("5-2", vol, "/chat", rooms), "volatile");
        assertNull(StreamEntries.missed("5-3", entry("3", "{not json"), "/chat", rooms), "malformed");
    }

    @Test
    void aMalformedEntryIsIgnored() {
        assertNull(StreamEntries.decode(entry("three", "{}")));
        assertNull(StreamEntries.decode(entry("3", "%%%")));
    }

    @Test
    void entriesAreAppendedWithAnApproximateMaxLenAsTheReferences() {
        io.lettuce.core.protocol.CommandArgs<String, String> args =
                new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8);
        StreamsRedisAdapter.xaddArgs(10_000).build(args);
        assertEquals("MAXLEN ~ 10000 *", args.toCommandString(), "XADD <stream> MAXLEN ~ 10000 * <fields>");
    }
}
