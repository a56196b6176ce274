package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Namespaces: static ones, several over one connection, refused unknown ones, and dynamic ones (a
 * regular expression named by observers, a matcher in code that reads the auth payload), with
 * broadcasts on the parent and new-namespace events.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NamespacesIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(NamespacesHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private Endpoints endpoints() {
        return Endpoints.of(base);
    }

    @EveryClient
    void anUnknownNamespaceIsRefused(ClientSetup setup) {
        ConnectError e = assertThrows(ConnectError.class, () -> setup.connect(endpoints(), "/nope"));
        assertEquals("Invalid namespace", e.getMessage());
    }

    @EveryClient
    void namespacesOverOneConnectionDoNotSeeEachOther(ClientSetup setup) {
        TestClient a = setup.connect(endpoints(), NamespacesHandlers.A);
        TestClient b = a.socket(NamespacesHandlers.B, Map.of());
        TestClient other = setup.connect(endpoints(), NamespacesHandlers.A);
        assertTrue(!a.id().equals(b.id()), "one socket id per namespace");
        a.emitWithAck("shout", "hi");
        assertJsonEquals(List.of("hi"), a.next("shout"));
        assertJsonEquals(List.of("hi"), other.next("shout"));
        b.assertNothing("shout");
        ConnectError e = assertThrows(ConnectError.class, () -> a.socket("/nope", Map.of()));
        assertEquals("Invalid namespace", e.getMessage());
        a.sync();
    }

    @EveryClient
    void aRegexNamespaceCreatesItsChildrenOnConnect(ClientSetup setup) {
        TestClient c = setup.connect(endpoints(), "/dyn-7");
        assertJsonEquals(List.of("/dyn-7"), c.next("hello"));
        assertJsonEquals(List.of("/dyn-7", true), c.emitWithAck("who"));
        ConnectError e = assertThrows(ConnectError.class, () -> setup.connect(endpoints(), "/dyn-x"));
        assertEquals("Invalid namespace", e.getMessage());
    }

    @EveryClient
    void broadcastingOnTheParentReachesEveryChild(ClientSetup setup) {
        TestClient one = setup.connect(endpoints(), "/dyn-1");
        TestClient two = setup.connect(endpoints(), "/dyn-2");
        TestClient outside = setup.connect(endpoints(), NamespacesHandlers.A);
        outside.emitWithAck("parent-news", "maintenance");
        assertJsonEquals(List.of("maintenance"), one.next("news"));
        assertJsonEquals(List.of("maintenance"), two.next("news"));
        outside.assertNothing("news");
    }

    /** Each setup its own tenant: once a child exists, a CONNECT joins it without asking the matcher. */
    @EveryClient
    void aMatcherInCodeReadsTheAuthPayload(ClientSetup setup) {
        String name = "/tenant-" + setup.kind() + "-" + setup.transport();
        ConnectError e = assertThrows(ConnectError.class,
                () -> setup.connect(endpoints(), name, Map.of("token", "wrong")));
        assertEquals("Invalid namespace", e.getMessage());
        TestClient c = setup.connect(endpoints(), name, Map.of("token", "t"));
        assertJsonEquals(List.of(name), c.next("tenant"));
    }

    @EveryClient
    void observersAreToldOfNewNamespaces(ClientSetup setup) {
        String name = "/dyn-" + (100 + setup.kind().ordinal() * 10 + (setup.polling() ? 1 : 0));
        setup.connect(endpoints(), name).sync();
        TestClient a = setup.connect(endpoints(), NamespacesHandlers.A);
        List<Object> created = a.emitWithAck("namespaces");
        List<?> names = (List<?>) created.get(0);
        assertTrue(names.contains(name), names.toString());
        assertTrue(names.contains(NamespacesHandlers.A) && names.contains("/"), names.toString());
    }
}
