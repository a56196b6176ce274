package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientKind;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.ConnectError;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import io.socketeer.it.client.Values;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disconnects and their reasons, as the server reports them to {@code @OnDisconnect} observers and
 * as the clients report them: leaving a namespace from either side, the connection closed by the
 * client, a client that stops answering pings, an invalid packet; {@code disconnectSockets(true)} on
 * a namespace ends whole connections while {@code disconnect(false)} leaves a connection's other
 * namespaces connected; reserved event names cannot be emitted; a refused CONNECT reaches the
 * client with the server's message and data and leaves the connection's other sockets alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DisconnectIT {
    private static final String NSP = DisconnectHandlers.NSP;
    private static final String OTHER = DisconnectHandlers.OTHER;
    private static final String ALL = DisconnectHandlers.ALL;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(DisconnectHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private TestClient connect(ClientSetup setup, String nsp) {
        return setup.connect(Endpoints.of(base), nsp);
    }

    /** The reason the server gave for the socket's disconnect, asked until it has one. */
    private static String serverReason(TestClient observer, String socketId) {
        long deadline = System.currentTimeMillis() + TestClient.TIMEOUT.toMillis();
        while (true) {
            Object reason = observer.emitWithAck("reason", socketId).get(0);
            if (reason != null) {
                return (String) reason;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the server saw no disconnect of " + socketId + " within "
                        + TestClient.TIMEOUT.toMillis() + " ms");
            }
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @EveryClient
    void aClientLeavingIsClientNamespaceDisconnect(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient observer = connect(setup, NSP);
        a.disconnect();
        assertEquals("io client disconnect", a.disconnectReason());
        assertEquals("client namespace disconnect", serverReason(observer, a.id()));
    }

    @EveryClient
    void theServerDisconnectingASocketIsServerNamespaceDisconnect(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient observer = connect(setup, NSP);
        a.emitWithAck("disconnect-me", false);
        assertEquals("io server disconnect", a.disconnectReason());
        assertEquals("server namespace disconnect", serverReason(observer, a.id()));
    }

    @EveryClient
    void theClientClosingTheConnectionIsTransportClose(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient observer = connect(setup, NSP);
        a.dropConnection();
        assertEquals("forced close", a.disconnectReason());
        assertEquals("transport close", serverReason(observer, a.id()));
    }

    /**
     * The client's event loop freezes for longer than pingInterval + pingTimeout (300 + 1000 ms): it
     * answers no ping, and the server closes the connection with {@code ping timeout}. Every socket of
     * the same kind of client freezes with it, so the observer connects afterwards.
     */
    @EveryClient
    void aClientThatStopsAnsweringPingsIsPingTimeout(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        a.sync();
        a.freeze(Duration.ofMillis(2500));
        String clientReason = a.disconnectReason();
        assertTrue(List.of("ping timeout", "transport close", "transport error").contains(clientReason),
                () -> "the client's reason: " + clientReason);
        TestClient observer = connect(setup, NSP);
        assertEquals("ping timeout", serverReason(observer, a.id()));
    }

    /**
     * The server closes the connection after an invalid packet. The client sees {@code transport close},
     * except the Java client over WebSocket: its transport listens only for OkHttp's {@code onClosed},
     * which comes once the close handshake is complete, and it never answers the server's close frame,
     * so it learns of the close from its own heartbeat check ({@code ping timeout}) or when the TCP
     * connection goes ({@code transport error}).
     */
    @EveryClient
    void anInvalidPacketIsForcedCloseAndTheClientSeesTransportClose(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient observer = connect(setup, NSP);
        a.sendRaw("9 is no packet type");
        String clientReason = a.disconnectReason();
        if (setup.kind() == ClientKind.JAVA && !setup.polling()) {
            assertTrue(List.of("transport close", "ping timeout", "transport error").contains(clientReason), clientReason);
        } else {
            assertEquals("transport close", clientReason);
        }
        assertEquals("forced close", serverReason(observer, a.id()));
        observer.sync();
        assertTrue(observer.connected());
    }

    @EveryClient
    void disconnectWithoutCloseLeavesTheOtherNamespacesOfTheConnectionConnected(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient aOther = a.socket(OTHER, Map.of());
        TestClient observer = connect(setup, NSP);

        a.emitWithAck("disconnect-me", false);
        assertEquals("io server disconnect", a.disconnectReason());
        aOther.sync();
        assertTrue(aOther.connected());
        assertFalse(aOther.connectionClosed());
        assertEquals("server namespace disconnect", serverReason(observer, a.id()));

        // with close, the other namespace goes too
        TestClient b = connect(setup, NSP);
        TestClient bOther = b.socket(OTHER, Map.of());
        b.emitWithAck("disconnect-me", true);
        assertEquals("io server disconnect", b.disconnectReason());
        assertEquals("io server disconnect", bOther.disconnectReason());
        b.connectionCloseReason();
        assertEquals("server namespace disconnect", serverReason(observer, b.id()));
        assertEquals("server namespace disconnect", serverReason(observer, bOther.id()));
    }

    @EveryClient
    void disconnectSocketsWithCloseOnANamespaceEndsWholeConnections(ClientSetup setup) {
        TestClient a = connect(setup, ALL);
        TestClient aOther = a.socket(OTHER, Map.of());
        TestClient b = connect(setup, ALL);
        TestClient observer = connect(setup, NSP);
        TestClient otherOnly = connect(setup, OTHER);

        observer.emitWithAck("disconnect-namespace", ALL, true);
        assertEquals("io server disconnect", a.disconnectReason());
        assertEquals("io server disconnect", b.disconnectReason());
        assertEquals("io server disconnect", aOther.disconnectReason(), "the connection's other namespace");
        a.connectionCloseReason();
        b.connectionCloseReason();
        assertEquals("server namespace disconnect", serverReason(observer, a.id()));
        assertEquals("server namespace disconnect", serverReason(observer, aOther.id()));
        otherOnly.sync();
        assertTrue(otherOnly.connected(), "a socket of another namespace on its own connection stays");
        observer.sync();
        assertTrue(observer.connected());
    }

    /** {@code /guarded} is the conformance deployment's: namespace middleware that wants token "secret". */
    @EveryClient
    void aRefusedConnectReachesTheClientWithTheServersMessageAndData(ClientSetup setup) {
        ConnectError refused = assertThrows(ConnectError.class,
                () -> setup.connect(Endpoints.of(base), "/guarded", Map.of("token", "guess")));
        assertEquals("not authorized", refused.getMessage());
        assertJsonEquals(Map.of("code", 401, "hint", "send auth.token"), refused.data());

        TestClient a = connect(setup, NSP);
        ConnectError unknown = assertThrows(ConnectError.class, () -> a.socket("/nope", Map.of()));
        assertEquals("Invalid namespace", unknown.getMessage());
        assertNull(unknown.data());
        a.sync();
        assertTrue(a.connected(), "the connection's other socket stays");

        TestClient guarded = a.socket("/guarded", Map.of("token", "secret"));
        assertJsonEquals(List.of("admin", List.of("first", "guard")), guarded.next("welcome"));
        assertTrue(guarded.connected());
    }

    @EveryClient
    void reservedEventNamesCannotBeEmitted(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        for (String name : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
                "removeListener")) {
            List<?> outcomes = (List<?>) a.emitWithAck("reserved", name).get(0);
            assertEquals(9, outcomes.size(), () -> Values.describe(outcomes));
            for (Object o : outcomes) {
                assertTrue(o instanceof List<?> l && "IllegalArgumentException".equals(l.get(0))
                        && String.valueOf(l.get(1)).contains("\"" + name + "\""),
                        () -> name + ": every way of emitting it fails with IllegalArgumentException naming it: "
                                + Values.describe(outcomes));
            }
        }
        a.sync();
        assertTrue(a.connected());
    }
}
