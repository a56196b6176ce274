package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.ConnectError;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import java.net.URL;
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
 * Middleware: namespace middleware in code and {@code @OnHandshake} observers in order, refusing with
 * a message and data, a throwing middleware, rooms joined in middleware; packet middleware refusing
 * an event (the client gets an {@code error} event, the socket's error listeners the message).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MiddlewareIT {
    private static final String NSP = MiddlewareHandlers.NSP;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(MiddlewareHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    @EveryClient
    void middlewareRunsInOrderAndMayRefuseWithData(ClientSetup setup) {
        ConnectError refused = assertThrows(ConnectError.class,
                () -> setup.connect(Endpoints.of(base), NSP, Map.of("token", "wrong")));
        assertEquals("not authorized", refused.getMessage());
        assertJsonEquals(Map.of("code", 401), refused.data());

        TestClient c = setup.connect(Endpoints.of(base), NSP, Map.of("token", "ok"));
        assertJsonEquals(List.of(List.of("code-1", "code-2", "cdi-10", "cdi-20")), c.next("welcome"));
    }

    @EveryClient
    void aThrowingMiddlewareRefusesWithItsMessage(ClientSetup setup) {
        ConnectError refused = assertThrows(ConnectError.class,
                () -> setup.connect(Endpoints.of(base), NSP, Map.of("token", "boom")));
        assertEquals("middleware exploded", refused.getMessage());
    }

    @EveryClient
    void roomsJoinedInMiddlewareAreKept(ClientSetup setup) {
        TestClient vip = setup.connect(Endpoints.of(base), NSP, Map.of("token", "ok", "vip", "yes"));
        TestClient plain = setup.connect(Endpoints.of(base), NSP, Map.of("token", "ok"));
        plain.emitWithAck("to-vip", "for vips");
        assertJsonEquals(List.of("for vips"), vip.next("vip"));
        plain.assertNothing("vip");
    }

    @EveryClient
    void packetMiddlewareRefusesAnEvent(ClientSetup setup) {
        TestClient c = setup.connect(Endpoints.of(base), NSP, Map.of("token", "ok"));
        c.emit("forbidden-act", 1);
        assertJsonEquals(List.of(Map.of("message", "unauthorized event", "data", Map.of("event", "forbidden-act"))),
                c.next("error"));
        assertJsonEquals(List.of("unauthorized event"), c.emitWithAck("last-error"));
        c.assertNothing("leaked");
    }
}
