package io.socketeer.it.client;

import io.socketeer.it.Endpoints;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A client and a transport ({@code websocket} or {@code polling}, each used alone): the parameter of
 * {@link EveryClient} tests.
 */
public record ClientSetup(ClientKind kind, String transport) {
    public static final String WEBSOCKET = "websocket";
    public static final String POLLING = "polling";

    /** Every client over every transport. */
    public static Stream<ClientSetup> all() {
        return Stream.of(new ClientSetup(ClientKind.NODE, WEBSOCKET), new ClientSetup(ClientKind.NODE, POLLING),
                new ClientSetup(ClientKind.JAVA, WEBSOCKET), new ClientSetup(ClientKind.JAVA, POLLING));
    }

    public boolean polling() {
        return POLLING.equals(transport);
    }

    /** A new connection to {@code nsp}, connected; see {@link TestClients#connect}. */
    public TestClient connect(Endpoints endpoints, String nsp) {
        return TestClients.connect(kind, transport, endpoints, nsp, Map.of());
    }

    /** A new connection to {@code nsp} with this auth payload, connected. */
    public TestClient connect(Endpoints endpoints, String nsp, Map<String, String> auth) {
        return TestClients.connect(kind, transport, endpoints, nsp, auth);
    }

    @Override
    public String toString() {
        return kind + " " + transport;
    }
}
