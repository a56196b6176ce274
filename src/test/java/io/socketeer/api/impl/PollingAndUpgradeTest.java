package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.WebSocketTransport;
import io.socketeer.parser.Json;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Socket.IO over long-polling, and the upgrade to WebSocket under a connected socket. */
class PollingAndUpgradeTest extends ServerFixture {
    private String handshake() {
        return handshakePolling(Engines.request(EngineOptions.POLLING));
    }

    @Test
    void connectEmitAndBinaryOverPolling() {
        String open = handshake();
        assertTrue(open.startsWith("0{\"sid\":\"" + session.id() + "\",\"upgrades\":[\"websocket\"]"), open);
        post("40");
        String reply = poll();
        assertTrue(reply.startsWith("40{\"sid\":\""), reply);
        Socket s = handlers.nextConnected();
        assertEquals("polling", s.transport());
        assertEquals(s.id(), ((Map<?, ?>) Json.parse(reply.substring(2))).get("sid"));

        s.emit("a", 1);
        s.emit("bin", new byte[] {1, 2, 3});
        assertEquals("42[\"a\",1]\u001e451-[\"bin\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID", poll());

        post("451-[\"up\",{\"_placeholder\":true,\"num\":0}]\u001ebBAU=");
        assertArrayEquals(new byte[] {4, 5}, (byte[]) handlers.nextEvent().arg(0));
    }

    @Test
    void binaryAttachmentsSpanningTwoPostsAreReassembled() {
        handshake();
        post("40");
        poll();
        post("452-[\"two\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]\u001ebAQ==");
        assertTrue(handlers.events.isEmpty());
        post("bAg==");
        var ev = handlers.nextEvent();
        assertArrayEquals(new byte[] {1}, (byte[]) ev.arg(0));
        assertArrayEquals(new byte[] {2}, (byte[]) ev.arg(1));
    }

    @Test
    void upgradeUnderAConnectedSocket() {
        handshake();
        post("40");
        poll();
        Socket s = handlers.nextConnected();
        FakePollExchange held = new FakePollExchange();
        polling().onPollRequest(held);
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = io.engine().upgrade(session.id(), conn);
        ws.onText("2probe");
        assertEquals("3probe", conn.nextText());
        assertEquals("6", held.awaitPayload());
        s.emit("during", 1);
        ws.onText("5");
        assertEquals("42[\"during\",1]", conn.nextText());
        assertEquals("websocket", s.transport());
        s.emit("after");
        assertEquals("42[\"after\"]", conn.nextText());
        ws.onText("42[\"from ws\"]");
        assertEquals("from ws", handlers.nextEvent().event());
        assertEquals(1, io.connectionCount());
    }

    @Test
    void pingTimeoutDisconnectsTheSockets() {
        SocketIoOptions quick = new SocketIoOptions(
                EngineOptions.builder().pingInterval(100).pingTimeout(50).build(), 2000, Set.of(), 10);
        io.close();
        io = new SocketIoServerImpl(quick, scheduler, handlers, MAPPER, AdapterFactory.IN_MEMORY);
        TestClient c = client();
        c.connect();
        assertSame(DisconnectReason.PING_TIMEOUT, handlers.nextDisconnection().reason());
        assertEquals(0, io.connectionCount());
        assertTrue(c.conn.awaitClosed(1000));
    }

    @Test
    void pongKeepsASocketConnected() throws Exception {
        SocketIoOptions quick = new SocketIoOptions(
                EngineOptions.builder().pingInterval(50).pingTimeout(100).build(), 2000, Set.of(), 10);
        io.close();
        io = new SocketIoServerImpl(quick, scheduler, handlers, MAPPER, AdapterFactory.IN_MEMORY);
        java.util.concurrent.atomic.AtomicReference<WebSocketTransport> ws =
                new java.util.concurrent.atomic.AtomicReference<>();
        FakeWebSocket conn = new FakeWebSocket().onText(t -> {
            if (t.equals("2")) {
                while (ws.get() == null) {
                    Thread.onSpinWait(); // the handshake call has not returned yet
                }
                ws.get().onText("3");
            }
        });
        ws.set(io.engine().handshakeWebSocket(Engines.request("websocket"), conn));
        ws.get().onText("40");
        assertTrue(eventually(
                () -> conn.texts().stream().filter("2"::equals).count() >= 4), "pings answered");
        assertTrue(handlers.disconnections.isEmpty());
        assertFalse(conn.isClosed());
    }
}
