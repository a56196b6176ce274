package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.socketeer.engineio.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without Tomcat's internals (another Tomcat version, a session class without them), sends fall back
 * to one write per frame; the real Tomcat path runs in the Tomcat profiles' in-container suites.
 */
class TomcatAdapterTest {
    @Test
    void aSessionWithoutTomcatsInternalsGetsThePlainConnection() {
        List<String> sent = new ArrayList<>();
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, a) -> {
                    if (m.getName().equals("sendText")) {
                        sent.add((String) a[0]);
                        ((jakarta.websocket.SendHandler) a[1]).onResult(new jakarta.websocket.SendResult());
                    }
                    return null;
                });
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> m.getName().equals("getAsyncRemote") ? remote : null);

        WebSocketConnection connection = TomcatAdapter.connection(session);

        assertInstanceOf(JsrWebSocketConnection.class, connection);
        List<Throwable> results = new ArrayList<>();
        connection.sendText("4a", true, results::add);
        connection.sendText("4b", false, results::add);
        assertEquals(List.of("4a", "4b"), sent, "each frame written at once");
        assertEquals(2, results.size());
    }
}
