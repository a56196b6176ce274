package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.DisconnectReason;
import io.socketeer.api.EventContext;
import io.socketeer.api.EventListener;
import io.socketeer.api.PacketMiddleware;
import io.socketeer.api.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners registered in code: {@code socket.on/once/off/removeAllListeners}, catch-all incoming and
 * outgoing listeners, packet middleware ({@code socket.use}) and the {@code disconnecting} /
 * {@code disconnect} lifecycle, with the order they run in relative to the handlers (CDI observers).
 */
class ListenersTest extends ServerFixture {
    private TestClient client;
    private Socket socket;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void connect() {
        client = client();
        client.connect();
        socket = handlers.nextConnected();
        handlers.onEvent = ev -> calls.add("handler:" + ev.event());
    }

    @Test
    void onReceivesArgumentsAndAnswersAcks() {
        socket.on("sum", ev -> ev.ack(ev.arg(0, Integer.class) + ev.arg(1, Integer.class)));
        client.send("427[\"sum\",2,3]");
        assertEquals("437[5]", client.next());
        assertEquals("sum", handlers.nextEvent().event(), "handlers still see the event");
    }

    @Test
    void orderIsMiddlewareCatchAllListenersThenHandlers() throws Exception {
        socket.use((ev, next) -> {
            calls.add("use");
            next.proceed();
        });
        socket.on("x", ev -> calls.add("on:x"));
        socket.onAny(ev -> calls.add("any:" + ev.event()));
        socket.prependAny(ev -> calls.add("first-any"));
        client.send("42[\"x\"]");
        handlers.nextEvent();
        assertEquals(List.of("use", "first-any", "any:x", "on:x", "handler:x"), calls);
    }

    @Test
    void onceRunsOneTimeAndOffRemoves() {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        EventListener kept = ev -> got.add(ev.arg(0, Integer.class));
        EventListener removed = ev -> got.add(-1);
        socket.once("n", ev -> got.add(100 + ev.arg(0, Integer.class)));
        socket.on("n", kept).on("n", removed).off("n", removed);
        assertEquals(2, socket.listeners("n").size());
        client.send("42[\"n\",1]");
        handlers.nextEvent();
        client.send("42[\"n\",2]");
        handlers.nextEvent();
        assertEquals(List.of(101, 1, 2), got);
        assertEquals(List.of(kept), socket.listeners("n"));
        socket.removeAllListeners("n");
        assertTrue(socket.listeners("n").isEmpty());
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        socket.on("x", ev -> {
            throw new IllegalStateException("expected by the test");
        });
        socket.on("x", ev -> calls.add("second"));
        client.send("42[\"x\"]");
        handlers.nextEvent();
        assertEquals(List.of("second", "handler:x"), calls);
    }

    @Test
    void offAnyAndRemoveAllListeners() {
        EventListener any = ev -> calls.add("any");
        socket.onAny(any);
        socket.on("x", ev -> calls.add("on"));
        assertEquals(List.of(any), socket.listenersAny());
        socket.offAny(any).removeAllListeners();
        client.send("42[\"x\"]");
        handlers.nextEvent();
        assertEquals(List.of("handler:x"), calls);
    }

    @Test
    void middlewareRefusalReachesErrorListenersAndTheClientOnly() {
        AtomicReference<List<Object>> error = new AtomicReference<>();
        socket.on("error", ev -> error.set(ev.args().list()));
        socket.on("secret", ev -> calls.add("on:secret"));
        socket.use((ev, next) -> {
            if (ev.event().equals("secret")) {
                next.fail("unauthorized event", java.util.Map.of("event", ev.event()));
            } else {
                next.proceed();
            }
        });
        client.send("421[\"secret\",1]");
        assertEquals("42[\"error\",{\"message\":\"unauthorized event\",\"data\":{\"event\":\"secret\"}}]", client.next());
        assertEquals(List.of("unauthorized event", java.util.Map.of("event", "secret")), error.get());
        client.send("42[\"open\"]");
        assertEquals("open", handlers.nextEvent().event(), "the socket stays usable");
        assertEquals(List.of("handler:open"), calls, "the refused event reached no listener");
    }

    @Test
    void middlewareMayDecideLaterOnAnotherThread() throws Exception {
        CompletableFuture<PacketMiddleware.Next> pending = new CompletableFuture<>();
        socket.use((ev, next) -> pending.complete(next));
        client.send("42[\"later\"]");
        PacketMiddleware.Next next = pending.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(handlers.events.isEmpty());
        Thread t = new Thread(next::proceed);
        t.start();
        t.join();
        assertEquals("later", handlers.nextEvent().event());
    }

    @Test
    void aThrowingMiddlewareRefusesTheEvent() {
        socket.use((ev, next) -> {
            throw new IllegalArgumentException("bad input");
        });
        client.send("42[\"x\"]");
        assertEquals("42[\"error\",{\"message\":\"bad input\"}]", client.next());
        assertTrue(handlers.events.isEmpty());
    }

    @Test
    void outgoingListenersSeeEmitsAndBroadcasts() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        socket.onAnyOutgoing((event, args) -> out.add(event + args));
        socket.emit("direct", 1);
        io.emit("broadcast", "b");
        client.next();
        client.next();
        assertEquals(List.of("direct[1]", "broadcast[b]"), out);
        socket.offAnyOutgoing();
        socket.emit("after");
        client.next();
        assertEquals(2, out.size());
    }

    @Test
    void disconnectingSeesTheRoomsThenDisconnectTellsTheReason() {
        socket.join("r1");
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        socket.on("disconnecting", ev -> seen.add(Set.copyOf(ev.socket().rooms())));
        socket.on("disconnect", ev -> {
            seen.add(ev.arg(0));
            seen.add(ev.socket().rooms());
        });
        client.send("41");
        Set<String> handlerSaw = RecordingHandlers.next(handlers.roomsWhileDisconnecting);
        assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, handlers.nextDisconnection().reason());
        assertEquals(Set.of(socket.id(), "r1"), seen.get(0));
        assertEquals(Set.of(socket.id(), "r1"), handlerSaw);
        assertEquals("client namespace disconnect", seen.get(1));
        assertEquals(Set.of(), seen.get(2));
        assertFalse(socket.connected());
    }

    @Test
    void eventsAfterTheDisconnectReachNobody() {
        CompletableFuture<PacketMiddleware.Next> pending = new CompletableFuture<>();
        socket.use((ev, next) -> pending.complete(next));
        socket.on("late", ev -> calls.add("late"));
        client.send("42[\"late\"]");
        socket.disconnect(false);
        pending.join().proceed();
        assertTrue(calls.isEmpty(), calls.toString());
    }

    /** The context passed to every listener of one event is the same, so only one ack goes out. */
    @Test
    void oneAckPerEventWhoeverAnswers() {
        socket.onAny(EventContext::ack);
        socket.on("q", ev -> ev.ack("second"));
        client.send("429[\"q\"]");
        assertEquals("439[]", client.next());
        assertTrue(client.conn.silentFor(50));
    }
}
