package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.adapter.SessionAwareAdapter;
import io.socketeer.api.ConnectionStateRecovery;
import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.Engines;
import io.socketeer.parser.Json;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery end to end without a container (socket.io's connection-state-recovery
 * tests): pid in CONNECT, offsets on events, a socket that lost its connection coming back with its
 * id, rooms, data and every packet it missed, the limits (reasons, window, unknown session), and the
 * catch-up racing with broadcasts from another thread.
 */
class ConnectionStateRecoveryTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final RecordingHandlers handlers = new RecordingHandlers();
    /** What each {@code @OnConnect}-like handler saw of {@code recovered()}. */
    private final List<Boolean> recoveredAtConnect = new CopyOnWriteArrayList<>();
    private SocketIoServerImpl io;

    private SocketIoServerImpl server(ConnectionStateRecovery recovery) {
        return server(recovery, AdapterFactory.IN_MEMORY);
    }

    private SocketIoServerImpl server(ConnectionStateRecovery recovery, AdapterFactory adapters) {
        EngineOptions engine = EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000).build();
        SocketIoOptions options = new SocketIoOptions(engine, 2_000, Set.of(), 10).withConnectionStateRecovery(recovery);
        handlers.onConnected = s -> recoveredAtConnect.add(s.recovered());
        io = new SocketIoServerImpl(options, scheduler, handlers, ServerFixture.MAPPER, adapters);
        return io;
    }

    @AfterEach
    void stop() {
        if (io != null) {
            io.close();
        }
        scheduler.shutdownNow();
    }

    /** A client's view of its socket: ids, and the offset of the last event it read. */
    private static final class Session {
        String sid;
        String pid;
        String offset;
    }

    /** Sends CONNECT (with {@code auth}, or none) and reads frames up to the CONNECT answer. */
    private static Session connect(TestClient c, Map<String, Object> auth, List<List<?>> eventsBefore) {
        c.send(auth == null ? "40" : "40" + Json.write(auth, null));
        while (true) {
            String f = c.next();
            if (f.startsWith("42")) {
                eventsBefore.add((List<?>) Json.parse(f.substring(2)));
            } else if (f.startsWith("40")) {
                Map<?, ?> data = (Map<?, ?>) Json.parse(f.substring(2));
                Session s = new Session();
                s.sid = (String) data.get("sid");
                s.pid = (String) data.get("pid");
                return s;
            } else if (!f.equals("2")) {
                throw new AssertionError("unexpected frame " + f);
            }
        }
    }

    private static Map<String, Object> auth(Session s) {
        return Map.of("pid", s.pid, "offset", s.offset);
    }

    /** Reads an event; remembers its last argument as the offset, as the JavaScript client does. */
    private static List<?> event(TestClient c, Session s) {
        String f = c.next();
        while (f.equals("2")) {
            f = c.next();
        }
        assertTrue(f.startsWith("42"), f);
        List<?> args = (List<?>) Json.parse(f.substring(2));
        if (args.get(args.size() - 1) instanceof String o) {
            s.offset = o;
        }
        return args;
    }

    /** Connects a client and has it read one event, so it has an offset. */
    private Session connectedWithAnOffset(TestClient c) {
        Session s = connect(c, null, new ArrayList<>());
        handlers.nextConnected();
        io.emit("m", 1);
        event(c, s);
        return s;
    }

    /** A client that connected, read one event (so it has an offset), then lost its connection. */
    private Session connectedThenLost() {
        TestClient c = new TestClient(io);
        Session s = connectedWithAnOffset(c);
        lose(c);
        return s;
    }

    /** The client's connection is lost ({@code transport close} on the server). */
    private void lose(TestClient c) {
        c.ws.onClosed();
        handlers.nextDisconnection();
    }

    private static String offsetOf(List<?> args) {
        return (String) args.get(args.size() - 1);
    }

    @Test
    void connectCarriesAPidAndEventsCarryOffsets() {
        server(ConnectionStateRecovery.defaults());
        TestClient c = new TestClient(io);
        Session s = connect(c, null, new ArrayList<>());
        assertNotNull(s.pid);
        assertNotEquals(s.sid, s.pid);
        Socket socket = handlers.nextConnected();
        io.emit("all", 1);
        List<?> a = event(c, s);
        assertEquals(List.of("all", 1), a.subList(0, 2));
        assertEquals(3, a.size());
        socket.emit("direct", "x");
        List<?> d = event(c, s);
        assertEquals(List.of("direct", "x"), d.subList(0, 2));
        assertTrue(Long.parseLong(offsetOf(d), 36) > Long.parseLong(offsetOf(a), 36), a + " then " + d);
        io.volatile_().emit("volatile", 2);
        assertEquals(List.of("volatile", 2), event(c, s));
        socket.timeout(Duration.ofSeconds(5)).emitWithAck("ask", 3);
        String ask = c.next();
        assertEquals("420[\"ask\",3]", ask);
        assertTrue(io.sockets().adapter() instanceof SessionAwareAdapter);
    }

    @Test
    void withoutRecoveryConnectHasNoPidAndEventsNoOffset() {
        server(null);
        TestClient c = new TestClient(io);
        Session s = connect(c, null, new ArrayList<>());
        assertEquals(null, s.pid);
        io.emit("all", 1);
        assertEquals("42[\"all\",1]", c.next());
        assertFalse(io.sockets().adapter().sessionAware());
    }

    @Test
    void aSocketThatLostItsConnectionComesBackWithItsIdRoomsDataAndWhatItMissed() {
        server(ConnectionStateRecovery.defaults());
        AtomicInteger middleware = new AtomicInteger();
        io.sockets().use(hs -> middleware.incrementAndGet());
        TestClient c = new TestClient(io);
        Session s = connect(c, null, new ArrayList<>());
        Socket first = handlers.nextConnected();
        first.join("r");
        first.data().put("name", "ann");
        io.to("r").emit("m", 1);
        assertEquals(List.of("m", 1), event(c, s).subList(0, 2));

        c.ws.onClosed(); // the connection is lost
        assertSame(DisconnectReason.TRANSPORT_CLOSE, handlers.nextDisconnection().reason());
        io.to("r").emit("m", 2);
        io.emit("m", 3);
        io.to("elsewhere").emit("m", -1);
        io.except("r").emit("m", -2);
        io.to(s.sid).emit("m", 4);
        first.emit("m", 5); // emitted on the old socket object: kept, as in the reference server
        io.volatile_().emit("m", -3);

        TestClient back = new TestClient(io);
        List<List<?>> missed = new ArrayList<>();
        Session again = connect(back, auth(s), missed);
        assertEquals(s.sid, again.sid);
        assertEquals(s.pid, again.pid);
        List<Object> numbers = new ArrayList<>();
        for (List<?> m : missed) {
            numbers.add(m.get(1));
        }
        assertEquals(List.of(2, 3, 4, 5), numbers, "missed, in order, before CONNECT: " + missed);
        Socket recovered = handlers.nextConnected();
        assertTrue(recovered.recovered());
        assertEquals(List.of(false, true), recoveredAtConnect, "the connect handler saw it recovered");
        assertEquals(Set.of(s.sid, "r"), recovered.rooms());
        assertEquals("ann", recovered.data().get("name"));
        assertEquals(1, middleware.get(), "middleware skipped for a recovered socket");
        io.to("r").emit("m", 6);
        assertEquals(List.of("m", 6), event(back, again).subList(0, 2));
    }

    @Test
    void withSkipMiddlewaresOffTheMiddlewareRunsAndMayRefuse() {
        server(new ConnectionStateRecovery(Duration.ofMinutes(2), false));
        AtomicBoolean refuse = new AtomicBoolean();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        io.sockets().use(hs -> {
            seen.add(hs.socket().recovered());
            if (refuse.get()) {
                hs.reject("no");
            }
        });
        Session s = connectedThenLost();

        TestClient back = new TestClient(io);
        assertEquals(s.sid, connect(back, auth(s), new ArrayList<>()).sid);
        assertEquals(List.of(false, true), seen);
        back.ws.onClosed();
        handlers.nextDisconnection();

        refuse.set(true);
        TestClient refused = new TestClient(io);
        refused.send("40" + Json.write(auth(s), null));
        assertEquals("44{\"message\":\"no\"}", refused.next());
        assertTrue(io.sockets().adapter().rooms().isEmpty(), "the refused socket left the rooms it got back");
    }

    @Test
    void aSocketThatLeftTheNamespaceIsNotKept() {
        server(ConnectionStateRecovery.defaults());
        TestClient c = new TestClient(io);
        Session s = connectedWithAnOffset(c);
        c.send("41");
        assertSame(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, handlers.nextDisconnection().reason());
        Session again = connect(c, auth(s), new ArrayList<>());
        assertNotEquals(s.sid, again.sid);
        assertFalse(handlers.nextConnected().recovered());
        assertEquals(0, ((SessionAwareAdapter) io.sockets().adapter()).sessionCount());
    }

    @Test
    void anUnknownPidOrAConnectedSocketGetsANewSession() {
        server(ConnectionStateRecovery.defaults());
        TestClient c = new TestClient(io);
        Session s = connectedWithAnOffset(c);
        TestClient other = new TestClient(io);
        Session fake = connect(other, Map.of("pid", "nobody", "offset", s.offset), new ArrayList<>());
        assertNotEquals(s.sid, fake.sid);
        assertFalse(handlers.nextConnected().recovered());
        // a session kept while its socket is connected again (recovered, still up) is not restored twice
        lose(c);
        TestClient back = new TestClient(io);
        assertEquals(s.sid, connect(back, auth(s), new ArrayList<>()).sid);
        assertTrue(handlers.nextConnected().recovered());
        TestClient copy = new TestClient(io);
        assertNotEquals(s.sid, connect(copy, auth(s), new ArrayList<>()).sid);
        assertFalse(handlers.nextConnected().recovered());
    }

    @Test
    void pastMaxDisconnectionDurationItIsANewSession() throws InterruptedException {
        server(new ConnectionStateRecovery(Duration.ofMillis(100), true));
        TestClient c = new TestClient(io);
        Session s = connect(c, null, new ArrayList<>());
        Socket first = handlers.nextConnected();
        first.join("r");
        io.emit("m", 1);
        event(c, s);
        lose(c);
        Thread.sleep(250);
        TestClient back = new TestClient(io);
        List<List<?>> missed = new ArrayList<>();
        Session again = connect(back, auth(s), missed);
        assertNotEquals(s.sid, again.sid);
        assertTrue(missed.isEmpty());
        Socket fresh = handlers.nextConnected();
        assertFalse(fresh.recovered());
        assertEquals(Set.of(again.sid), fresh.rooms());
    }

    /**
     * Broadcasts flow from another thread while the client loses its connection and comes back:
     * every number arrives exactly once, in order, across the two connections.
     */
    @Test
    void noEventIsLostOrDuplicatedWhileBroadcastsRaceTheRecovery() throws Exception {
        server(ConnectionStateRecovery.defaults());
        for (int round = 0; round < 20; round++) {
            TestClient c = new TestClient(io);
            Session s = connect(c, null, new ArrayList<>());
            Socket socket = handlers.nextConnected();
            socket.join("stream");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            Thread sender = new Thread(() -> {
                while (!stop.get()) {
                    io.to("stream").emit("n", sent.getAndIncrement());
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            });
            sender.start();
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                got.add(event(c, s).get(1));
            }
            lose(c);
            TestClient back = new TestClient(io);
            List<List<?>> missed = new ArrayList<>();
            Session again = connect(back, auth(s), missed);
            assertEquals(s.sid, again.sid);
            for (List<?> m : missed) {
                got.add(m.get(1));
            }
            Thread.sleep(5);
            stop.set(true);
            sender.join();
            int total = sent.get();
            while (got.size() < total) {
                got.add(event(back, again).get(1));
            }
            for (int i = 0; i < total; i++) {
                assertEquals(i, got.get(i), "round " + round + ": event " + i + " of " + total);
            }
            assertTrue(back.conn.silentFor(20), "nothing more than the " + total + " events");
            back.ws.onClosed();
            handlers.nextDisconnection();
            handlers.connected.clear();
        }
    }

    /**
     * A broadcast kept before the recovery looked for missed packets, but still being handed out
     * (stuck on another client's connection, in the room it visits first) while the socket comes back
     * and joins the room the broadcast visits next: it arrives once, not once as missed and again from
     * the broadcast.
     */
    @Test
    void aBroadcastStillBeingHandedOutDuringTheRecoveryArrivesOnce() throws Exception {
        server(ConnectionStateRecovery.defaults());
        BroadcastOptions both = new BroadcastOptions(Set.of("p", "q"), Set.of(), BroadcastFlags.NONE);
        java.util.Iterator<String> order = both.rooms().iterator();
        String visitedFirst = order.next();
        String visitedNext = order.next();
        for (int round = 0; round < 3; round++) {
            TestClient a = new TestClient(io);
            Session s = connect(a, null, new ArrayList<>());
            handlers.nextConnected().join(visitedNext);
            java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            io.socketeer.engineio.FakeWebSocket bws = new io.socketeer.engineio.FakeWebSocket().onText(t -> {
                if (t.contains("\"stuck\"")) {
                    entered.countDown();
                    try {
                        release.await(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            TestClient b = new TestClient(io, bws);
            connect(b, null, new ArrayList<>());
            handlers.nextConnected().join(visitedFirst);
            io.to(visitedNext).emit("before");
            event(a, s);
            a.ws.onClosed();
            handlers.nextDisconnection();

            Thread sender = new Thread(() -> io.sockets().adapter().broadcast(
                    Packet.event("/", "stuck", List.of()), both));
            sender.start();
            assertTrue(entered.await(2, java.util.concurrent.TimeUnit.SECONDS));
            TestClient back = new TestClient(io);
            List<List<?>> missed = new CopyOnWriteArrayList<>();
            Thread reconnect = new Thread(() -> connect(back, auth(s), missed));
            reconnect.start();
            Thread.sleep(100);
            release.countDown();
            sender.join();
            reconnect.join(2000);
            assertFalse(reconnect.isAlive());
            List<Object> names = new ArrayList<>();
            for (List<?> m : missed) {
                names.add(m.get(0));
            }
            while (!back.conn.silentFor(30)) {
                names.add("after CONNECT");
            }
            assertEquals(List.of("stuck"), names, "round " + round);
            back.ws.onClosed();
            b.ws.onClosed();
            handlers.nextDisconnection();
            handlers.nextDisconnection();
            handlers.connected.clear();
        }
    }

    /**
     * An adapter that keeps no sessions (as the Redis ones): CONNECT still carries a pid, as in the
     * reference server, but events carry no offset and a client coming back gets a new session.
     */
    @Test
    void anAdapterThatKeepsNoSessionsRecoversNothing() {
        server(ConnectionStateRecovery.defaults(), io.socketeer.adapter.InMemoryAdapter::new);
        assertFalse(io.sockets().adapter().sessionAware());
        TestClient c = new TestClient(io);
        Session s = connect(c, null, new ArrayList<>());
        assertNotNull(s.pid);
        Socket socket = handlers.nextConnected();
        io.emit("all", 1);
        assertEquals("42[\"all\",1]", c.next());
        socket.emit("direct", 2);
        assertEquals("42[\"direct\",2]", c.next());
        lose(c);
        TestClient back = new TestClient(io);
        Session again = connect(back, Map.of("pid", s.pid, "offset", "0"), new ArrayList<>());
        assertNotEquals(s.sid, again.sid);
        assertFalse(handlers.nextConnected().recovered());
    }

    /** Two CONNECTs with the same pid at once (a copied client): one gets the socket back, the other a new one. */
    @Test
    void twoConnectsWithTheSamePidRecoverOneSocket() throws Exception {
        server(new ConnectionStateRecovery(Duration.ofMinutes(2), false));
        java.util.concurrent.CountDownLatch inMiddleware = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        io.sockets().use(hs -> {
            if (hs.socket().recovered()) {
                inMiddleware.countDown();
                try {
                    release.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Session s = connectedThenLost();

        TestClient first = new TestClient(io);
        List<String> firstSid = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> firstSid.add(connect(first, auth(s), new ArrayList<>()).sid));
        t.start();
        assertTrue(inMiddleware.await(2, java.util.concurrent.TimeUnit.SECONDS));
        TestClient second = new TestClient(io);
        Session other = connect(second, auth(s), new ArrayList<>());
        assertNotEquals(s.sid, other.sid, "the second CONNECT gets a new socket");
        release.countDown();
        t.join(2000);
        assertEquals(List.of(s.sid), firstSid, "the first gets the socket back");
        assertEquals(2, io.sockets().sockets().size());
    }

    /** The reference server's RECOVERABLE_DISCONNECT_REASONS, no more. */
    @Test
    void theRecoverableReasonsAreTheReferenceServers() {
        Set<String> recoverable = new java.util.TreeSet<>();
        for (DisconnectReason r : DisconnectReason.values()) {
            if (r.recoverable()) {
                recoverable.add(r.toString());
            }
        }
        assertEquals(new java.util.TreeSet<>(Set.of("transport error", "transport close", "forced close",
                "ping timeout", "server shutting down", "forced server close")), recoverable);
    }

    /** Closing the server (undeploy) with sessions and packets kept leaves no timer behind. */
    @Test
    void closingTheServerLeavesNothingScheduled() {
        server(ConnectionStateRecovery.defaults());
        Session s = connectedThenLost();
        TestClient still = new TestClient(io);
        connect(still, null, new ArrayList<>());
        SessionAwareAdapter adapter = (SessionAwareAdapter) io.sockets().adapter();
        assertEquals(1, adapter.sessionCount());
        assertTrue(adapter.cleanupScheduled());
        io.close();
        assertEquals(0, adapter.sessionCount());
        assertEquals(0, adapter.packetCount());
        assertFalse(adapter.cleanupScheduled());
        assertTrue(Engines.eventually(() -> scheduler.getQueue().isEmpty()), "left: " + scheduler.getQueue());
    }

    /** A broadcast with binary carries its offset after the placeholders, and is replayed with its attachment. */
    @Test
    void binaryBroadcastsCarryAnOffsetAndAreReplayedWithTheirAttachments() {
        server(ConnectionStateRecovery.defaults());
        TestClient c = new TestClient(io);
        Session s = connect(c, null, new ArrayList<>());
        handlers.nextConnected();
        io.emit("bin", (Object) new byte[] {1, 2});
        String header = c.next();
        assertTrue(header.startsWith("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\""), header);
        assertEquals(List.of(1, 2), toList(c.conn.nextBinary()));
        s.offset = offsetOf((List<?>) Json.parse(header.substring(header.indexOf('['))));
        lose(c);
        io.emit("bin", (Object) new byte[] {3});
        TestClient back = new TestClient(io);
        back.send("40" + Json.write(auth(s), null));
        String missed = back.next();
        assertTrue(missed.startsWith("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\""), missed);
        assertEquals(List.of(3), toList(back.conn.nextBinary()));
        assertTrue(back.next().startsWith("40{\"sid\":\"" + s.sid + "\""));
    }

    private static List<Integer> toList(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (byte x : b) {
            out.add((int) x);
        }
        return out;
    }
}
