package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.admin.AdminUi;
import io.socketeer.admin.AdminUiOptions;
import io.socketeer.parser.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin UI's wire behaviour on a server without a container: what the dashboard's namespace
 * answers and sends, frame by frame (AdminUiIT drives it in a container with the dashboard's own client).
 */
class AdminUiTest extends ServerFixture {
    /** bcryptjs.hashSync("s3cret", "$2b$04$J9FW66ZdPI2nrIMcOxFYI.") */
    static final String HASH = "$2b$04$J9FW66ZdPI2nrIMcOxFYI.RyPm7wiGgReb8miM3JyMJ55eIbOlbSq";

    /** The next text frame that starts with {@code prefix}, skipping others; fails after 5 s. */
    static String await(TestClient c, String prefix) {
        long end = System.currentTimeMillis() + 5000;
        List<String> skipped = new ArrayList<>();
        while (System.currentTimeMillis() < end) {
            Object f = c.conn.nextFrame(200);
            if (f instanceof String s) {
                if (s.startsWith(prefix)) {
                    return s;
                }
                skipped.add(s);
            }
        }
        throw new AssertionError("no frame starting with " + prefix + " within 5 s; skipped " + skipped);
    }

    static List<?> args(String frame, String prefix) {
        return (List<?>) Json.parse(frame.substring(prefix.indexOf('[') < 0 ? prefix.length() : prefix.indexOf('[')));
    }

    private AdminUi instrument(String username, String hash, String mode, boolean readonly) {
        return AdminUi.instrument(io, new AdminUiOptions("/admin", username, hash, mode, readonly, "node-1"), scheduler);
    }

    @Test
    void wrongPasswordIsRefusedAndARightOneGetsSessionConfigAndSockets() {
        instrument("admin", HASH, "development", false);
        TestClient other = client();
        String otherId = other.connect();
        io.sockets().sockets().get(otherId).join("lobby");

        TestClient wrong = client();
        wrong.send("40/admin,{\"username\":\"admin\",\"password\":\"nope\"}");
        assertEquals("44/admin,{\"message\":\"invalid credentials\"}", await(wrong, "44/admin,"));
        TestClient noUser = client();
        noUser.send("40/admin,{\"username\":\"root\",\"password\":\"s3cret\"}");
        assertEquals("44/admin,{\"message\":\"invalid credentials\"}", await(noUser, "44/admin,"));

        TestClient dash = client();
        dash.send("40/admin,{\"username\":\"admin\",\"password\":\"s3cret\"}");
        await(dash, "40/admin,{\"sid\"");
        String session = (String) args(await(dash, "42/admin,[\"session\""), "42/admin,").get(1);
        assertEquals(16, session.length());
        Map<?, ?> config = (Map<?, ?>) args(await(dash, "42/admin,[\"config\""), "42/admin,").get(1);
        assertEquals(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT",
                "AGGREGATED_EVENTS", "ALL_EVENTS"), config.get("supportedFeatures"));
        List<?> all = (List<?>) args(await(dash, "42/admin,[\"all_sockets\""), "42/admin,").get(1);
        Map<?, ?> mine = all.stream().map(Map.class::cast).filter(m -> otherId.equals(m.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(all.toString()));
        assertEquals("/", mine.get("nsp"));
        assertEquals("websocket", mine.get("transport"));
        assertEquals(other.engineSid.substring(0, 12), mine.get("clientId"));
        assertEquals(Map.of(), mine.get("data"), "data without _admin");
        assertTrue(((List<?>) mine.get("rooms")).containsAll(List.of(otherId, "lobby")), mine.toString());
        assertFalse(((Map<?, ?>) mine.get("handshake")).containsKey("auth"));

        // the session id logs in without the password, a made-up one does not
        TestClient again = client();
        again.send("40/admin,{\"sessionId\":\"" + session + "\"}");
        await(again, "40/admin,{\"sid\"");
        TestClient forged = client();
        forged.send("40/admin,{\"sessionId\":\"0123456789abcdef\"}");
        await(forged, "44/admin,");
    }

    @Test
    void developmentModeReportsSocketsRoomsAndEventsAndRunsTheActions() {
        instrument(null, null, "development", false);
        TestClient dash = client();
        dash.connect("/admin");
        await(dash, "42/admin,[\"all_sockets\"");

        TestClient c = client();
        String id = c.connect();
        // as in the reference, the socket is in its own room before the connection is announced
        assertEquals(List.of("/", id, id), args(await(dash, "42/admin,[\"room_joined\""), "42/admin,").subList(1, 4));
        Map<?, ?> connected = (Map<?, ?>) args(await(dash, "42/admin,[\"socket_connected\""), "42/admin,").get(1);
        assertEquals(id, connected.get("id"));
        c.send("42[\"hello\",1,{\"a\":true}]");
        List<?> received = args(await(dash, "42/admin,[\"event_received\""), "42/admin,");
        assertEquals(List.of("/", id, List.of("hello", 1, Map.of("a", true))), received.subList(1, 4));
        assertTrue(((String) received.get(4)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), received.toString());
        io.sockets().sockets().get(id).emit("news", "x");
        assertEquals(List.of("/", id, List.of("news", "x")),
                args(await(dash, "42/admin,[\"event_sent\""), "42/admin,").subList(1, 4));

        dash.send("42/admin,[\"join\",\"/\",\"vip\",\"" + id + "\"]");
        assertEquals(List.of("/", "vip", id), args(await(dash, "42/admin,[\"room_joined\""), "42/admin,").subList(1, 4));
        assertTrue(io.sockets().sockets().get(id).rooms().contains("vip"));
        dash.send("42/admin,[\"leave\",\"/\",\"vip\",\"" + id + "\"]");
        assertEquals(List.of("/", "vip", id), args(await(dash, "42/admin,[\"room_left\""), "42/admin,").subList(1, 4));
        dash.send("42/admin,[\"emit\",\"/\",\"" + id + "\",\"notice\",\"hi\"]");
        assertEquals("42[\"notice\",\"hi\"]", await(c, "42[\"notice\""));
        dash.send("42/admin,[\"_disconnect\",\"/\",false,\"" + id + "\"]");
        assertEquals("41", await(c, "41"));
        assertEquals(List.of("/", id, "server namespace disconnect"),
                args(await(dash, "42/admin,[\"socket_disconnected\""), "42/admin,").subList(1, 4));
    }

    @Test
    void readonlyRefusesTheActions() {
        instrument(null, null, "development", true);
        TestClient dash = client();
        dash.connect("/admin");
        Map<?, ?> config = (Map<?, ?>) args(await(dash, "42/admin,[\"config\""), "42/admin,").get(1);
        assertEquals(List.of("AGGREGATED_EVENTS", "ALL_EVENTS"), config.get("supportedFeatures"));
        TestClient c = client();
        String id = c.connect();
        dash.send("42/admin,[\"join\",\"/\",\"vip\",\"" + id + "\"]");
        dash.send("42/admin,[\"_disconnect\",\"/\",true,\"" + id + "\"]");
        dash.send("42/admin,[\"emit\",\"/\",\"" + id + "\",\"notice\",\"hi\"]");
        assertTrue(c.conn.silentFor(300), "nothing reaches the client");
        assertFalse(io.sockets().sockets().get(id).rooms().contains("vip"));
        assertTrue(io.sockets().sockets().get(id).connected());
    }

    @Test
    void productionModeSendsStatsAndCountsOnly() {
        instrument(null, null, "production", false);
        TestClient dash = client();
        dash.connect("/admin");
        Map<?, ?> config = (Map<?, ?>) args(await(dash, "42/admin,[\"config\""), "42/admin,").get(1);
        assertEquals(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT",
                "AGGREGATED_EVENTS"), config.get("supportedFeatures"));
        TestClient c = client();
        String id = c.connect();
        c.send("42[\"hello\"]");
        // a stats message made while the client was still connecting counts its engine connection but
        // not yet its socket: take the first one made after the socket joined "/" (within 10 s)
        Map<?, ?> stats;
        long end = System.currentTimeMillis() + 10_000;
        do {
            stats = (Map<?, ?>) args(await(dash, "42/admin,[\"server_stats\""), "42/admin,").get(1);
        } while (!((List<?>) stats.get("namespaces")).contains(Map.of("name", "/", "socketsCount", 1))
                && System.currentTimeMillis() < end);
        assertEquals("node-1", stats.get("serverId"));
        assertEquals(2, ((Number) stats.get("clientsCount")).intValue());
        assertEquals(0, ((Number) stats.get("pollingClientsCount")).intValue());
        assertTrue(((Number) stats.get("uptime")).doubleValue() > 0);
        assertTrue(((List<?>) stats.get("namespaces")).contains(Map.of("name", "/", "socketsCount", 1)), stats.toString());
        List<?> aggregated = (List<?>) stats.get("aggregatedEvents");
        long connections = aggregated.stream().map(Map.class::cast).filter(m -> "rawConnection".equals(m.get("type")))
                .mapToLong(m -> ((Number) m.get("count")).longValue()).sum();
        long packetsIn = aggregated.stream().map(Map.class::cast).filter(m -> "packetsIn".equals(m.get("type")))
                .mapToLong(m -> ((Number) m.get("count")).longValue()).sum();
        assertTrue(connections >= 1 && packetsIn >= 1, aggregated.toString());
        List<String> texts = dash.conn.texts();
        assertTrue(texts.stream().noneMatch(t -> t.contains("socket_connected") || t.contains("event_received")
                || t.contains("all_sockets")), texts.toString());
        assertFalse(io.sockets().sockets().get(id).data().containsKey("_admin"));
    }
}
