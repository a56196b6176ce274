package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.QuietLog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events both ways, acknowledgements both ways, binary, reserved names, volatile. */
class EventsAndAcksTest extends ServerFixture {

    public record Msg(String text, int n) { }

    private TestClient connected() {
        TestClient c = client();
        c.connect();
        return c;
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(2, TimeUnit.SECONDS);
    }

    private static Throwable failure(java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(2, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void eventReachesHandlerWithArguments() {
        TestClient c = connected();
        c.send("42[\"chat\",\"hi\",{\"text\":\"yo\",\"n\":3},[1,2],null,2.5]");
        EventContext ev = handlers.nextEvent();
        assertEquals("chat", ev.event());
        assertEquals(5, ev.args().size());
        assertEquals("hi", ev.arg(0));
        assertEquals(new Msg("yo", 3), ev.arg(1, Msg.class));
        assertEquals(Map.of("text", "yo", "n", 3), ev.arg(1));
        assertEquals(List.of(1, 2), ev.arg(2));
        assertNull(ev.arg(3));
        assertEquals(2.5, ev.arg(4, Double.class));
        assertEquals(2, ev.arg(4, Integer.class));
        assertEquals("[1,2]", ev.arg(2, String.class));
        assertNull(ev.arg(9), "missing arguments are null");
        assertFalse(ev.hasAck());
        assertSame(handlers.nextConnected(), ev.socket());
    }

    @Test
    void eventWithNumericName() {
        TestClient c = connected();
        c.send("42[7,\"x\"]");
        assertEquals("7", handlers.nextEvent().event());
    }

    @Test
    void ackAnswersWithTheEventsId() {
        handlers.onEvent = ev -> {
            ev.ack("ok", 2);
            ev.ack("second ack is ignored");
        };
        TestClient c = connected();
        c.send("4212[\"q\",1]");
        assertTrue(handlers.nextEvent().hasAck());
        assertEquals("4312[\"ok\",2]", c.next());
        assertTrue(c.conn.silentFor(30));
    }

    @Test
    void ackWithoutArgumentsAndInNamespace() {
        handlers.onEvent = EventContext::ack;
        TestClient c = client();
        c.connect("/admin");
        c.send("42/admin,5[\"q\"]");
        assertEquals("43/admin,5[]", c.next());
    }

    @Test
    void ackIsNotSentWhenNoneWasAsked() {
        handlers.onEvent = ev -> ev.ack("nobody asked");
        TestClient c = connected();
        c.send("42[\"q\"]");
        handlers.nextEvent();
        assertTrue(c.conn.silentFor(30));
    }

    @Test
    void binaryEventAndBinaryAckRoundTrip() {
        handlers.onEvent = ev -> {
            byte[] in = ev.arg(0, byte[].class);
            byte[] out = {in[2], in[1], in[0]};
            ev.ack(out);
            ev.socket().emit("down", Map.of("data", ByteBuffer.wrap(in)), "t");
        };
        TestClient c = connected();
        c.send("451-3[\"up\",{\"_placeholder\":true,\"num\":0},\"x\"]");
        assertTrue(handlers.events.isEmpty(), "waits for the attachment");
        c.sendBinary(new byte[] {1, 2, 3});
        EventContext ev = handlers.nextEvent();
        assertEquals("up", ev.event());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) ev.arg(0));
        assertEquals("x", ev.arg(1));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), ev.arg(0, ByteBuffer.class));
        assertEquals("461-3[{\"_placeholder\":true,\"num\":0}]", c.next());
        assertArrayEquals(new byte[] {3, 2, 1}, c.conn.nextBinary());
        assertEquals("451-[\"down\",{\"data\":{\"_placeholder\":true,\"num\":0}},\"t\"]", c.next());
        assertArrayEquals(new byte[] {1, 2, 3}, c.conn.nextBinary());
    }

    @Test
    void serverEmitReachesTheClient() {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        s.emit("welcome", "hi", Map.of("n", 1), List.of(true), new Msg("m", 2));
        assertEquals("42[\"welcome\",\"hi\",{\"n\":1},[true],{\"n\":2,\"text\":\"m\"}]", c.next());
        s.emit("empty");
        assertEquals("42[\"empty\"]", c.next());
    }

    @Test
    void serverEmitWithAckCompletesWithTheClientsAnswer() throws Exception {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        var answer = s.timeout(Duration.ofSeconds(2)).emitWithAck("q", 1);
        assertEquals("420[\"q\",1]", c.next());
        c.send("430[\"a\",{\"text\":\"t\",\"n\":5}]");
        Arguments args = await(answer);
        assertEquals("a", args.get(0));
        assertEquals(new Msg("t", 5), args.get(1, Msg.class));
        assertEquals(2, args.size());

        var second = s.emitWithAck("q2");
        assertEquals("421[\"q2\"]", c.next());
        c.send("431");
        assertEquals(0, await(second).size());
    }

    @Test
    void serverEmitWithAckTimesOut() {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        long start = System.nanoTime();
        var answer = s.timeout(Duration.ofMillis(50)).emitWithAck("q");
        assertEquals("420[\"q\"]", c.next());
        assertInstanceOf(AckTimeoutException.class, failure(answer));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 45);
        c.send("430[\"late\"]"); // a late answer is ignored
        assertFalse(c.conn.isClosed());
    }

    @Test
    void pendingAckFailsWhenTheSocketDisconnects() {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        var answer = s.emitWithAck("q");
        c.next();
        c.send("41");
        assertInstanceOf(AckTimeoutException.class, failure(answer));
        assertInstanceOf(AckTimeoutException.class, failure(s.emitWithAck("after")));
    }

    @Test
    void binaryAckFromTheClient() throws Exception {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        var answer = s.timeout(Duration.ofSeconds(2)).emitWithAck("give");
        assertEquals("420[\"give\"]", c.next());
        c.send("461-0[{\"_placeholder\":true,\"num\":0}]");
        c.sendBinary(new byte[] {4, 2});
        assertArrayEquals(new byte[] {4, 2}, (byte[]) await(answer).get(0));
    }

    @Test
    void broadcastWithAckCollectsEveryAnswer() throws Exception {
        TestClient a = connected();
        TestClient b = connected();
        var answers = io.timeout(Duration.ofSeconds(2)).emitWithAck("poll", 1);
        String fa = a.next();
        String fb = b.next();
        assertEquals("420[\"poll\",1]", fa);
        assertEquals(fa, fb);
        a.send("430[\"yes\"]");
        assertFalse(answers.toCompletableFuture().isDone());
        b.send("430[\"no\"]");
        List<Arguments> list = await(answers);
        assertEquals(2, list.size());
        assertEquals(java.util.Set.of("yes", "no"), java.util.Set.of(list.get(0).get(0), list.get(1).get(0)));
    }

    @Test
    void broadcastWithAckTimesOutWithThePartialAnswers() {
        TestClient a = connected();
        TestClient b = connected();
        var answers = io.timeout(Duration.ofMillis(300)).emitWithAck("poll");
        a.next();
        b.next();
        a.send("430[\"only me\"]");
        AckTimeoutException e = assertInstanceOf(AckTimeoutException.class, failure(answers));
        assertEquals(1, e.responses().size());
        assertEquals("only me", e.responses().get(0).get(0));
    }

    @Test
    void broadcastWithAckToNobodyCompletesAtOnce() throws Exception {
        assertEquals(List.of(), await(io.to("empty").timeout(Duration.ofSeconds(1)).emitWithAck("q")));
    }

    @Test
    void broadcastWithAckNeedsATimeout() {
        assertThrows(IllegalStateException.class, () -> io.emitWithAck("q"));
    }

    @Test
    void reservedEventNamesCannotBeEmitted() {
        connected();
        Socket s = handlers.nextConnected();
        for (String name : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
                "removeListener")) {
            assertThrows(IllegalArgumentException.class, () -> s.emit(name), name);
            assertThrows(IllegalArgumentException.class, () -> s.emitWithAck(name), name);
            assertThrows(IllegalArgumentException.class, () -> s.timeout(Duration.ofSeconds(1)).emit(name), name);
            assertThrows(IllegalArgumentException.class, () -> s.volatile_().emit(name), name);
            assertThrows(IllegalArgumentException.class, () -> s.broadcast().emit(name), name);
            assertThrows(IllegalArgumentException.class, () -> io.emit(name), name);
            assertThrows(IllegalArgumentException.class, () -> io.to("r").emit(name), name);
            assertThrows(IllegalArgumentException.class, () -> io.of("/admin").emit(name), name);
            assertThrows(IllegalArgumentException.class,
                    () -> io.timeout(Duration.ofSeconds(1)).emitWithAck(name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> s.emit(null));
    }

    @Test
    void volatileEventIsDroppedWhileTheTransportIsBusy() {
        FakeWebSocket conn = new FakeWebSocket().manual();
        TestClient c = new TestClient(io, conn);
        assertTrue(conn.completeOne());
        c.send("40");
        assertTrue(c.next().startsWith("40{"));
        assertTrue(conn.completeOne());
        Socket s = handlers.nextConnected();
        s.volatile_().emit("v", 1);          // idle transport: sent
        assertEquals("42[\"v\",1]", c.next());
        s.volatile_().emit("v", 2);          // a send is in flight: dropped
        s.emit("kept", 3);                   // not volatile: queued
        assertTrue(conn.completeOne());
        assertEquals("42[\"kept\",3]", c.next());
        assertTrue(conn.completeOne());
        s.volatile_().emit("v", 4);
        assertEquals("42[\"v\",4]", c.next());
        assertFalse(conn.texts().contains("42[\"v\",2]"));
    }

    @Test
    void ackIdsStartAtZero() throws Exception {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        s.emitWithAck("a");
        assertEquals("420[\"a\"]", c.next());
        s.emitWithAck("b");
        assertEquals("421[\"b\"]", c.next());
    }

    @Test
    void socketAndBroadcastAckIdsDoNotCollide() throws Exception {
        TestClient c = connected();
        Socket s = handlers.nextConnected();
        var own = s.timeout(Duration.ofSeconds(2)).emitWithAck("mine");
        var all = io.timeout(Duration.ofSeconds(2)).emitWithAck("everyone");
        assertEquals("420[\"mine\"]", c.next());
        assertEquals("421[\"everyone\"]", c.next());
        c.send("431[\"to broadcast\"]");
        c.send("430[\"to socket\"]");
        assertEquals("to socket", await(own).get(0));
        assertEquals("to broadcast", await(all).get(0).get(0));
    }

    @Test
    void handlerFailureDoesNotCloseTheConnection() {
        handlers.onEvent = ev -> {
            throw new IllegalStateException("handler bug");
        };
        TestClient c = connected();
        try (QuietLog q = QuietLog.of(Client.class)) {
            c.send("42[\"a\"]");
            handlers.nextEvent();
            c.send("42[\"b\"]");
        }
        assertEquals("b", handlers.nextEvent().event());
        assertFalse(c.conn.isClosed());
    }

    @Test
    void unknownAckIdIsIgnored() {
        TestClient c = connected();
        c.send("4399[\"x\"]");
        c.send("42[\"still\"]");
        assertEquals("still", handlers.nextEvent().event());
    }

    @Test
    void emitToAnotherSocketFromAHandler() {
        TestClient a = connected();
        Socket sa = handlers.nextConnected();
        TestClient b = connected();
        handlers.nextConnected();
        CompletableFuture<String> seen = new CompletableFuture<>();
        handlers.onEvent = ev -> {
            sa.emit("relay", ev.arg(0));
            seen.complete(ev.event());
        };
        b.send("42[\"say\",\"hey\"]");
        assertEquals("42[\"relay\",\"hey\"]", a.next());
        assertEquals("say", seen.getNow(null));
        assertTrue(b.conn.silentFor(20), "the sender gets nothing");
    }
}
