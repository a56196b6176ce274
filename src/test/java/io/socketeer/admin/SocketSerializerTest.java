package io.socketeer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shapes the dashboard reads: JavaScript dates, data without the admin UI's own entry, onAny's arguments. */
class SocketSerializerTest {
    @Test
    void datesAreWrittenAsJavaScriptWritesThem() {
        assertEquals("2026-11-28T09:10:27.000Z", SocketSerializer.date(Instant.parse("2026-11-28T09:10:27Z")));
        assertEquals("2026-11-28T09:10:27.598Z", SocketSerializer.date(Instant.parse("2026-11-28T09:10:27.598123Z")));
        assertEquals("2026-11-28T09:10:27.000Z", SocketSerializer.sameDate("2026-11-28T09:10:27Z"));
        assertEquals("Sat Nov 28 2026", SocketSerializer.sameDate("Sat Nov 28 2026"));
        assertEquals(12L, SocketSerializer.sameDate(12L));
    }

    @Test
    void dataGoesWithoutTheAdminEntry() {
        assertEquals(Map.of("nick", "z"), SocketSerializer.withoutAdmin(Map.of("nick", "z",
                SocketSerializer.ADMIN_KEY, Map.of("clientId", "abc", "transport", "polling"))));
    }

    @Test
    void aSocketFromFetchSocketsAsTheReferenceSerializesIt() {
        Map<String, Object> handshake = new java.util.LinkedHashMap<>();
        handshake.put("headers", Map.of("x-forwarded-for", "10.0.0.7", "user-agent", "node"));
        handshake.put("time", "2026-11-28T09:10:27Z");
        handshake.put("address", "127.0.0.1");
        handshake.put("xdomain", false);
        handshake.put("secure", false);
        handshake.put("issued", 1_795_857_027_000L);
        handshake.put("url", "/socket.io/?EIO=4&transport=polling");
        handshake.put("query", Map.of("EIO", "4"));
        handshake.put("auth", Map.of("token", "secret"));
        io.socketeer.api.RemoteSocket remote = new io.socketeer.api.RemoteSocket() {
            public String id() {
                return "s1";
            }

            public Map<String, Object> handshake() {
                return handshake;
            }

            public java.util.Set<String> rooms() {
                return new java.util.TreeSet<>(java.util.Set.of("s1", "lobby"));
            }

            public Map<String, Object> data() {
                return Map.of("nick", "z", SocketSerializer.ADMIN_KEY, Map.of("clientId", "abcdefabcdef",
                        "transport", "websocket"));
            }

            public void emit(String event, Object... args) {
            }

            public void join(String... rooms) {
            }

            public void leave(String... rooms) {
            }

            public void disconnect(boolean close) {
            }
        };
        Map<String, Object> s = SocketSerializer.serialize(remote, "/chat");
        assertEquals(List.of("id", "clientId", "transport", "nsp", "data", "handshake", "rooms"), List.copyOf(s.keySet()));
        assertEquals("abcdefabcdef", s.get("clientId"));
        assertEquals("websocket", s.get("transport"));
        assertEquals("/chat", s.get("nsp"));
        assertEquals(Map.of("nick", "z"), s.get("data"));
        assertEquals(List.of("lobby", "s1"), s.get("rooms"));
        Map<?, ?> h = (Map<?, ?>) s.get("handshake");
        assertEquals(List.of("address", "headers", "query", "issued", "secure", "time", "url", "xdomain"),
                List.copyOf(h.keySet()), "no auth");
        assertEquals("10.0.0.7", h.get("address"), "x-forwarded-for first, as the reference");
        assertEquals("2026-11-28T09:10:27.000Z", h.get("time"));
    }

    @Test
    void eventArgumentsStartWithTheName() {
        assertEquals(List.of("hello", 1, "two"), SocketSerializer.eventArgs("hello", List.of(1, "two")));
    }
}
