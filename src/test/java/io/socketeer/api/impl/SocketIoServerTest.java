package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Disconnection;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Socket;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Connecting to namespaces, middleware, connect timeout, invalid packets, shutdown. */
class SocketIoServerTest extends ServerFixture {

    @Test
    void connectAnswersSocketIdDistinctFromEngineSid() {
        TestClient c = client();
        String sid = c.connect();
        assertNotEquals(c.engineSid, sid);
        assertEquals(20, sid.length());
        Socket s = handlers.nextConnected();
        assertEquals(sid, s.id());
        assertTrue(s.connected());
        assertSame(io.sockets(), s.namespace());
        assertEquals("websocket", s.transport());
        assertEquals(Set.of(sid), s.rooms(), "a socket is in its own room");
        assertSame(s, io.sockets().sockets().get(sid));
        assertEquals(1, io.connectionCount());
    }

    @Test
    void engineSessionIsRegistered() {
        TestClient c = client();
        assertEquals(1, io.engine().sessionCount());
        assertEquals(c.engineSid, io.engine().sessions().iterator().next().id());
    }

    @Test
    void connectToAnotherNamespaceWithAuth() {
        TestClient c = client();
        c.send("40/admin,{\"token\":\"x\"}");
        String reply = c.next();
        assertTrue(reply.startsWith("40/admin,{\"sid\":\""), reply);
        HandshakeContext hs = RecordingHandlers.next(handlers.handshakes);
        assertEquals("/admin", hs.namespace());
        assertEquals(Map.of("token", "x"), hs.auth());
        Socket s = handlers.nextConnected();
        assertEquals("/admin", s.namespace().name());
        assertEquals(Map.of("token", "x"), s.handshake().auth());
        assertEquals("4", s.handshake().query().get("EIO"));
        assertEquals("127.0.0.1", s.handshake().address());
        assertEquals("test", s.handshake().header("User-Agent"));
        assertFalse(s.handshake().xdomain());
    }

    @Test
    void severalNamespacesOverOneConnection() {
        TestClient c = client();
        String main = c.connect();
        String admin = c.connect("/admin");
        assertNotEquals(main, admin);
        assertEquals(1, io.sockets().sockets().size());
        assertEquals(1, io.of("/admin").sockets().size());
        assertEquals(1, io.connectionCount());
    }

    @Test
    void unknownNamespaceIsRefused() {
        TestClient c = client();
        c.send("40/nope,");
        assertEquals("44/nope,{\"message\":\"Invalid namespace\"}", c.next());
        assertTrue(handlers.connected.isEmpty());
        assertFalse(io.namespaces().contains("/nope"));
        assertEquals(20, c.connect().length(), "the connection stays usable");
    }

    @Test
    void namespacesCreatedByOf() {
        assertEquals(Set.of("/", "/admin"), io.namespaces());
        io.of("chat");
        assertTrue(io.namespaces().contains("/chat"));
        TestClient c = client();
        c.connect("/chat");
    }

    @Test
    void middlewareRejectsWithMessageAndData() {
        handlers.onHandshake = hs -> hs.reject("no", Map.of("code", 1));
        TestClient c = client();
        c.send("40");
        assertEquals("44{\"message\":\"no\",\"data\":{\"code\":1}}", c.next());
        assertTrue(handlers.connected.isEmpty());
        assertTrue(io.sockets().sockets().isEmpty());
        assertEquals(1, io.connectionCount(), "a refused CONNECT leaves the connection open");
    }

    @Test
    void middlewareRejectsWithMessageOnlyInNamespace() {
        handlers.onHandshake = hs -> {
            if (!"secret".equals(hs.auth().get("token"))) {
                hs.reject("not authorized");
            }
        };
        TestClient c = client();
        c.send("40/admin,{\"token\":\"wrong\"}");
        assertEquals("44/admin,{\"message\":\"not authorized\"}", c.next());
        c.send("40/admin,{\"token\":\"secret\"}");
        assertTrue(c.next().startsWith("40/admin,{\"sid\""));
    }

    @Test
    void middlewareMayJoinRooms() {
        handlers.onHandshake = hs -> hs.socket().join("vip");
        TestClient c = client();
        c.connect();
        Socket s = handlers.nextConnected();
        assertTrue(s.rooms().contains("vip"), "rooms joined in middleware are kept: " + s.rooms());
        io.to("vip").emit("hello");
        assertEquals("42[\"hello\"]", c.next());
    }

    @Test
    void roomsJoinedByARejectedHandshakeAreForgotten() {
        handlers.onHandshake = hs -> {
            hs.socket().join("vip");
            hs.reject("no");
        };
        TestClient c = client();
        c.send("40");
        assertEquals("44{\"message\":\"no\"}", c.next());
        assertTrue(io.sockets().adapter().rooms().isEmpty(), "rooms: " + io.sockets().adapter().rooms());
    }

    @Test
    void middlewareMayPrepareSocketData() {
        handlers.onHandshake = hs -> hs.socket().data().put("role", "admin");
        TestClient c = client();
        c.connect();
        assertEquals("admin", handlers.nextConnected().data().get("role"));
    }

    @Test
    void connectTimeoutClosesAConnectionThatNeverConnects() {
        io.close();
        io = server(100);
        Runnable release = holdScheduler();
        TestClient idle = client();
        TestClient active = client();
        active.connect();
        release.run();
        assertTrue(idle.conn.awaitClosed(1000), "closed after connectTimeout");
        assertTrue(eventually(() -> io.connectionCount() == 1));
        assertFalse(active.conn.isClosed());
        active.send("42[\"still\"]");
        assertEquals("still", handlers.nextEvent().event());
    }

    @Test
    void connectTimeoutDoesNotCloseAConnectedClient() throws Exception {
        io.close();
        io = server(50);
        Runnable release = holdScheduler();
        TestClient c = client();
        c.connect();
        Thread.sleep(60);
        release.run();  // the connect timer is due now: it must find the client connected
        Thread.sleep(60);
        assertFalse(c.conn.isClosed());
        assertEquals(1, io.connectionCount());
    }

    @Test
    void invalidPacketClosesOnlyThatSession() {
        TestClient bad = client();
        TestClient good = client();
        String badSid = bad.connect();
        good.connect();
        handlers.nextConnected();
        handlers.nextConnected();
        bad.send("42{}");
        assertTrue(bad.conn.awaitClosed(1000));
        Disconnection d = handlers.nextDisconnection();
        assertEquals(badSid, d.socket().id());
        assertSame(DisconnectReason.FORCED_CLOSE, d.reason());
        assertFalse(good.conn.isClosed());
        assertEquals(1, io.connectionCount());
        io.emit("hello", 1);
        assertEquals("42[\"hello\",1]", good.next());
        good.send("42[\"after\"]");
        assertEquals("after", handlers.nextEvent().event());
    }

    @Test
    void otherInvalidPacketsCloseTheConnection() {
        String[] bad = {"4", "49", "42[\"disconnect\"]", "42[]", "40[]", "42[\"a\"", "45-[\"a\"]", "4" + "[".repeat(300)};
        for (String frame : bad) {
            TestClient c = client();
            c.connect();
            c.send(frame);
            assertTrue(c.conn.awaitClosed(1000), frame);
        }
        assertTrue(eventually(() -> io.connectionCount() == 0));
    }

    @Test
    void binaryWithoutPendingPacketClosesTheConnection() {
        TestClient c = client();
        c.connect();
        c.sendBinary(new byte[] {1});
        assertTrue(c.conn.awaitClosed(1000));
    }

    @Test
    void eventForANamespaceNotJoinedClosesTheConnection() {
        TestClient c = client();
        c.connect();
        c.send("42/admin,[\"x\"]");
        assertTrue(c.conn.awaitClosed(1000));
        assertTrue(handlers.events.isEmpty());
    }

    @Test
    void secondConnectToTheSameNamespaceClosesTheConnection() {
        TestClient c = client();
        c.connect();
        c.send("40");
        assertTrue(c.conn.awaitClosed(1000));
    }

    @Test
    void transportCloseDisconnectsEverySocketOfTheConnection() {
        TestClient c = client();
        c.connect();
        c.connect("/admin");
        c.ws.onClosed();
        Disconnection d1 = handlers.nextDisconnection();
        Disconnection d2 = handlers.nextDisconnection();
        assertSame(DisconnectReason.TRANSPORT_CLOSE, d1.reason());
        assertSame(DisconnectReason.TRANSPORT_CLOSE, d2.reason());
        assertFalse(d1.socket().connected());
        assertEquals(0, io.connectionCount());
        assertTrue(io.sockets().sockets().isEmpty());
        assertTrue(io.of("/admin").sockets().isEmpty());
    }

    @Test
    void closeShutsEverythingDown() {
        TestClient c = client();
        c.connect();
        io.close();
        assertSame(DisconnectReason.SERVER_SHUTTING_DOWN, handlers.nextDisconnection().reason());
        assertTrue(c.conn.awaitClosed(1000));
        assertEquals(0, io.connectionCount());
    }

    @Test
    void pollingHandshakeThroughTheServer() {
        FakePollExchange ex = new FakePollExchange();
        io.engine().handshakePolling(Engines.request(EngineOptions.POLLING), ex);
        assertTrue(ex.awaitPayload().startsWith("0{\"sid\":"));
        assertEquals(1, io.connectionCount());
    }
}
