package io.socketeer.it;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end with the official Java client ({@code io.socket:socket.io-client} 2.1.2, Socket.IO v4
 * protocol) against the conformance deployment (pingInterval 300 ms, pingTimeout 1000 ms). Every test
 * runs over WebSocket only and over long-polling only; those where the transport switch matters also
 * run with the client's default (long-polling, then the upgrade to WebSocket).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaClientIT {
    /** The longest any single step may take. */
    private static final long TIMEOUT_MS = 5000;
    private static final String DEFAULT = "default";

    /**
     * The HTTP client of every socket. The Java client otherwise shares one OkHttpClient whose
     * dispatcher runs at most 5 requests per host (with more than a few long-polling clients, their
     * held GETs take every slot and the POSTs wait forever, whatever the server does) and which keeps
     * only 5 idle connections (so 20 polling clients would open a new connection for most requests).
     */
    private static final OkHttpClient HTTP = http();

    /** Paces the round trips of {@link #manyClientsAtOnce} (see there why). */
    private static final ScheduledExecutorService PACER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "java-client-it-pacer");
        t.setDaemon(true);
        return t;
    });
    private static final long PAUSE_MS = 25;

    private static OkHttpClient http() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(500);
        dispatcher.setMaxRequestsPerHost(500);
        return new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(100, 1, TimeUnit.MINUTES)).build();
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance();
    }

    @ArquillianResource
    URL base;

    private final List<Socket> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeSockets() {
        for (Socket s : opened) {
            s.close();
        }
    }

    static Stream<String> transports() {
        return Stream.of("websocket", "polling");
    }

    static Stream<String> transportsAndDefault() {
        return Stream.of("websocket", "polling", DEFAULT);
    }

    // --- connecting

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void connectsToTheMainNamespaceWithAuth(String transport) throws Exception {
        Socket s = socket(transport, "/", Map.of("token", "abc", "name", "Zoë 🎉"));
        BlockingQueue<Object[]> auth = record(s, "auth");
        connect(s);

        assertTrue(s.connected());
        assertNotNull(s.id());
        assertTrue(s.id().matches("[A-Za-z0-9_-]{20}"), s.id());
        Object[] args = next(auth);
        assertEquals(1, args.length);
        assertInstanceOf(JSONObject.class, args[0]);
        assertEquals(Map.of("token", "abc", "name", "Zoë 🎉"), plain(args[0]));

        Socket other = connect(transport, "/");
        assertNotEquals(s.id(), other.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void connectsToACustomNamespaceWithAuth(String transport) throws Exception {
        Socket custom = socket(transport, "/custom", Map.of("token", "xyz"));
        BlockingQueue<Object[]> auth = record(custom, "auth");
        connect(custom);
        assertTrue(custom.id().matches("[A-Za-z0-9_-]{20}"), custom.id());
        assertEquals(List.of(Map.of("token", "xyz")), plain(next(auth)));

        // a second namespace over the same connection: its own socket id, its own events
        Socket main = custom.io().socket("/", options(transport, Map.of("token", "main")));
        opened.add(main);
        BlockingQueue<Object[]> mainAuth = record(main, "auth");
        BlockingQueue<Object[]> mainBack = record(main, "message-back");
        BlockingQueue<Object[]> customBack = record(custom, "message-back");
        connect(main);
        assertEquals(List.of(Map.of("token", "main")), plain(next(mainAuth)));
        assertNotEquals(custom.id(), main.id());

        custom.emit("message", "to custom");
        assertEquals(List.of("to custom"), plain(next(customBack)));
        main.emit("message", "to main");
        assertEquals(List.of("to main"), plain(next(mainBack)));
        roundTrip(custom);
        roundTrip(main);
        assertTrue(customBack.isEmpty(), "an event of / reached /custom");
        assertTrue(mainBack.isEmpty(), "an event of /custom reached /");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void unknownNamespaceIsRefusedWhileOtherConnectionsGoOn(String transport) throws Exception {
        Socket main = connect(transport, "/");

        // on the same connection as a connected socket
        Socket nope = main.io().socket("/nope", options(transport, Map.of()));
        opened.add(nope);
        assertConnectError(nope, Map.of("message", "Invalid namespace"));
        assertFalse(nope.connected());
        assertTrue(main.connected());
        roundTrip(main);

        // on a connection of its own
        Socket alone = socket(transport, "/nope", Map.of());
        assertConnectError(alone, Map.of("message", "Invalid namespace"));
        assertFalse(alone.connected());
        roundTrip(main);
        assertTrue(main.connected());
    }

    // --- events and acknowledgements

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void eventsGoBothWaysWithTheSameArguments(String transport) throws Exception {
        Socket s = connect(transport, "/");
        BlockingQueue<Object[]> back = record(s, "message-back");

        Object[] args = jsonArguments();
        s.emit("message", args);
        assertEquals(plain(args), plain(next(back)));

        s.emit("message", "only one");
        assertEquals(List.of("only one"), plain(next(back)));

        s.emit("message");
        assertEquals(List.of(), plain(next(back)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void clientAckGetsTheSameArguments(String transport) throws Exception {
        Socket s = connect(transport, "/");
        Object[] args = jsonArguments();
        assertEquals(plain(args), plain(ack(s, "message-with-ack", args)));
        assertEquals(List.of(), plain(ack(s, "message-with-ack")));
        // each ack goes to its own callback
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(i, "n" + i), plain(ack(s, "message-with-ack", i, "n" + i)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void serverAckIsAnsweredByTheClient(String transport) throws Exception {
        Socket s = connect(transport, "/");
        BlockingQueue<Object[]> questions = new LinkedBlockingQueue<>();
        s.on("question", args -> {
            questions.add(args);
            Ack answer = (Ack) args[args.length - 1];
            answer.call("yes", 42, obj("payload", args[0]));
        });
        JSONObject payload = obj("q", "why?", "n", 7);
        Object[] result = ack(s, "server-ask", 2000, payload);

        Object[] question = next(questions);
        assertEquals(2, question.length);
        assertEquals(Map.of("q", "why?", "n", 7), plain(question[0]));
        assertInstanceOf(Ack.class, question[1]);
        assertEquals(List.of("answered", List.of("yes", 42, Map.of("payload", Map.of("q", "why?", "n", 7)))),
                plain(result));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void serverAckTimesOutWhenTheClientDoesNotAnswer(String transport) throws Exception {
        Socket s = connect(transport, "/");
        BlockingQueue<Object[]> questions = record(s, "question");
        long start = System.nanoTime();
        Object[] result = ack(s, "server-ask", 300, "anyone?");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(List.of("timeout", "operation has timed out"), plain(result));
        assertTrue(elapsedMs >= 300, "timed out after " + elapsedMs + " ms, before the 300 ms asked");
        Object[] question = next(questions);
        assertEquals("anyone?", question[0]);
        // answering late is ignored, and the socket goes on
        ((Ack) question[1]).call("too late");
        roundTrip(s);
        assertTrue(s.connected());
    }

    // --- binary

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void binaryGoesBothWaysAtTopLevelAndNested(String transport) throws Exception {
        Socket s = connect(transport, "/");
        BlockingQueue<Object[]> back = record(s, "message-back");
        byte[] all = allByteValues();
        byte[] big = new byte[200_000];
        new java.util.Random(7).nextBytes(big);
        byte[] empty = new byte[0];
        JSONArray nestedArray = new JSONArray();
        nestedArray.put("first");
        nestedArray.put(new byte[] {1, 2, 3});
        nestedArray.put(obj("deeper", new byte[] {4, 5}));
        JSONObject nestedObject = obj("name", "file.bin", "content", all, "parts", nestedArray);
        Object[] args = {all, "text between", nestedObject, empty, big};

        s.emit("message", args);
        Object[] got = next(back);
        assertEquals(5, got.length);
        assertInstanceOf(byte[].class, got[0]);
        assertInstanceOf(byte[].class, got[3]);
        assertInstanceOf(byte[].class, got[4]);
        assertInstanceOf(byte[].class, ((JSONObject) got[2]).get("content"));
        assertEquals(plain(args), plain(got));

        // binary in acknowledgements, both ways
        assertEquals(plain(args), plain(ack(s, "message-with-ack", args)));
        s.on("question", a -> ((Ack) a[a.length - 1]).call(new byte[] {9, 8, 7}, obj("bin", a[0])));
        assertEquals(List.of("answered", List.of(bytes(9, 8, 7), Map.of("bin", bytes(all)))),
                plain(ack(s, "server-ask", 2000, all)));
    }

    // --- rooms

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void roomsReachTheirMembersOnly(String transport) throws Exception {
        Socket a = connect(transport, "/");
        Socket b = connect(transport, "/");
        BlockingQueue<Object[]> toA = record(a, "room-message");
        BlockingQueue<Object[]> toB = record(b, "room-message");

        assertEquals(Set.of(a.id(), "r1"), new HashSet<>((List<?>) plain(ack(a, "join-room", "r1")[0])));

        // b is not in r1: a gets io.to(r1) and socket.to(r1), b nothing
        assertEquals(List.of("sent"), plain(ack(b, "emit-to-room", "r1", obj("n", 1))));
        assertEquals(Set.of(List.of("r1", Map.of("n", 1), "io"), List.of("r1", Map.of("n", 1), "socket")),
                new HashSet<>(Arrays.asList(plain(next(toA)), plain(next(toA)))));
        roundTrip(a);
        roundTrip(b);
        assertTrue(toA.isEmpty(), () -> "a got more: " + describe(toA));
        assertTrue(toB.isEmpty(), () -> "b got: " + describe(toB));

        // b joins: socket.to(r1) excludes the sender
        assertEquals(Set.of(b.id(), "r1"), new HashSet<>((List<?>) plain(ack(b, "join-room", "r1")[0])));
        ack(b, "emit-to-room", "r1", "two");
        assertEquals(Set.of(List.of("r1", "two", "io"), List.of("r1", "two", "socket")),
                new HashSet<>(Arrays.asList(plain(next(toA)), plain(next(toA)))));
        assertEquals(List.of("r1", "two", "io"), plain(next(toB)));
        roundTrip(a);
        roundTrip(b);
        assertTrue(toA.isEmpty(), () -> "a got more: " + describe(toA));
        assertTrue(toB.isEmpty(), () -> "b got more: " + describe(toB));

        // a leaves: only b gets io.to(r1)
        assertEquals(List.of(a.id()), plain(ack(a, "leave-room", "r1")[0]));
        ack(b, "emit-to-room", "r1", "three");
        assertEquals(List.of("r1", "three", "io"), plain(next(toB)));
        roundTrip(a);
        roundTrip(b);
        assertTrue(toA.isEmpty(), () -> "a is no longer in r1 but got: " + describe(toA));
        assertTrue(toB.isEmpty(), () -> "b got more: " + describe(toB));
    }

    // --- middleware

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void middlewareRefusesAConnectionWithoutToken(String transport) throws Exception {
        Map<String, Object> refusal = Map.of("message", "not authorized",
                "data", Map.of("code", 401, "hint", "send auth.token"));
        Socket none = socket(transport, "/guarded", Map.of());
        BlockingQueue<Object[]> welcome = record(none, "welcome");
        assertConnectError(none, refusal);
        assertFalse(none.connected());

        Socket wrong = socket(transport, "/guarded", Map.of("token", "guess"));
        assertConnectError(wrong, refusal);
        assertFalse(wrong.connected());
        assertTrue(welcome.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void middlewareAcceptsTheRightToken(String transport) throws Exception {
        Socket s = socket(transport, "/guarded", Map.of("token", "secret"));
        BlockingQueue<Object[]> welcome = record(s, "welcome");
        connect(s);
        assertTrue(s.connected());
        assertEquals(List.of("admin", List.of("first", "guard")), plain(next(welcome)));
    }

    // --- disconnects

    static Stream<Arguments> serverDisconnects() {
        return transports().flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    @ParameterizedTest(name = "{0}, close {1}")
    @MethodSource("serverDisconnects")
    void serverDisconnectsTheSocket(String transport, boolean close) throws Exception {
        Socket observer = connect("websocket", "/");
        quietDisconnects(observer);
        Socket s = connect(transport, "/");
        CompletableFuture<Object[]> disconnect = once(s, Socket.EVENT_DISCONNECT);

        s.emit("disconnect-me", close);
        assertEquals(List.of("io server disconnect"), plain(disconnect.get(TIMEOUT_MS, MILLISECONDS)));
        assertFalse(s.connected());
        assertEquals(List.of("server namespace disconnect"), awaitDisconnects(observer, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void clientDisconnectIsSeenByTheServer(String transport) throws Exception {
        Socket observer = connect("websocket", "/");
        quietDisconnects(observer);
        Socket s = connect(transport, "/");
        CompletableFuture<Object[]> disconnect = once(s, Socket.EVENT_DISCONNECT);

        s.disconnect();
        assertEquals(List.of("io client disconnect"), plain(disconnect.get(TIMEOUT_MS, MILLISECONDS)));
        assertEquals(List.of("client namespace disconnect"), awaitDisconnects(observer, 1));
    }

    // --- failures and asynchronous observers

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aFailingHandlerDoesNotEndTheSession(String transport) throws Exception {
        Socket s = connect(transport, "/");
        String id = s.id();
        CompletableFuture<Object[]> disconnect = once(s, Socket.EVENT_DISCONNECT);
        for (int i = 0; i < 3; i++) {
            s.emit("throw", i);
            roundTrip(s);
        }
        assertTrue(s.connected());
        assertEquals(id, s.id());
        assertFalse(disconnect.isDone(), () -> "disconnected: " + Arrays.toString(disconnect.getNow(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void asyncObserverAcknowledges(String transport) throws Exception {
        Socket s = connect(transport, "/");
        Object[] got = ack(s, "async-echo", obj("k", List.of(1, 2)));
        assertEquals(3, got.length);
        assertEquals("async", got[0]);
        assertInstanceOf(String.class, got[1]);
        assertFalse(((String) got[1]).isEmpty());
        assertEquals(Map.of("k", List.of(1, 2)), plain(got[2]));
    }

    // --- transports, heartbeat, ordering

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void usesTheTransportAsked(String transport) throws Exception {
        Socket s = connect(transport, "/");
        if (DEFAULT.equals(transport)) {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (!"websocket".equals(serverTransport(s)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("websocket", serverTransport(s), "the default client did not upgrade");
        } else {
            assertEquals(transport, serverTransport(s));
            Thread.sleep(500);
            assertEquals(transport, serverTransport(s));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void heartbeatKeepsAnIdleConnectionOpen(String transport) throws Exception {
        Socket s = connect(transport, "/");
        String id = s.id();
        AtomicInteger pings = new AtomicInteger();
        engine(s).on(io.socket.engineio.client.Socket.EVENT_PING, a -> pings.incrementAndGet());
        CompletableFuture<Object[]> disconnect = once(s, Socket.EVENT_DISCONNECT);

        Thread.sleep(2000);

        assertFalse(disconnect.isDone(), () -> "disconnected: " + Arrays.toString(disconnect.getNow(null)));
        assertTrue(s.connected());
        assertEquals(id, s.id());
        // pingInterval 300 ms: about 6 pings in 2 s
        assertTrue(pings.get() >= 4 && pings.get() <= 8, "pings in 2 s: " + pings.get());
        roundTrip(s);
        if (DEFAULT.equals(transport)) {
            assertEquals("websocket", serverTransport(s));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void packetsKeepTheirOrder(String transport) throws Exception {
        Socket s = socket(transport, "/", Map.of());
        BlockingQueue<Object[]> seq = record(s, "seq");
        CompletableFuture<Object[]> seqEnd = once(s, "seq-end");
        connect(s);
        // sent at once, so that with the default client they straddle the upgrade
        int count = 200;
        for (int i = 0; i < count; i++) {
            s.emit("collect", i);
        }
        Object[] collected = ack(s, "collect-end");
        assertEquals(IntStream.range(0, count).boxed().toList(), plain(collected[0]));

        CompletableFuture<Object[]> disconnect = once(s, Socket.EVENT_DISCONNECT);
        assertEquals(List.of("started"), plain(ack(s, "stream", count)));
        Object[] end;
        try {
            end = seqEnd.get(TIMEOUT_MS, MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no seq-end within " + TIMEOUT_MS + " ms: " + seq.size() + " seq received, connected "
                    + s.connected() + ", disconnect " + Arrays.toString(disconnect.getNow(null)), e);
        }
        assertEquals(List.of(count), plain(end));
        List<Object> got = new ArrayList<>();
        for (Object[] a : drain(seq)) {
            got.add(plain(a[0]));
        }
        assertEquals(IntStream.range(0, count).boxed().toList(), got);
    }

    /**
     * 20 clients connected at once, each doing 20 acked round trips concurrently with the others;
     * afterwards the server holds nothing of them.
     *
     * <p>The load is shaped for a short pingTimeout on a small machine (this deployment had 200 ms,
     * now 1000 ms, see conformance-web.xml): the clients
     * connect one after the other (a few milliseconds each) rather than in the same instant, which
     * would align every session's heartbeat, and each pauses {@link #PAUSE_MS} between round trips.
     * Without that, the Java client (one event thread for all its sockets) falls behind on a busy
     * two-core machine: measured on the server, a long-polling client then takes up to 120 ms to send
     * its next GET, the ping waits for that GET, and the pong comes too late ("ping timeout"), while
     * the server answered every request at once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transportsAndDefault")
    void manyClientsAtOnce(String transport) throws Exception {
        int clients = 20;
        int roundTrips = 20;
        List<Socket> sockets = new ArrayList<>();
        Map<String, String> disconnects = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            String name = "c" + i;
            Socket s = socket(transport, "/", Map.of("client", name));
            s.on(Socket.EVENT_DISCONNECT, a -> disconnects.put(name, a[0] + " after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms"));
            sockets.add(connect(s));
        }
        assertEquals(clients, sockets.stream().map(Socket::id).distinct().count());

        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicInteger acked = new AtomicInteger();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            chain(sockets.get(i), "c" + i, 0, roundTrips, mismatches, acked, f);
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, SECONDS);
        } catch (TimeoutException e) {
            fail(acked.get() + " of " + clients * roundTrips + " round trips done; clients done: "
                    + done.stream().filter(CompletableFuture::isDone).count() + "; disconnected: " + disconnects
                    + "; the server saw: " + plain(ack(connect("websocket", "/"), "last-disconnects")[0]));
        }
        assertTrue(mismatches.isEmpty(), () -> "wrong acks: " + mismatches);
        assertEquals(clients * roundTrips, acked.get());
        assertTrue(disconnects.isEmpty(), () -> "disconnected: " + disconnects);
        assertTrue(sockets.stream().allMatch(Socket::connected));

        // all closed: the server holds nothing of them any more
        sockets.forEach(Socket::close);
        Socket observer = connect("websocket", "/");
        Map<?, ?> stats = (Map<?, ?>) plain(ack(observer, "stats")[0]);
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!Integer.valueOf(1).equals(stats.get("connections")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            stats = (Map<?, ?>) plain(ack(observer, "stats")[0]);
        }
        String report = "stats: " + stats;
        assertEquals(1, stats.get("connections"), report);
        assertEquals(1, stats.get("sockets/"), report);
        assertEquals(List.of(observer.id()), stats.get("rooms/"), report);
    }

    /** One client's acked round trips, one after the other with a short pause between, each checked. */
    private void chain(Socket s, String name, int i, int total, ConcurrentLinkedQueue<String> mismatches,
            AtomicInteger acked, CompletableFuture<Void> done) {
        if (i == total) {
            done.complete(null);
            return;
        }
        JSONObject payload = obj("client", name, "i", i);
        s.emit("message-with-ack", new Object[] {name, i, payload}, args -> {
            Object expected = List.of(name, i, Map.of("client", name, "i", i));
            Object got = plain(args);
            if (!expected.equals(got)) {
                mismatches.add(name + "#" + i + ": " + got);
            }
            acked.incrementAndGet();
            PACER.schedule(() -> chain(s, name, i + 1, total, mismatches, acked, done), PAUSE_MS, MILLISECONDS);
        });
    }

    // --- helpers: sockets

    private IO.Options options(String transport, Map<String, String> auth) {
        IO.Options opts = new IO.Options();
        opts.path = Endpoints.of(base).path();
        opts.forceNew = true;
        opts.reconnection = false;
        opts.timeout = TIMEOUT_MS;
        opts.callFactory = HTTP;
        opts.webSocketFactory = HTTP;
        if (!DEFAULT.equals(transport)) {
            opts.transports = new String[] {transport};
        }
        opts.auth = auth;
        return opts;
    }

    /** A new socket on its own connection, not yet connected; closed after the test. */
    private Socket socket(String transport, String nsp, Map<String, String> auth) {
        Socket s = IO.socket(URI.create(Endpoints.of(base).origin() + nsp), options(transport, auth));
        opened.add(s);
        return s;
    }

    private Socket connect(String transport, String nsp) throws Exception {
        return connect(socket(transport, nsp, Map.of()));
    }

    /** Connects and waits for the connection; a connect_error fails the test. */
    private static Socket connect(Socket s) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        s.once(Socket.EVENT_CONNECT, a -> connected.complete(null));
        s.once(Socket.EVENT_CONNECT_ERROR, a -> connected.completeExceptionally(
                new AssertionError("connect_error: " + Arrays.toString(a))));
        s.connect();
        connected.get(TIMEOUT_MS, MILLISECONDS);
        // why a socket went away, for the failure messages of ack()
        s.on(Socket.EVENT_DISCONNECT, a -> LOST.merge(s, "disconnect " + Arrays.toString(a), (x, y) -> x + ", " + y));
        engine(s).on(io.socket.engineio.client.Socket.EVENT_ERROR,
                a -> LOST.merge(s, "engine error " + Arrays.toString(a)
                        + (a.length > 0 && a[0] instanceof Throwable t ? " caused by " + t.getCause() : ""),
                        (x, y) -> x + ", " + y));
        return s;
    }

    /** Why each socket was lost, if it was. */
    private static final Map<Socket, String> LOST = Collections.synchronizedMap(new WeakHashMap<>());

    /** Connects and expects exactly this connect_error payload. */
    private static void assertConnectError(Socket s, Map<String, Object> expected) throws Exception {
        CompletableFuture<Object[]> error = once(s, Socket.EVENT_CONNECT_ERROR);
        CompletableFuture<Object[]> connected = once(s, Socket.EVENT_CONNECT);
        s.connect();
        Object[] args = error.get(TIMEOUT_MS, MILLISECONDS);
        assertEquals(1, args.length);
        assertInstanceOf(JSONObject.class, args[0]);
        assertEquals(expected, plain(args[0]));
        assertFalse(connected.isDone());
    }

    private static CompletableFuture<Object[]> once(Socket s, String event) {
        CompletableFuture<Object[]> f = new CompletableFuture<>();
        s.once(event, f::complete);
        return f;
    }

    private static BlockingQueue<Object[]> record(Socket s, String event) {
        BlockingQueue<Object[]> q = new LinkedBlockingQueue<>();
        s.on(event, q::add);
        return q;
    }

    private static Object[] next(BlockingQueue<Object[]> q) throws InterruptedException {
        Object[] args = q.poll(TIMEOUT_MS, MILLISECONDS);
        if (args == null) {
            fail("no event within " + TIMEOUT_MS + " ms");
        }
        return args;
    }

    private static List<Object[]> drain(BlockingQueue<Object[]> q) {
        List<Object[]> all = new ArrayList<>();
        q.drainTo(all);
        return all;
    }

    private static String describe(BlockingQueue<Object[]> q) {
        return q.stream().map(a -> String.valueOf(plain(a))).toList().toString();
    }

    /** Emits with an acknowledgement callback and waits for the answer. */
    private static Object[] ack(Socket s, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        s.emit(event, args, answer::complete);
        try {
            return answer.get(TIMEOUT_MS, MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no ack for " + event + " within " + TIMEOUT_MS + " ms (socket "
                    + (s.connected() ? "still connected)" : "disconnected: " + LOST.get(s) + ")"));
        }
    }

    /** An acked echo with a fresh value: the socket works both ways. */
    private static void roundTrip(Socket s) throws Exception {
        String probe = "probe-" + System.nanoTime();
        assertEquals(List.of(probe), plain(ack(s, "message-with-ack", probe)));
    }

    /** The transport the server sees this socket's connection on. */
    private static String serverTransport(Socket s) throws Exception {
        return (String) ack(s, "collect-end")[1];
    }

    /** The client's Engine.IO socket (the Manager keeps it in a package-private field). */
    private static io.socket.engineio.client.Socket engine(Socket s) throws ReflectiveOperationException {
        Field f = Manager.class.getDeclaredField("engine");
        f.setAccessible(true);
        return (io.socket.engineio.client.Socket) f.get(s.io());
    }

    /** Reads (and so clears) the server's disconnect reasons until none come in for a while. */
    private static void quietDisconnects(Socket observer) throws Exception {
        int quiet = 0;
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (quiet < 3) {
            List<?> reasons = (List<?>) plain(ack(observer, "last-disconnects")[0]);
            quiet = reasons.isEmpty() ? quiet + 1 : 0;
            if (System.currentTimeMillis() > deadline) {
                fail("disconnects keep coming: " + reasons);
            }
            Thread.sleep(100);
        }
    }

    /** The server's disconnect reasons once {@code count} came in, plus any that follow shortly. */
    private static List<Object> awaitDisconnects(Socket observer, int count) throws Exception {
        List<Object> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (all.size() < count && System.currentTimeMillis() < deadline) {
            all.addAll((List<?>) plain(ack(observer, "last-disconnects")[0]));
            Thread.sleep(50);
        }
        Thread.sleep(200);
        all.addAll((List<?>) plain(ack(observer, "last-disconnects")[0]));
        return all;
    }

    // --- helpers: values

    /** Strings, numbers, booleans, null, unicode, objects and arrays, as the client sends them. */
    private static Object[] jsonArguments() {
        JSONArray inner = new JSONArray();
        inner.put(1);
        inner.put("two");
        inner.put(obj("three", 3.5));
        inner.put(new JSONArray());
        inner.put(JSONObject.NULL);
        return new Object[] {
            "plain",
            "héllo wörld — 日本語 🎉 \"quoted\" back\\slash /slash\nline\ttab \u0001 \u2028 \u00a0",
            "",
            0, 42, -7, Integer.MAX_VALUE, 1234567890123L, -9007199254740991L, 3.25, -0.5, 0.1, 1.5e-7,
            true, false, null,
            obj("a", 1, "b", "bee", "nested", obj("deep", List.of()), "nothing", JSONObject.NULL,
                    "unicode ключ", "значение"),
            new JSONObject(),
            inner,
        };
    }

    /** A JSONObject from key/value pairs (lists become JSONArrays). */
    private static JSONObject obj(Object... kv) {
        JSONObject o = new JSONObject();
        try {
            for (int i = 0; i < kv.length; i += 2) {
                Object v = kv[i + 1];
                o.put((String) kv[i], v instanceof List<?> l ? new JSONArray(l) : v);
            }
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
        return o;
    }

    private static byte[] allByteValues() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** Bytes compared by value. */
    record Bytes(String hex) {
    }

    private static Bytes bytes(byte[] b) {
        return new Bytes(HexFormat.of().formatHex(b));
    }

    private static Bytes bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return bytes(b);
    }

    /**
     * A value as plain Java, comparable with equals: JSONObject to Map, JSONArray and arrays to
     * List, JSON null to null, byte[] to {@link Bytes}; an Ack callback is dropped.
     */
    private static Object plain(Object v) {
        if (v == null || JSONObject.NULL.equals(v)) {
            return null;
        }
        if (v instanceof JSONObject o) {
            Map<String, Object> m = new HashMap<>();
            for (Iterator<?> it = o.keys(); it.hasNext();) {
                String k = (String) it.next();
                m.put(k, plain(o.opt(k)));
            }
            return m;
        }
        if (v instanceof JSONArray a) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < a.length(); i++) {
                l.add(plain(a.opt(i)));
            }
            return l;
        }
        if (v instanceof byte[] b) {
            return bytes(b);
        }
        if (v instanceof Object[] arr) {
            List<Object> l = new ArrayList<>();
            for (Object o : arr) {
                if (!(o instanceof Ack)) {
                    l.add(plain(o));
                }
            }
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new HashMap<>();
            m.forEach((k, x) -> copy.put(k, plain(x)));
            return copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(x -> copy.add(plain(x)));
            return copy;
        }
        return v;
    }
}
