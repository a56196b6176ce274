package io.socketeer.it.client;

import io.socketeer.it.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens {@link TestClient}s and closes them after each test:
 *
 * <pre>{@code
 * @AfterEach
 * void closeClients() {
 *     TestClients.closeAll();
 * }
 *
 * @EveryClient
 * void roomsWork(ClientSetup setup) {
 *     TestClient a = setup.connect(endpoints, "/rooms");
 *     ...
 * }
 * }</pre>
 */
public final class TestClients {
    private static final List<TestClient> OPENED = new ArrayList<>();

    private TestClients() {
    }

    /**
     * A new connection of this client over this transport only ({@code websocket} or {@code polling}),
     * connected to {@code nsp} with this auth payload (string values: the Java client's auth is a
     * {@code Map<String, String>}).
     *
     * @throws ConnectError when the server refuses the namespace
     */
    public static TestClient connect(ClientKind kind, String transport, Endpoints endpoints, String nsp,
            Map<String, String> auth) {
        TestClient c = switch (kind) {
            case NODE, NODE_V2 -> NodeTestClient.connect(kind, transport, endpoints, nsp, auth);
            case JAVA -> JavaTestClient.connect(transport, endpoints, nsp, auth);
            case JAVA_V1 -> LegacyJavaClients.connect(transport, endpoints, nsp, auth);
        };
        synchronized (OPENED) {
            OPENED.add(c);
        }
        return c;
    }

    /** Closes every connection opened since the last call. */
    public static void closeAll() {
        List<TestClient> all;
        synchronized (OPENED) {
            all = new ArrayList<>(OPENED);
            OPENED.clear();
        }
        all.forEach(TestClient::close);
    }
}
