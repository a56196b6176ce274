package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms, broadcast operators and the utility methods (fetchSockets, socketsJoin, ...). */
class RoomsAndBroadcastTest extends ServerFixture {
    private TestClient ca;
    private TestClient cb;
    private TestClient cc;
    private Socket a;
    private Socket b;
    private Socket c;

    @BeforeEach
    void threeClients() {
        ca = client();
        ca.connect();
        a = handlers.nextConnected();
        cb = client();
        cb.connect();
        b = handlers.nextConnected();
        cc = client();
        cc.connect();
        c = handlers.nextConnected();
    }

    private void silent(TestClient... clients) {
        for (TestClient t : clients) {
            assertTrue(t.conn.silentFor(20), "unexpected frame");
        }
    }

    @Test
    void emitToARoomReachesOnlyItsMembers() {
        a.join("r");
        b.join("r");
        io.to("r").emit("x", 1);
        assertEquals("42[\"x\",1]", ca.next());
        assertEquals("42[\"x\",1]", cb.next());
        silent(cc);
        assertEquals(Set.of(a.id(), "r"), a.rooms());
    }

    @Test
    void broadcastFramesAreEncodedOnceAndShared() {
        io.emit("all", "x");
        String fa = ca.next();
        String fb = cb.next();
        String fc = cc.next();
        assertEquals("42[\"all\",\"x\"]", fa);
        assertSame(fa, fb);
        assertSame(fa, fc);
    }

    @Test
    void unionOfRoomsDeliversOnce() {
        a.join("r1", "r2");
        b.join(List.of("r2"));
        io.to("r1").to("r2").emit("u");
        io.in("r1", "r2").emit("v");
        io.to(List.of("r1", "r2")).emit("w");
        assertEquals(List.of("42[\"u\"]", "42[\"v\"]", "42[\"w\"]"), List.of(ca.next(), ca.next(), ca.next()));
        assertEquals(List.of("42[\"u\"]", "42[\"v\"]", "42[\"w\"]"), List.of(cb.next(), cb.next(), cb.next()));
        silent(ca, cb, cc);
    }

    @Test
    void exceptLeavesRoomsOut() {
        b.join("banned");
        io.except("banned").emit("e");
        assertEquals("42[\"e\"]", ca.next());
        assertEquals("42[\"e\"]", cc.next());
        silent(cb);
        io.except(a.id(), c.id()).emit("only b");
        assertEquals("42[\"only b\"]", cb.next());
        silent(ca, cc);
    }

    @Test
    void socketBroadcastLeavesTheSenderOut() {
        a.join("r");
        b.join("r");
        a.to("r").emit("from a");
        assertEquals("42[\"from a\"]", cb.next());
        silent(ca, cc);
        a.broadcast().emit("to others");
        assertEquals("42[\"to others\"]", cb.next());
        assertEquals("42[\"to others\"]", cc.next());
        silent(ca);
        a.except("r").emit("not r");
        assertEquals("42[\"not r\"]", cc.next());
        silent(ca, cb);
        a.in("r").emit("in");
        assertEquals("42[\"in\"]", cb.next());
        silent(ca);
    }

    @Test
    void broadcastOperatorIsImmutable() {
        a.join("r1");
        b.join("r2");
        BroadcastOperator r1 = io.to("r1");
        BroadcastOperator both = r1.to("r2");
        assertNotSame(r1, both);
        r1.emit("one");
        assertEquals("42[\"one\"]", ca.next());
        silent(cb);
        both.emit("two");
        assertEquals("42[\"two\"]", ca.next());
        assertEquals("42[\"two\"]", cb.next());
        BroadcastOperator exceptR1 = both.except("r1");
        r1.emit("still one");
        assertEquals("42[\"still one\"]", ca.next());
        exceptR1.emit("three");
        assertEquals("42[\"three\"]", cb.next());
        silent(ca, cc);
    }

    @Test
    void leaveAndDisconnectRemoveFromRooms() {
        a.join("r");
        a.leave("r");
        io.to("r").emit("x");
        silent(ca);
        assertFalse(io.sockets().adapter().rooms().contains("r"));
        b.join("s");
        b.disconnect(false);
        assertEquals("41", cb.next());
        assertFalse(io.sockets().adapter().rooms().contains("s"));
        assertFalse(io.sockets().adapter().rooms().contains(b.id()));
        assertEquals(Set.of(), b.rooms());
        b.join("again");
        assertFalse(io.sockets().adapter().rooms().contains("again"), "a disconnected socket joins nothing");
    }

    @Test
    void emitToASocketIdRoom() {
        io.to(b.id()).emit("private");
        assertEquals("42[\"private\"]", cb.next());
        silent(ca, cc);
    }

    @Test
    void namespaceBroadcastCarriesTheNamespace() {
        ca.connect("/admin");
        io.of("/admin").emit("stats", Map.of("n", 1));
        assertEquals("42/admin,[\"stats\",{\"n\":1}]", ca.next());
        silent(cb, cc);
    }

    @Test
    void fetchSocketsDescribesTheSockets() throws Exception {
        a.join("r");
        a.data().put("name", "alice");
        List<RemoteSocket> list = io.in("r").fetchSockets().toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertEquals(1, list.size());
        RemoteSocket r = list.get(0);
        assertEquals(a.id(), r.id());
        assertEquals(Set.of(a.id(), "r"), r.rooms());
        assertEquals(Map.of("name", "alice"), r.data());
        assertEquals(Map.of(), r.handshake().get("auth"));
        assertEquals("127.0.0.1", r.handshake().get("address"));
        assertEquals(3, io.fetchSockets().toCompletableFuture().get(2, TimeUnit.SECONDS).size());

        r.emit("to remote", 1);
        assertEquals("42[\"to remote\",1]", ca.next());
        r.join("vip");
        assertTrue(a.rooms().contains("vip"));
        r.leave("vip");
        assertFalse(a.rooms().contains("vip"));
        r.disconnect(false);
        assertEquals("41", ca.next());
        assertFalse(a.connected());
    }

    @Test
    void socketsJoinAndLeave() {
        a.join("r");
        b.join("r");
        io.in("r").socketsJoin("vip");
        assertTrue(a.rooms().contains("vip"));
        assertTrue(b.rooms().contains("vip"));
        assertFalse(c.rooms().contains("vip"));
        io.socketsLeave("vip");
        assertFalse(io.sockets().adapter().rooms().contains("vip"));
        io.except("r").socketsJoin("outsiders");
        assertEquals(Set.of(c.id()), io.sockets().adapter().sockets(Set.of("outsiders")));
    }

    @Test
    void disconnectSocketsOfARoom() {
        a.join("r");
        b.join("r");
        io.in("r").disconnectSockets(false);
        assertEquals("41", ca.next());
        assertEquals("41", cb.next());
        assertFalse(a.connected());
        assertFalse(b.connected());
        assertTrue(c.connected());
        assertFalse(ca.conn.isClosed(), "the connection stays");
        io.disconnectSockets(true);
        assertEquals("41", cc.next());
        assertTrue(cc.conn.awaitClosed(1000));
    }

    @Test
    void disconnectedSocketsReceiveNothing() {
        b.disconnect(false);
        cb.next();
        io.emit("after");
        assertEquals("42[\"after\"]", ca.next());
        silent(cb);
        b.emit("direct");
        silent(cb);
    }

    @Test
    void namespaceSocketsView() {
        assertEquals(Set.of(a.id(), b.id(), c.id()), io.sockets().sockets().keySet());
        assertSame(a, io.sockets().socket(a.id()).orElseThrow());
        assertTrue(io.sockets().socket("nope").isEmpty());
    }
}
