package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import io.socketeer.it.client.Values;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The utility methods of broadcast operators, each with {@code to}/{@code in}/{@code except}:
 * {@code fetchSockets} (ids, rooms, data, handshake), the operations of the fetched
 * {@code RemoteSocket}s, {@code socketsJoin}, {@code socketsLeave} and {@code disconnectSockets}
 * without and with closing the connection.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UtilityMethodsIT {
    private static final String NSP = UtilityHandlers.NSP;
    private static final String OTHER = UtilityHandlers.OTHER;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(UtilityHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    private final String tag = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private TestClient connect(ClientSetup setup, Map<String, String> auth) {
        return setup.connect(Endpoints.of(base), NSP, auth);
    }

    private TestClient connect(ClientSetup setup) {
        return connect(setup, Map.of());
    }

    private String room(String name) {
        return name + "-" + tag;
    }

    private static List<String> sorted(String... values) {
        List<String> l = new ArrayList<>(Arrays.asList(values));
        l.sort(null);
        return l;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fetch(TestClient c, Map<String, Object> spec) {
        List<Object> r = c.emitWithAck("fetch", spec);
        assertInstanceOf(List.class, r.get(0), () -> "fetchSockets failed: " + Values.describe(r));
        return (List<Map<String, Object>>) r.get(0);
    }

    private static List<Object> ids(List<Map<String, Object>> sockets) {
        return sockets.stream().map(s -> s.get("id")).toList();
    }

    @EveryClient
    @SuppressWarnings("unchecked")
    void fetchSocketsDescribesTheSelectedSockets(ClientSetup setup) {
        TestClient ann = connect(setup, Map.of("user", "ann"));
        TestClient bob = connect(setup, Map.of("user", "bob", "token", "t0k"));
        TestClient asker = connect(setup);
        String r1 = room("r1");
        String r2 = room("r2");
        ann.emitWithAck("join", List.of(r1));
        bob.emitWithAck("join", List.of(r1, r2));
        ann.emitWithAck("set-data", Map.of("role", "admin", "score", 7, "tags", List.of("x", "y")));
        long now = System.currentTimeMillis();

        List<Map<String, Object>> inR1 = fetch(asker, Map.of("in", List.of(r1)));
        assertEquals(sorted(ann.id(), bob.id()), ids(inR1));
        Map<String, Object> a = inR1.stream().filter(s -> ann.id().equals(s.get("id"))).findFirst().orElseThrow();
        Map<String, Object> b = inR1.stream().filter(s -> bob.id().equals(s.get("id"))).findFirst().orElseThrow();
        assertJsonEquals(sorted(ann.id(), r1), a.get("rooms"));
        assertJsonEquals(sorted(bob.id(), r1, r2), b.get("rooms"));
        assertJsonEquals(Map.of("role", "admin", "score", 7, "tags", List.of("x", "y")), a.get("data"));
        assertJsonEquals(Map.of(), b.get("data"));

        Endpoints endpoints = Endpoints.of(base);
        for (Map<String, Object> s : List.of(a, b)) {
            Map<String, Object> hs = (Map<String, Object>) s.get("handshake");
            String describe = Values.describe(hs);
            assertJsonEquals(s == a ? Map.of("user", "ann") : Map.of("user", "bob", "token", "t0k"), hs.get("auth"));
            Map<String, Object> query = (Map<String, Object>) hs.get("query");
            assertEquals("4", query.get("EIO"), describe);
            assertEquals(setup.transport(), query.get("transport"), describe);
            assertTrue(String.valueOf(hs.get("address")).matches("(::ffff:)?127\\.0\\.0\\.1"), describe);
            Map<String, Object> headers = (Map<String, Object>) hs.get("headers");
            assertEquals(endpoints.origin().substring("http://".length()), headers.get("host"), describe);
            assertEquals(headers.containsKey("origin"), hs.get("xdomain"), describe);
            assertEquals(false, hs.get("secure"), describe);
            assertTrue(String.valueOf(hs.get("url")).startsWith(endpoints.path() + "/?"), describe);
            assertTrue(String.valueOf(hs.get("url")).contains("EIO=4"), describe);
            long issued = ((Number) hs.get("issued")).longValue();
            assertTrue(Math.abs(now - issued) < 60_000, () -> "issued " + issued + ", now " + now);
            assertInstanceOf(String.class, hs.get("time"), describe);
        }

        // in + except, to, and the whole namespace
        assertEquals(List.of(ann.id()), ids(fetch(asker, Map.of("in", List.of(r1), "except", List.of(r2)))));
        assertEquals(List.of(bob.id()), ids(fetch(asker, Map.of("to", List.of(r2)))));
        assertEquals(List.of(), ids(fetch(asker, Map.of("to", List.of(room("nobody"))))));
        List<Object> all = ids(fetch(asker, Map.of()));
        assertTrue(all.containsAll(List.of(ann.id(), bob.id(), asker.id())), () -> "whole namespace: " + all);
        List<Object> notR1 = ids(fetch(asker, Map.of("except", List.of(r1))));
        assertTrue(notR1.contains(asker.id()) && !notR1.contains(ann.id()) && !notR1.contains(bob.id()),
                () -> "except r1: " + notR1);
    }

    @EveryClient
    void remoteSocketsEmitJoinLeaveAndDisconnect(ClientSetup setup) {
        TestClient target = connect(setup);
        TestClient bystander = connect(setup);
        TestClient driver = connect(setup);
        Map<String, Object> onlyTarget = Map.of("in", List.of(target.id()));
        String r = room("r");

        assertJsonEquals(List.of(1), driver.emitWithAck("remote", onlyTarget, "emit", "hi", Map.of("n", 1), new byte[] {5}));
        assertJsonEquals(List.of("hi", Map.of("n", 1), new byte[] {5}), target.next("remote"));
        assertJsonEquals(List.of(1), driver.emitWithAck("remote", onlyTarget, "join", r, room("r2")));
        assertJsonEquals(List.of(sorted(target.id(), r, room("r2"))), driver.emitWithAck("rooms-of", target.id()));
        assertJsonEquals(List.of(1), driver.emitWithAck("remote", onlyTarget, "leave", room("r2")));
        assertJsonEquals(List.of(sorted(target.id(), r)), driver.emitWithAck("rooms-of", target.id()));

        // a selection: the members of r but the bystander
        bystander.emitWithAck("join", List.of(r));
        assertJsonEquals(List.of(1), driver.emitWithAck("remote", Map.of("in", List.of(r), "except", List.of(bystander.id())),
                "emit", "only the target"));
        assertJsonEquals(List.of("only the target"), target.next("remote"));
        for (TestClient c : List.of(target, bystander, driver)) {
            c.assertNothing("remote");
        }

        // disconnect(false): this namespace only
        TestClient targetOther = target.socket(OTHER, Map.of());
        assertJsonEquals(List.of(1), driver.emitWithAck("remote", onlyTarget, "disconnect", false));
        assertEquals("io server disconnect", target.disconnectReason(), setup::toString);
        targetOther.sync();
        assertTrue(targetOther.connected(), "the other namespace of the connection stays");

        // disconnect(true): the whole connection
        TestClient bystanderOther = bystander.socket(OTHER, Map.of());
        assertJsonEquals(List.of(1), driver.emitWithAck("remote", Map.of("in", List.of(bystander.id())), "disconnect", true));
        assertEquals("io server disconnect", bystander.disconnectReason(), setup::toString);
        assertEquals("io server disconnect", bystanderOther.disconnectReason(), setup::toString);
        bystander.connectionCloseReason();
        driver.sync();
        assertTrue(driver.connected());
    }

    @EveryClient
    void socketsJoinAndSocketsLeaveFollowTheSelection(ClientSetup setup) {
        TestClient inR1 = connect(setup);
        TestClient inBoth = connect(setup);
        TestClient none = connect(setup);
        String r1 = room("r1");
        String r2 = room("r2");
        String x = room("x");
        String y = room("y");
        inR1.emitWithAck("join", List.of(r1));
        inBoth.emitWithAck("join", List.of(r1, r2));

        none.emitWithAck("sockets-join", Map.of("in", List.of(r1), "except", List.of(r2)), List.of(x));
        none.emitWithAck("sockets-join", Map.of("to", List.of(r1)), List.of(y));
        none.emitWithAck("sockets-join", Map.of("to", List.of(none.id())), List.of(y));
        assertJsonEquals(List.of(sorted(inR1.id(), r1, x, y)), none.emitWithAck("rooms-of", inR1.id()));
        assertJsonEquals(List.of(sorted(inBoth.id(), r1, r2, y)), none.emitWithAck("rooms-of", inBoth.id()));
        assertJsonEquals(List.of(sorted(none.id(), y)), none.emitWithAck("rooms-of", none.id()));

        none.emitWithAck("sockets-leave", Map.of("in", List.of(y), "except", List.of(r1)), List.of(y));
        assertJsonEquals(List.of(List.of(none.id())), none.emitWithAck("rooms-of", none.id()));
        none.emitWithAck("sockets-leave", Map.of("in", List.of(r2)), List.of(y, r1));
        assertJsonEquals(List.of(sorted(inBoth.id(), r2)), none.emitWithAck("rooms-of", inBoth.id()));
        assertJsonEquals(List.of(sorted(inR1.id(), r1, x, y)), none.emitWithAck("rooms-of", inR1.id()));
    }

    @EveryClient
    void disconnectSocketsWithoutCloseLeavesTheConnectionsOpen(ClientSetup setup) {
        String r = room("r");
        String keep = room("keep");
        TestClient a = connect(setup);
        TestClient aOther = a.socket(OTHER, Map.of());
        TestClient b = connect(setup);
        TestClient kept = connect(setup);
        TestClient driver = connect(setup);
        for (TestClient c : List.of(a, b, kept)) {
            c.emitWithAck("join", List.of(r));
        }
        kept.emitWithAck("join", List.of(keep));

        driver.emitWithAck("disconnect-sockets", Map.of("to", List.of(r), "except", List.of(keep)), false);
        assertEquals("io server disconnect", a.disconnectReason());
        assertEquals("io server disconnect", b.disconnectReason());
        aOther.sync();
        assertTrue(aOther.connected(), "the other namespace of a's connection stays");
        assertFalse(aOther.connectionClosed());
        kept.sync();
        assertTrue(kept.connected());
        driver.sync();
        assertTrue(driver.connected());
    }

    @EveryClient
    void disconnectSocketsWithCloseEndsTheConnections(ClientSetup setup) {
        String r = room("r");
        TestClient a = connect(setup);
        TestClient aOther = a.socket(OTHER, Map.of());
        TestClient b = connect(setup);
        TestClient driver = connect(setup);
        a.emitWithAck("join", List.of(r));
        b.emitWithAck("join", List.of(r));

        driver.emitWithAck("disconnect-sockets", Map.of("in", List.of(r)), true);
        assertEquals("io server disconnect", a.disconnectReason());
        assertEquals("io server disconnect", b.disconnectReason());
        assertEquals("io server disconnect", aOther.disconnectReason(), "the other namespace goes with the connection");
        a.connectionCloseReason();
        b.connectionCloseReason();
        driver.sync();
        assertTrue(driver.connected());
    }
}
