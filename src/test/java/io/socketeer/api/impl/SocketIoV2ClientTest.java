package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.ConnectionStateRecovery;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineRequest;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO v2 clients (Engine.IO v3, {@code allowEIO3}) as the reference server treats them: the
 * main namespace is joined at once, CONNECT answers carry no data, a namespace's query is the auth
 * payload, socket ids are the session id ({@code /nsp#sid}), and a refusal carries the message.
 */
class SocketIoV2ClientTest extends ServerFixture {
    @Override
    SocketIoServerImpl server(long connectTimeout) {
        EngineOptions engine = EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000).allowEIO3(true).build();
        // recovery on: a v2 client must still get plain answers (no pid, no offsets it cannot use)
        SocketIoOptions options = new SocketIoOptions(engine, connectTimeout, Set.of("/admin"), 10, false,
                new ConnectionStateRecovery(Duration.ofMinutes(2), true));
        return new SocketIoServerImpl(options, scheduler, handlers, MAPPER, AdapterFactory.IN_MEMORY);
    }

    private String handshake() {
        Map<String, String> q = Engines.query("EIO", "3", "transport", "polling");
        return handshakePolling(new EngineRequest("GET", "/socket.io/?EIO=3&transport=polling", q, Map.of(),
                "127.0.0.1", false, System.currentTimeMillis(), null));
    }

    /** One record of a v3 binary payload: 0 (text) or 1 (binary), the length's digits, 255, the bytes. */
    private static void record(java.io.ByteArrayOutputStream out, int kind, byte[] data) {
        out.write(kind);
        for (char d : Integer.toString(data.length).toCharArray()) {
            out.write(d - '0');
        }
        out.write(255);
        out.writeBytes(data);
    }

    @Test
    void theMainNamespaceIsJoinedAtOnceWithTheSessionIdAsSocketId() {
        String open = handshake();
        assertTrue(open.endsWith("2:40"), open);
        Socket s = handlers.nextConnected();
        assertEquals(session.id(), s.id());
        assertEquals("/", s.namespace().name());
        post("2:40"); // a second CONNECT to "/" is not a second socket
        post("24:42[\"hello\",\"v2\",{\"a\":1}]");
        io.socketeer.api.EventContext ev = RecordingHandlers.next(handlers.events);
        assertEquals("hello", ev.event());
        assertEquals(s.id(), ev.socket().id());
        assertTrue(handlers.connected.isEmpty(), "a second socket for the second CONNECT to /");
    }

    @Test
    void aNamespaceQueryIsTheAuthPayloadAndTheAnswerCarriesNoData() {
        handshake();
        handlers.nextConnected();
        io.of("/admin").use(hs -> {
            if (!"s3cret".equals(hs.auth().get("token"))) {
                hs.reject("not authorized");
            }
        });
        post("21:40/admin?token=wrong,");
        assertEquals("25:44/admin,\"not authorized\"", poll());
        post("22:40/admin?token=s3cret,");
        assertEquals("9:40/admin,", poll());
        Socket admin = handlers.nextConnected();
        assertEquals("/admin#" + session.id(), admin.id());
        assertEquals("s3cret", admin.handshake().auth().get("token"));
    }

    @Test
    void aRefusalWithDataSendsTheData() {
        io.of("/admin").use(hs -> hs.reject("not authorized", Map.of("code", 401)));
        handshake();
        handlers.nextConnected();
        post("9:40/admin,");
        assertEquals("21:44/admin,{\"code\":401}", poll());
    }

    @Test
    void aBinaryEventPostedAsABinaryPayloadGetsItsBinaryAckAsABinaryPayload() {
        handshake();
        handlers.nextConnected();
        assertTrue(polling().beginPost());
        // 451-7["echo",{"_placeholder":true,"num":0}] and its attachment [9, 8, 7], as socket.io-client 2.x posts them
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        record(body, 0, "451-7[\"echo\",{\"_placeholder\":true,\"num\":0}]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record(body, 1, new byte[] {4, 9, 8, 7});
        polling().onBinaryData(body.toByteArray());
        io.socketeer.api.EventContext ev = RecordingHandlers.next(handlers.events);
        assertEquals("echo", ev.event());
        ev.ack(ev.args().list().toArray());
        FakePollExchange ex = pollExchange();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        record(expected, 0, "461-7[{\"_placeholder\":true,\"num\":0}]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record(expected, 1, new byte[] {4, 9, 8, 7});
        assertEquals(java.util.HexFormat.of().formatHex(expected.toByteArray()),
                java.util.HexFormat.of().formatHex(ex.binaryPayloadNow()));
    }
}
