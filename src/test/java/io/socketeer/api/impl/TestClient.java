package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.WebSocketTransport;
import io.socketeer.parser.Json;
import java.util.Map;

/** A Socket.IO client over a fake WebSocket: writes raw frames, reads raw frames. */
final class TestClient {
    final FakeWebSocket conn;
    final WebSocketTransport ws;
    final String engineSid;

    TestClient(SocketIoServerImpl io) {
        this(io, new FakeWebSocket());
    }

    /** Over this connection; a manual one must have its handshake send completed by the caller. */
    TestClient(SocketIoServerImpl io, FakeWebSocket conn) {
        this.conn = conn;
        ws = io.engine().handshakeWebSocket(Engines.request("websocket"), conn);
        String open = conn.nextText();
        assertTrue(open.startsWith("0{"), open);
        engineSid = (String) ((Map<?, ?>) Json.parse(open.substring(1))).get("sid");
    }

    void send(String frame) {
        ws.onText(frame);
    }

    void sendBinary(byte[] data) {
        ws.onBinary(data);
    }

    String next() {
        return conn.nextText();
    }

    /** Joins {@code /}: returns the socket id. */
    String connect() {
        return connect("/");
    }

    /** Joins a namespace: returns the socket id from {@code 40<nsp>,{"sid":...}}. */
    String connect(String nsp) {
        String prefix = "/".equals(nsp) ? "40" : "40" + nsp + ",";
        send(prefix);
        String reply = next();
        while (reply.equals("2")) { // a heartbeat ping may come first on a slow machine
            reply = next();
        }
        assertTrue(reply.startsWith(prefix + "{"), reply);
        Map<?, ?> data = (Map<?, ?>) Json.parse(reply.substring(prefix.length()));
        assertEquals(1, data.size(), reply);
        return (String) data.get("sid");
    }
}
