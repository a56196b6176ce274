package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.Namespace;
import io.socketeer.api.ParentNamespace;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Dynamic namespaces: children created on their first CONNECT when a regular expression or a
 * predicate accepts the name, sharing the parent's middleware and connection listeners; broadcasting
 * on the parent; cleanupEmptyChildNamespaces; new-namespace notifications; namespace middleware and
 * connection listeners in code; serverSideEmit with no other server.
 */
class DynamicNamespacesTest extends ServerFixture {

    private SocketIoServerImpl serverWithCleanup() {
        io.close();
        SocketIoOptions options = new SocketIoOptions(EngineOptions.builder().pingInterval(10_000).build(), 2_000,
                Set.of(), 10, true);
        io = new SocketIoServerImpl(options, scheduler, handlers, MAPPER, AdapterFactory.IN_MEMORY);
        io.ready();
        handlers.namespaces.clear();
        return io;
    }

    @Test
    void aRegexParentCreatesChildrenOnConnect() {
        ParentNamespace workspaces = io.of(Pattern.compile("^/workspace-\\d+$"));
        assertSame(workspaces, io.of(Pattern.compile("^/workspace-\\d+$")), "same expression, same parent");
        TestClient c = client();
        c.connect("/workspace-7");
        Socket s = handlers.nextConnected();
        assertEquals("/workspace-7", s.namespace().name());
        assertEquals(Set.of("/workspace-7"), workspaces.children().stream().map(Namespace::name)
                .collect(java.util.stream.Collectors.toSet()));
        assertSame(workspaces, s.namespace().parent().orElseThrow());
        c.send("40/workspace-x,");
        assertEquals("44/workspace-x,{\"message\":\"Invalid namespace\"}", c.next());
    }

    @Test
    void childrenShareTheParentsMiddlewareAndListeners() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        ParentNamespace rooms = io.of(name -> name.startsWith("/room/"));
        assertTrue(rooms.name().startsWith("/_"));
        rooms.use(hs -> {
            calls.add("parent-mw " + hs.namespace());
            if ("no".equals(hs.auth().get("x"))) {
                hs.reject("refused by parent");
            }
        }).onConnection(socket -> calls.add("parent-conn " + socket.namespace().name()));
        TestClient c = client();
        c.send("40/room/a,{\"x\":\"no\"}");
        assertEquals("44/room/a,{\"message\":\"refused by parent\"}", c.next());
        c.connect("/room/a");
        Socket s = handlers.nextConnected();
        assertEquals(List.of("parent-mw /room/a", "parent-mw /room/a", "parent-conn /room/a"), calls);
        assertEquals("/room/a", s.namespace().name());
    }

    @Test
    void aMatcherSeesTheAuthPayload() {
        io.of((name, auth) -> name.startsWith("/tenant-") && "t".equals(auth.get("token")));
        TestClient c = client();
        c.send("40/tenant-1,{\"token\":\"wrong\"}");
        assertEquals("44/tenant-1,{\"message\":\"Invalid namespace\"}", c.next());
        c.send("40/tenant-1,{\"token\":\"t\"}");
        assertTrue(c.next().startsWith("40/tenant-1,{\"sid\""));
    }

    @Test
    void broadcastingOnTheParentReachesEveryChild() throws Exception {
        ParentNamespace parent = io.of(Pattern.compile("^/w\\d$"));
        TestClient a = client();
        a.connect("/w1");
        TestClient b = client();
        b.connect("/w2");
        TestClient other = client();
        other.connect();
        parent.emit("maintenance", "soon");
        assertEquals("42/w1,[\"maintenance\",\"soon\"]", a.next());
        assertEquals("42/w2,[\"maintenance\",\"soon\"]", b.next());
        assertTrue(other.conn.silentFor(50));
        assertEquals(2, parent.fetchSockets().toCompletableFuture().get().size());
    }

    @Test
    void emptyChildrenAreRemovedWithCleanupEmptyChildNamespaces() {
        serverWithCleanup();
        ParentNamespace parent = io.of(Pattern.compile("^/tmp-.*$"));
        TestClient c = client();
        c.connect("/tmp-1");
        handlers.nextConnected();
        assertTrue(io.namespaces().contains("/tmp-1"));
        c.send("41/tmp-1,");
        handlers.nextDisconnection();
        assertFalse(io.namespaces().contains("/tmp-1"), io.namespaces().toString());
        assertTrue(parent.children().isEmpty());
        c.connect("/tmp-1");
        handlers.nextConnected();
        assertTrue(io.namespaces().contains("/tmp-1"), "a new CONNECT creates it again");
    }

    @Test
    void childrenStayWithoutCleanup() {
        io.of(Pattern.compile("^/keep-.*$"));
        TestClient c = client();
        c.connect("/keep-1");
        handlers.nextConnected();
        c.send("41/keep-1,");
        handlers.nextDisconnection();
        assertTrue(io.namespaces().contains("/keep-1"));
    }

    @Test
    void newNamespacesAreAnnouncedOnceTheServerIsReady() {
        assertTrue(handlers.namespaces.isEmpty(), "nothing before ready()");
        io.ready();
        Set<String> atStart = new java.util.HashSet<>();
        Namespace n;
        while ((n = handlers.namespaces.poll()) != null) {
            atStart.add(n.name());
        }
        assertEquals(Set.of("/", "/admin"), atStart);
        io.of("/later");
        assertEquals("/later", RecordingHandlers.next(handlers.namespaces).name());
        io.of(Pattern.compile("^/dyn$"));
        client().connect("/dyn");
        assertEquals("/dyn", RecordingHandlers.next(handlers.namespaces).name());
    }

    @Test
    void namespaceMiddlewareAndConnectionListenersInCode() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        handlers.onHandshake = hs -> calls.add("observer");
        handlers.onConnected = s -> calls.add("connected-observer");
        io.of("/admin").use(hs -> calls.add("use-1")).use(hs -> {
            calls.add("use-2");
            hs.socket().data().put("checked", true);
        }).onConnection(s -> calls.add("listener " + s.data().get("checked")));
        client().connect("/admin");
        handlers.nextConnected();
        assertEquals(List.of("use-1", "use-2", "observer", "listener true", "connected-observer"), calls);
    }

    @Test
    void aRefusingMiddlewareInCodeStopsTheRest() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        handlers.onHandshake = hs -> calls.add("observer");
        io.of("/admin").use(hs -> hs.reject("nope")).use(hs -> calls.add("second"));
        TestClient c = client();
        c.send("40/admin,");
        assertEquals("44/admin,{\"message\":\"nope\"}", c.next());
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void serverSideEmitWithNoOtherServer() throws Exception {
        io.serverSideEmit("hello", 1);
        assertEquals(List.of(), io.serverSideEmitWithAck(Duration.ofMillis(100), "hello", 1)
                .toCompletableFuture().get());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> io.serverSideEmit("disconnect"));
    }
}
