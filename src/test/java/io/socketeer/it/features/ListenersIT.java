package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Listeners registered in code on a socket (as reference-server users write them): {@code on} with
 * arguments and acknowledgements, {@code once}, {@code off}, the catch-all {@code onAny} and
 * {@code onAnyOutgoing}, and the {@code disconnecting} / {@code disconnect} lifecycle; they run before
 * the CDI observers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ListenersIT {
    private static final String NSP = ListenersHandlers.NSP;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(ListenersHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private TestClient connect(ClientSetup setup) {
        TestClient c = setup.connect(Endpoints.of(base), NSP);
        c.next("ready");
        return c;
    }

    @EveryClient
    void listenersAnswerBeforeObserversAndOffRemovesThem(ClientSetup setup) {
        TestClient c = connect(setup);
        assertJsonEquals(List.of(5), c.emitWithAck("add", 2, 3));
        assertJsonEquals(List.of(0), c.emitWithAck("off"));
        assertJsonEquals(List.of("observer"), c.emitWithAck("add", 2, 3));
    }

    @EveryClient
    void onceListensOneTime(ClientSetup setup) {
        TestClient c = connect(setup);
        assertJsonEquals(List.of("listener"), c.emitWithAck("once"));
        assertJsonEquals(List.of("observer"), c.emitWithAck("once"));
    }

    @EveryClient
    void catchAllListenersSeeIncomingAndOutgoingEvents(ClientSetup setup) {
        TestClient c = connect(setup);
        c.emit("anything", 1);
        c.emitWithAck("add", 1, 1);
        List<Object> seen = c.emitWithAck("seen");
        assertJsonEquals(List.of("anything", "add", "seen"), seen.get(0));
        assertJsonEquals(List.of("ready"), seen.get(1));
    }

    @EveryClient
    void disconnectingSeesTheRoomsDisconnectDoesNot(ClientSetup setup) {
        TestClient leaver = connect(setup);
        String id = leaver.id();
        leaver.disconnect();
        TestClient observer = connect(setup);
        List<Object> expected = List.of("disconnecting", "client namespace disconnect",
                HandlerSupport.sorted(List.of(id, "listeners-room")), "disconnect", List.of());
        long end = System.nanoTime() + 5_000_000_000L;
        List<Object> got = observer.emitWithAck("left", id);
        while (!List.of(expected).equals(got) && System.nanoTime() < end) {
            got = observer.emitWithAck("left", id);
        }
        assertJsonEquals(List.of(expected), got);
    }
}
