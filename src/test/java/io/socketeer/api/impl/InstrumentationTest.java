package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.DisconnectReason;
import io.socketeer.api.Instrumentation;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's instrumentation hooks ({@link Instrumentation}): what each sees, in which order. */
class InstrumentationTest extends ServerFixture {
    @Test
    void hooksSeeConnectionsSocketsRoomsAndPackets() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        long[] bytes = new long[2];
        io.instrument(new Instrumentation() {
            @Override
            public void connectionOpened(String sid, String transport) {
                seen.add("open " + transport);
            }

            @Override
            public void connectionClosed(String sid, String reason) {
                seen.add("close " + reason);
            }

            @Override
            public void packetReceived(int n) {
                bytes[0] += n;
            }

            @Override
            public void packetSent(int n) {
                bytes[1] += n;
            }

            @Override
            public void namespaceCreated(Namespace nsp) {
                seen.add("nsp " + nsp.name());
            }

            @Override
            public void socketConnected(Socket socket, String clientId) {
                seen.add("connected " + socket.namespace().name() + " " + clientId.length());
            }

            @Override
            public void socketDisconnected(Socket socket, DisconnectReason reason) {
                seen.add("disconnected " + reason);
            }

            @Override
            public void roomJoined(Namespace nsp, String room, String socketId) {
                seen.add("joined " + (room.equals(socketId) ? "own" : room));
            }

            @Override
            public void roomLeft(Namespace nsp, String room, String socketId) {
                seen.add("left " + (room.equals(socketId) ? "own" : room));
            }
        });
        assertTrue(seen.containsAll(List.of("nsp /", "nsp /admin")), seen.toString());
        io.of("/later");
        assertTrue(seen.contains("nsp /later"), seen.toString());
        TestClient c = client();
        String id = c.connect();
        Socket s = io.sockets().sockets().get(id);
        s.join("café");
        s.leave("café");
        s.leave("never joined");
        c.send("42[\"é\"]");                 // the message "2[\"é\"]": 7 bytes in UTF-8
        c.send("41");
        assertTrue(eventually(() -> seen.contains("disconnected client namespace disconnect")), seen.toString());
        c.ws.onClosed();
        assertTrue(eventually(() -> seen.contains("close transport close")), seen.toString());
        assertEquals(List.of("open websocket", "joined own", "connected / 20", "joined café", "left café",
                "left own", "disconnected client namespace disconnect", "close transport close"),
                seen.subList(3, seen.size()));
        assertEquals(1 + 7 + 1, bytes[0], "the messages' data (as engine.io's packet event): 0, 2[\"é\"], 1");
        assertEquals("0{\"sid\":\"\"}".length() + id.length(), bytes[1], "the CONNECT answer's data");
    }

    @Test
    void onlyOneInstrumentation() {
        io.instrument(new Instrumentation() { });
        assertThrows(IllegalStateException.class, () -> io.instrument(new Instrumentation() { }));
    }
}
