package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URL;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end with the official Node.js client (socket.io-client 4.8.1): each test runs one scenario
 * of {@code src/test/node/scenarios.js} against the conformance deployment and asserts on the JSON
 * it prints. Most scenarios run over WebSocket only, long-polling only, and polling upgraded to
 * WebSocket.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeClientIT {
    /** A socket id or an Engine.IO session id. */
    private static final String ID = "[A-Za-z0-9_-]{20}";
    private static final byte[] SMALL = {0, 1, 2, (byte) 253, (byte) 254, (byte) 255};
    private static final byte[] BIG = pattern(100_000);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance();
    }

    @ArquillianResource
    URL base;

    /** Runs the test once per transport setting: WebSocket only, polling only, polling then upgrade. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
    @interface AllTransports {
    }

    // --- connecting

    @AllTransports
    void connectsToTheMainNamespaceWithAuth(String transports) throws Exception {
        JsonObject r = scenario("connect-root", transports);
        assertAll(
                () -> assertTrue(r.getBoolean("connected"), r::toString),
                () -> assertTrue(r.getString("id").matches(ID), r::toString),
                () -> assertTrue(r.getString("engineId").matches(ID), r::toString),
                () -> assertNotEquals(r.getString("engineId"), r.getString("id"), "socket id is not the engine id"),
                () -> assertTransport(transports, r.getString("transport")),
                () -> assertEquals(json("""
                        {"token": "abc", "user": {"name": "Zoë", "roles": ["a", "b"]}, "n": 42, "ok": true}"""),
                        r.get("auth")));
    }

    @AllTransports
    void connectsToACustomNamespaceWithAuth(String transports) throws Exception {
        JsonObject r = scenario("connect-custom", transports);
        assertAll(
                () -> assertTrue(r.getBoolean("connected"), r::toString),
                () -> assertEquals("/custom", r.getString("nsp")),
                () -> assertTrue(r.getString("id").matches(ID), r::toString),
                () -> assertNotEquals(r.getString("engineId"), r.getString("id"), "socket id is not the engine id"),
                () -> assertTransport(transports, r.getString("transport")),
                () -> assertEquals(json("""
                        {"token": "custom-token", "list": [1, 2, 3]}"""), r.get("auth")));
    }

    @AllTransports
    void unknownNamespaceIsRefusedAndTheConnectionStaysUsable(String transports) throws Exception {
        JsonObject r = scenario("invalid-namespace", transports);
        JsonObject before = r.getJsonObject("before");
        JsonObject after = r.getJsonObject("after");
        assertAll(
                () -> assertEquals(json("""
                        {"message": "Invalid namespace", "data": {"$undefined": true}}"""), r.get("error")),
                () -> assertEquals(json("""
                        {"connected": false, "sameManager": true}"""), r.get("bad")),
                () -> assertTrue(after.getBoolean("connected"), r::toString),
                () -> assertEquals(before.getString("id"), after.getString("id")),
                () -> assertEquals(before.getString("engineId"), after.getString("engineId")),
                () -> assertEquals(json("[\"still there\"]"), r.get("ack")));
    }

    @AllTransports
    void middlewareRefusesWithoutTokenAndRunsInOrder(String transports) throws Exception {
        JsonObject r = scenario("middleware", transports);
        assertAll(
                () -> assertEquals(json("""
                        {"message": "not authorized", "data": {"code": 401, "hint": "send auth.token"},
                         "connected": false}"""), r.get("refused")),
                () -> assertEquals(json("""
                        {"connected": true, "welcome": ["admin", ["first", "guard"]]}"""), r.get("accepted")));
    }

    // --- events and acks

    @AllTransports
    void eventsGoBothWaysWithTheSameArguments(String transports) throws Exception {
        JsonObject r = scenario("events", transports);
        assertEquals(eventArgs(), r.get("back"));
    }

    @AllTransports
    void serverAcksClientEvents(String transports) throws Exception {
        JsonObject r = scenario("acks", transports);
        assertAll(
                () -> assertEquals(json("{\"x\": [1, 2], \"y\": \"z\"}"), r.get("emitWithAck")),
                () -> assertEquals(eventArgs(), r.get("callback")),
                () -> assertEquals(JsonValue.EMPTY_JSON_ARRAY, r.get("none")));
    }

    @AllTransports
    void clientAcksServerEvents(String transports) throws Exception {
        JsonObject r = scenario("server-ask", transports);
        assertAll(
                () -> assertEquals(json("""
                        [{"payload": {"q": "why?", "n": [1, 2]}, "hasCallback": true}]"""), r.get("questions")),
                () -> assertEquals(json("""
                        ["answered", ["answer", {"q": "why?", "n": [1, 2]}, 42]]"""), r.get("result")));
    }

    @AllTransports
    void serverAckTimesOutWhenTheClientDoesNotAnswer(String transports) throws Exception {
        JsonObject r = scenario("server-ask-timeout", transports);
        int elapsed = r.getInt("elapsedMs");
        assertAll(
                () -> assertEquals(json("""
                        [{"payload": "no answer please", "hasCallback": true}]"""), r.get("questions")),
                () -> assertEquals(json("[\"timeout\", \"operation has timed out\"]"), r.get("result")),
                () -> assertTrue(elapsed >= 290 && elapsed < 3000, "timeout of 300 ms took " + elapsed + " ms"),
                // the late answer was ignored and the session goes on
                () -> assertEquals(json("[\"after timeout\"]"), r.get("after")),
                () -> assertTrue(r.getBoolean("connected"), r::toString));
    }

    @AllTransports
    void binaryStaysBinaryBothWaysInEventsAndAcks(String transports) throws Exception {
        JsonObject r = scenario("binary", transports);
        String small = bin(SMALL);
        String big = bin(BIG);
        assertAll(
                () -> assertEquals(json("""
                        [%1$s, {"file": {"name": "a.bin", "data": %1$s}, "list": [%1$s, "x", {"deep": [%1$s]}]},
                         [%3$s, %2$s], "text"]""".formatted(small, big, bin(new byte[0]))), r.get("event")),
                () -> assertEquals(json("[{\"b\": %s}, %s]".formatted(big, small)), r.get("ack")),
                () -> assertEquals(json("[{\"bin\": %s, \"text\": \"t\"}]".formatted(small)), r.get("questions")),
                () -> assertEquals(json("[\"answered\", [%s, {\"echo\": %s}]]".formatted(bin(new byte[] {9, 8, 7}), small)),
                        r.get("serverAck")));
    }

    // --- rooms

    @AllTransports
    void roomsReachTheirMembers(String transports) throws Exception {
        JsonObject r = scenario("rooms", transports);
        String room = r.getString("room");
        JsonObject ids = r.getJsonObject("ids");
        String a = ids.getString("a");
        String b = ids.getString("b");
        JsonValue first = json("[\"%s\", {\"n\": 1}, \"io\"]".formatted(room));
        JsonValue firstBySocket = json("[\"%s\", {\"n\": 1}, \"socket\"]".formatted(room));
        JsonValue second = json("[\"%s\", {\"n\": 2}, \"io\"]".formatted(room));
        assertAll(
                () -> assertEquals(3, Stream.of(a, b, ids.getString("c")).distinct().count(), ids::toString),
                () -> assertEquals(sorted(a, room), sorted(r.getJsonArray("joinA"))),
                () -> assertEquals(sorted(b, room), sorted(r.getJsonArray("joinB"))),
                () -> assertEquals(json("[\"sent\"]"), r.get("sent1")),
                // io.to(room) reaches a and b; socket.to(room) from a reaches only b; c is not in the room
                () -> assertEquals(array(first), r.getJsonObject("first").get("a")),
                () -> assertEquals(array(first, firstBySocket), r.getJsonObject("first").get("b")),
                () -> assertEquals(JsonValue.EMPTY_JSON_ARRAY, r.getJsonObject("first").get("c")),
                // b left
                () -> assertEquals(List.of(b), sorted(r.getJsonArray("leaveB"))),
                () -> assertEquals(json("[\"sent\"]"), r.get("sent2")),
                () -> assertEquals(array(second), r.getJsonObject("second").get("a")),
                () -> assertEquals(JsonValue.EMPTY_JSON_ARRAY, r.getJsonObject("second").get("b")),
                () -> assertEquals(JsonValue.EMPTY_JSON_ARRAY, r.getJsonObject("second").get("c")));
    }

    // --- transports

    /**
     * Polling upgraded to WebSocket in the middle of a 2000-event stream from the server and a
     * 1000-event stream from the client: every event arrives once, in order.
     */
    @RepeatedTest(3)
    @Order(Integer.MAX_VALUE) // last: the heaviest traffic, on a server the other tests have warmed up
    void upgradeLosesNothing() throws Exception {
        JsonObject r = scenario("upgrade", "polling,websocket");
        String diagnosis = "disconnect: " + r.get("disconnectReason") + ", server side: " + r.get("serverReasons")
                + ", engine events: " + r.get("engineEvents") + ", upgraded at: " + r.get("upgradedAt")
                + ", seq received: " + r.getJsonArray("seq").size() + ", collect-end: "
                + (r.get("collectEnd") instanceof JsonArray a && !a.isEmpty() ? a.get(a.size() - 1) : r.get("collectEnd"));
        assertEquals(JsonValue.NULL, r.get("disconnectReason"), diagnosis);
        assertEquals(JsonValue.ValueType.OBJECT, r.get("upgradedAt").getValueType(), diagnosis);
        assertEquals(JsonValue.ValueType.ARRAY, r.get("collectEnd").getValueType(), diagnosis);
        JsonObject upgradedAt = r.getJsonObject("upgradedAt");
        JsonObject seqTransports = r.getJsonObject("seqTransports");
        JsonObject collectTransports = r.getJsonObject("collectTransports");
        JsonArray collectEnd = r.getJsonArray("collectEnd");
        assertAll(
                () -> assertEquals("polling", r.getString("transportAtConnect")),
                () -> assertEquals("websocket", upgradedAt.getString("transport")),
                () -> assertEquals("websocket", r.getString("finalTransport")),
                () -> assertEquals(json("[\"started\"]"), r.get("streamAck")),
                () -> assertSequence(2000, r.getJsonArray("seq"), "seq received by the client"),
                () -> assertEquals(2000, r.getInt("seqEnd")),
                () -> assertSequence(1000, collectEnd.getJsonArray(0), "collect received by the server"),
                () -> assertEquals("websocket", collectEnd.getString(1), "server-side transport at the end"),
                // the upgrade really happened in the middle of both streams
                () -> assertTrue(upgradedAt.getInt("seqReceived") >= 100 && upgradedAt.getInt("seqReceived") < 2000,
                        upgradedAt::toString),
                () -> assertTrue(upgradedAt.getInt("collectSent") >= 100 && upgradedAt.getInt("collectSent") < 1000,
                        upgradedAt::toString),
                () -> assertTrue(seqTransports.getInt("polling") >= 100 && seqTransports.getInt("websocket") > 0,
                        seqTransports::toString),
                () -> assertTrue(collectTransports.getInt("polling") >= 100 && collectTransports.getInt("websocket") > 0,
                        collectTransports::toString));
    }

    @AllTransports
    void heartbeatKeepsTheConnectionOpen(String transports) throws Exception {
        JsonObject r = scenario("heartbeat", transports);
        JsonObject before = r.getJsonObject("before");
        JsonObject after = r.getJsonObject("after");
        assertAll(
                () -> assertTrue(r.getBoolean("stillConnected"), r::toString),
                () -> assertEquals(JsonValue.NULL, r.get("disconnectReason")),
                // 2 s at pingInterval 300 ms: about 6 pings
                () -> assertTrue(r.getInt("pings") >= 4, r::toString),
                () -> assertEquals(before.getString("id"), after.getString("id")),
                () -> assertEquals(before.getString("engineId"), after.getString("engineId")),
                () -> assertEquals(json("[\"alive\"]"), r.get("ack")));
    }

    // --- disconnects

    @AllTransports
    void serverDisconnectsTheSocket(String transports) throws Exception {
        assertServerDisconnect(scenario("server-disconnect", transports));
    }

    @AllTransports
    void serverDisconnectsTheSocketAndClosesTheConnection(String transports) throws Exception {
        assertServerDisconnect(scenario("server-disconnect-close", transports));
    }

    private static void assertServerDisconnect(JsonObject r) {
        assertAll(
                () -> assertEquals("io server disconnect", r.getString("clientReason")),
                // what the server sent just before the DISCONNECT arrived first
                () -> assertEquals(json("[[\"bye\"]]"), r.get("receivedBefore")),
                () -> assertEquals(json("[\"server namespace disconnect\"]"), r.get("serverReasons")));
    }

    /**
     * The server disconnects a socket (closing its connection) while the client upgrades, between
     * pausing polling and the upgrade packet: what the server buffered still arrives, over the
     * WebSocket, then the DISCONNECT.
     */
    @Test
    void serverDisconnectDuringAnUpgradeLosesNothing() throws Exception {
        JsonObject r = scenario("close-during-upgrade", "polling,websocket");
        assertAll(
                () -> assertTrue(r.getBoolean("found"), r::toString),
                () -> assertEquals(json("{\"connected\": true, \"received\": 0}"), r.get("beforeRelease")),
                () -> assertEquals("io server disconnect", r.getString("clientReason")),
                () -> assertEquals(json("[{\"event\": \"bye\", \"transport\": \"websocket\"}]"), r.get("received")),
                () -> assertEquals(json("[\"server namespace disconnect\"]"), r.get("serverReasons")));
    }

    @AllTransports
    void clientDisconnectIsSeenByTheServer(String transports) throws Exception {
        JsonObject r = scenario("client-disconnect", transports);
        assertAll(
                () -> assertEquals("io client disconnect", r.getString("clientReason")),
                () -> assertEquals(json("[\"client namespace disconnect\"]"), r.get("serverReasons")));
    }

    // --- handlers

    @AllTransports
    void throwingHandlerDoesNotEndTheSession(String transports) throws Exception {
        JsonObject r = scenario("throw", transports);
        JsonObject before = r.getJsonObject("before");
        JsonObject after = r.getJsonObject("after");
        assertAll(
                () -> assertEquals(json("[\"after throw\"]"), r.get("ack")),
                () -> assertEquals(JsonValue.NULL, r.get("disconnectReason")),
                () -> assertTrue(after.getBoolean("connected"), r::toString),
                () -> assertEquals(before.getString("id"), after.getString("id")),
                () -> assertEquals(before.getString("engineId"), after.getString("engineId")));
    }

    @AllTransports
    void asyncObserverAcks(String transports) throws Exception {
        JsonObject r = scenario("async-echo", transports);
        JsonArray ack = r.getJsonArray("ack");
        assertAll(
                () -> assertEquals(3, ack.size(), ack::toString),
                () -> assertEquals("async", ack.getString(0)),
                () -> assertEquals(JsonValue.ValueType.STRING, ack.get(1).getValueType(), "thread name"),
                () -> assertEquals(json("{\"x\": \"y\", \"n\": [1, 2]}"), ack.get(2)));
    }

    // --- helpers

    /** Runs a scenario and parses the one JSON line it prints. */
    private JsonObject scenario(String name, String transports) throws Exception {
        Endpoints endpoints = Endpoints.of(base);
        String out = NodeClients.run("scenarios.js", 60, name, endpoints.origin(), endpoints.path(), transports);
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), () -> "one JSON line expected from " + name + ", got: " + out);
        return Json.createReader(new StringReader(lines.get(0))).readObject();
    }

    /** The arguments the events and acks scenarios send ({@code EVENT_ARGS} in scenarios.js). */
    private static JsonArray eventArgs() {
        return Json.createArrayBuilder(json("""
                ["hello", "", 0, 42, -7, 3.5, -0.25, 9007199254740991, 1e21, 1.5e-7, null, true, false,
                 {"a": 1, "nested": {"b": [1, "two", {"c": null}], "empty": {}, "list": []}, "flag": false},
                 [1, [2, [3, [4]]]]]""").asJsonArray())
                .add("héllo wörld ✓ 日本語 😀")
                .add("quote \" backslash \\ slash / newline \n tab \t nul \0 ls \u2028 end")
                .build();
    }

    private static void assertTransport(String transports, String actual) {
        if (transports.contains(",")) {
            assertTrue(List.of(transports.split(",")).contains(actual), actual);
        } else {
            assertEquals(transports, actual);
        }
    }

    /** Asserts that {@code actual} is exactly 0, 1, ..., n-1, reporting the first difference. */
    private static void assertSequence(int n, JsonArray actual, String what) {
        for (int i = 0; i < Math.min(n, actual.size()); i++) {
            if (actual.getInt(i) != i) {
                throw new AssertionError(what + ": expected " + i + " at index " + i + ", got " + actual.get(i)
                        + " (around: " + actual.subList(Math.max(0, i - 3), Math.min(actual.size(), i + 4)) + ")");
            }
        }
        assertEquals(n, actual.size(), what + ": count");
    }

    /** A binary value as scenarios.js describes it. */
    private static String bin(byte[] bytes) {
        return Json.createObjectBuilder()
                .add("$binary", Base64.getEncoder().encodeToString(bytes))
                .add("type", "Buffer")
                .build().toString();
    }

    /** The bytes of {@code pattern(length)} in scenarios.js: b[i] = (31 i + 7) mod 256. */
    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (31 * i + 7);
        }
        return b;
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static JsonArray array(JsonValue... values) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (JsonValue v : values) {
            b.add(v);
        }
        return b.build();
    }

    /** The strings of a JSON array, sorted (room lists come in no particular order). */
    private static List<String> sorted(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).sorted().toList();
    }

    private static List<String> sorted(String... values) {
        return Stream.of(values).sorted().toList();
    }
}
