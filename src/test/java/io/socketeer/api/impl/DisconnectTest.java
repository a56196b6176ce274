package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Disconnection;
import io.socketeer.api.Socket;
import org.junit.jupiter.api.Test;

/** Who disconnects, what goes on the wire, and the reasons reported. */
class DisconnectTest extends ServerFixture {

    @Test
    void clientNamespaceDisconnect() {
        TestClient c = client();
        String first = c.connect();
        Socket s = handlers.nextConnected();
        c.send("41");
        Disconnection d = handlers.nextDisconnection();
        assertSame(s, d.socket());
        assertSame(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, d.reason());
        assertEquals("client namespace disconnect", d.reason().toString());
        assertFalse(s.connected());
        assertTrue(c.conn.silentFor(30), "no reply to a client DISCONNECT");
        assertFalse(c.conn.isClosed());
        assertEquals(1, io.connectionCount(), "the Engine.IO session stays open");
        assertTrue(io.sockets().sockets().isEmpty());
        String second = c.connect();
        assertNotEquals(first, second);
    }

    @Test
    void clientLeavesOneNamespaceOnly() {
        TestClient c = client();
        c.connect();
        c.connect("/admin");
        c.send("41/admin,");
        Disconnection d = handlers.nextDisconnection();
        assertEquals("/admin", d.socket().namespace().name());
        assertEquals(1, io.sockets().sockets().size());
        assertTrue(io.of("/admin").sockets().isEmpty());
        c.send("42[\"still\"]");
        assertEquals("still", handlers.nextEvent().event());
    }

    @Test
    void serverNamespaceDisconnectSendsDisconnectPacket() {
        TestClient c = client();
        c.connect();
        Socket s = handlers.nextConnected();
        s.disconnect(false);
        assertEquals("41", c.next());
        Disconnection d = handlers.nextDisconnection();
        assertSame(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, d.reason());
        assertEquals("server namespace disconnect", d.reason().toString());
        assertFalse(c.conn.isClosed());
        assertEquals(1, io.connectionCount());
        s.disconnect(false);
        assertTrue(c.conn.silentFor(20), "a second disconnect sends nothing");
        assertTrue(handlers.disconnections.isEmpty());
    }

    /**
     * The client may close the connection as soon as it reads the DISCONNECT of its last socket (the
     * Node.js client does), on another thread, before the server's disconnect is over: the reason
     * stays the server's.
     */
    @Test
    void serverNamespaceDisconnectKeepsItsReasonWhenTheClientClosesAtOnce() {
        TestClient c = client();
        c.connect();
        Socket s = handlers.nextConnected();
        c.conn.onText(frame -> {
            if ("41".equals(frame)) {
                c.ws.onClosed();
            }
        });
        s.disconnect(false);
        assertSame(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, handlers.nextDisconnection().reason());
        assertTrue(handlers.disconnections.isEmpty());
    }

    @Test
    void serverDisconnectInNamespace() {
        TestClient c = client();
        c.connect("/admin");
        handlers.nextConnected().disconnect(false);
        assertEquals("41/admin,", c.next());
    }

    @Test
    void serverDisconnectWithCloseEndsTheConnection() {
        TestClient c = client();
        c.connect();
        c.connect("/admin");
        Socket main = handlers.nextConnected();
        handlers.nextConnected();
        main.disconnect(true);
        String f1 = c.next();
        String f2 = c.next();
        assertEquals(java.util.Set.of("41", "41/admin,"), java.util.Set.of(f1, f2));
        assertTrue(c.conn.awaitClosed(1000));
        assertSame(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, handlers.nextDisconnection().reason());
        assertSame(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, handlers.nextDisconnection().reason());
        assertTrue(eventually(() -> io.connectionCount() == 0));
    }

    @Test
    void clientEngineClosePacket() {
        TestClient c = client();
        c.connect();
        c.send("1");
        assertSame(DisconnectReason.TRANSPORT_CLOSE, handlers.nextDisconnection().reason());
        assertEquals(0, io.connectionCount());
    }

    @Test
    void transportErrorReason() {
        TestClient c = client();
        c.connect();
        c.ws.onError(new java.io.IOException("reset"));
        assertSame(DisconnectReason.TRANSPORT_ERROR, handlers.nextDisconnection().reason());
    }

    @Test
    void engineParseErrorReason() {
        TestClient c = client();
        c.connect();
        c.send("9");
        assertSame(DisconnectReason.PARSE_ERROR, handlers.nextDisconnection().reason());
    }

    @Test
    void disconnectReasonStrings() {
        assertEquals("transport error", DisconnectReason.TRANSPORT_ERROR.toString());
        assertEquals("forced close", DisconnectReason.FORCED_CLOSE.toString());
        assertEquals("ping timeout", DisconnectReason.PING_TIMEOUT.toString());
        assertEquals("server shutting down", DisconnectReason.SERVER_SHUTTING_DOWN.toString());
        assertEquals("forced server close", DisconnectReason.FORCED_SERVER_CLOSE.toString());
        for (DisconnectReason r : DisconnectReason.values()) {
            assertSame(r, DisconnectReason.of(r.toString()));
        }
        assertSame(DisconnectReason.TRANSPORT_ERROR, DisconnectReason.of("something else"));
    }
}
