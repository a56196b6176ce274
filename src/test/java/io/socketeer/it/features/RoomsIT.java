package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Rooms: joining and leaving, {@code io.to}, unions of {@code in}/{@code to}, {@code except},
 * {@code socket.to} and {@code socket.broadcast()} leaving out the sender, the room named by each
 * socket id, and rooms disappearing when their last member leaves. Room names are unique per test,
 * so sockets of earlier tests that are still closing cannot interfere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsIT {
    private static final String NSP = RoomsHandlers.NSP;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(RoomsHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    private final String tag = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private TestClient connect(ClientSetup setup) {
        return setup.connect(Endpoints.of(base), NSP);
    }

    private String room(String name) {
        return name + "-" + tag;
    }

    private static List<String> sorted(String... values) {
        List<String> l = new ArrayList<>(Arrays.asList(values));
        l.sort(null);
        return l;
    }

    @EveryClient
    void joinAndLeaveChangeTheSocketsRooms(ClientSetup setup) {
        TestClient a = connect(setup);
        String r1 = room("r1");
        String r2 = room("r2");

        assertJsonEquals(List.of(List.of(a.id())), a.emitWithAck("rooms"));
        assertJsonEquals(List.of(sorted(a.id(), r1, r2)), a.emitWithAck("join", List.of(r1, r2)));
        assertJsonEquals(List.of(sorted(a.id(), r1, r2)), a.emitWithAck("join", List.of(r1)), "joining twice changes nothing");
        assertJsonEquals(List.of(sorted(a.id(), r2)), a.emitWithAck("leave", List.of(r1)));
        assertJsonEquals(List.of(sorted(a.id(), r2)), a.emitWithAck("leave", List.of(room("never"))));
        assertJsonEquals(List.of(sorted(a.id(), r2)), a.emitWithAck("rooms"));
    }

    @EveryClient
    void ioToARoomReachesEachMemberOnce(ClientSetup setup) {
        TestClient a = connect(setup);
        TestClient b = connect(setup);
        TestClient outsider = connect(setup);
        String r = room("r");
        a.emitWithAck("join", List.of(r));
        b.emitWithAck("join", List.of(r));

        assertJsonEquals(List.of("sent"), outsider.emitWithAck("io-emit", Map.of("to", List.of(r, r)), "to r"));
        assertJsonEquals(List.of("to r"), a.next("hello"));
        assertJsonEquals(List.of("to r"), b.next("hello"));
        a.assertNothing("hello");
        b.assertNothing("hello");
        outsider.assertNothing("hello");
    }

    @EveryClient
    void inAndToMakeAUnionWhereEachSocketGetsTheEventOnce(ClientSetup setup) {
        TestClient onlyR1 = connect(setup);
        TestClient onlyR2 = connect(setup);
        TestClient both = connect(setup);
        TestClient none = connect(setup);
        String r1 = room("r1");
        String r2 = room("r2");
        onlyR1.emitWithAck("join", List.of(r1));
        onlyR2.emitWithAck("join", List.of(r2));
        both.emitWithAck("join", List.of(r1, r2));

        none.emitWithAck("io-emit", Map.of("in", List.of(r1), "to", List.of(r2)), "union");
        for (TestClient c : List.of(onlyR1, onlyR2, both)) {
            assertJsonEquals(List.of("union"), c.next("hello"));
        }
        for (TestClient c : List.of(onlyR1, onlyR2, both, none)) {
            c.assertNothing("hello");
        }
    }

    @EveryClient
    void exceptLeavesOutTheMembersOfItsRooms(ClientSetup setup) {
        TestClient inR1 = connect(setup);
        TestClient inBoth = connect(setup);
        TestClient inR2 = connect(setup);
        TestClient sender = connect(setup);
        String r1 = room("r1");
        String r2 = room("r2");
        inR1.emitWithAck("join", List.of(r1));
        inBoth.emitWithAck("join", List.of(r1, r2));
        inR2.emitWithAck("join", List.of(r2));

        // io.to(r1).except(r2)
        sender.emitWithAck("io-emit", Map.of("to", List.of(r1), "except", List.of(r2)), "r1 but not r2");
        assertJsonEquals(List.of("r1 but not r2"), inR1.next("hello"));
        for (TestClient c : List.of(inR1, inBoth, inR2, sender)) {
            c.assertNothing("hello");
        }

        // io.except(r2): the whole namespace but r2
        sender.emitWithAck("io-emit", Map.of("except", List.of(r2)), "all but r2");
        assertJsonEquals(List.of("all but r2"), inR1.next("hello"));
        assertJsonEquals(List.of("all but r2"), sender.next("hello"));
        for (TestClient c : List.of(inR1, inBoth, inR2, sender)) {
            c.assertNothing("hello");
        }
    }

    @EveryClient
    void socketToAndSocketExceptLeaveOutTheSender(ClientSetup setup) {
        TestClient sender = connect(setup);
        TestClient b = connect(setup);
        TestClient c = connect(setup);
        String r = room("r");
        String banned = room("banned");
        for (TestClient x : List.of(sender, b, c)) {
            x.emitWithAck("join", List.of(r));
        }
        b.emitWithAck("join", List.of(banned));

        sender.emitWithAck("socket-emit", "to", List.of(r), "socket.to");
        assertJsonEquals(List.of("socket.to"), b.next("hello"));
        assertJsonEquals(List.of("socket.to"), c.next("hello"));

        sender.emitWithAck("socket-emit", "in", List.of(r), "socket.in");
        assertJsonEquals(List.of("socket.in"), b.next("hello"));
        assertJsonEquals(List.of("socket.in"), c.next("hello"));

        // socket.except(banned): the namespace but the banned room and the sender
        sender.emitWithAck("socket-emit", "except", List.of(banned), "socket.except");
        assertJsonEquals(List.of("socket.except"), c.next("hello"));

        for (TestClient x : List.of(sender, b, c)) {
            x.assertNothing("hello");
        }
    }

    @EveryClient
    void socketBroadcastReachesEveryoneButTheSender(ClientSetup setup) {
        TestClient sender = connect(setup);
        TestClient b = connect(setup);
        TestClient c = connect(setup);

        sender.emitWithAck("socket-emit", "broadcast", List.of(), Map.of("n", 1));
        assertJsonEquals(List.of(Map.of("n", 1)), b.next("hello"));
        assertJsonEquals(List.of(Map.of("n", 1)), c.next("hello"));
        for (TestClient x : List.of(sender, b, c)) {
            x.assertNothing("hello");
        }
    }

    @EveryClient
    void eachSocketIsInTheRoomNamedByItsId(ClientSetup setup) {
        TestClient a = connect(setup);
        TestClient b = connect(setup);
        TestClient c = connect(setup);
        assertJsonEquals(List.of(List.of(b.id())), b.emitWithAck("rooms"));
        assertJsonEquals(List.of(Map.of("exists", true, "members", List.of(b.id()))), a.emitWithAck("room", b.id()));

        // io.to(id): a private message
        a.emitWithAck("io-emit", Map.of("to", List.of(b.id())), "for b");
        assertJsonEquals(List.of("for b"), b.next("hello"));
        // socket.to(id) from another socket
        c.emitWithAck("socket-emit", "to", List.of(a.id()), "for a");
        assertJsonEquals(List.of("for a"), a.next("hello"));
        for (TestClient x : List.of(a, b, c)) {
            x.assertNothing("hello");
        }
    }

    @EveryClient
    void aRoomDisappearsWithItsLastMember(ClientSetup setup) {
        TestClient a = connect(setup);
        TestClient b = connect(setup);
        TestClient observer = connect(setup);
        String r = room("r");
        a.emitWithAck("join", List.of(r));
        b.emitWithAck("join", List.of(r));
        assertJsonEquals(List.of(Map.of("exists", true, "members", sorted(a.id(), b.id()))), observer.emitWithAck("room", r));

        a.emitWithAck("leave", List.of(r));
        assertJsonEquals(List.of(Map.of("exists", true, "members", List.of(b.id()))), observer.emitWithAck("room", r));

        // the last member leaves by disconnecting, and its own room goes with it
        String bId = b.id();
        b.disconnect();
        Object gone = List.of(Map.of("exists", false, "members", List.of()));
        List<Object> last = null;
        long deadline = System.currentTimeMillis() + TestClient.TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            last = observer.emitWithAck("room", r);
            if (gone.equals(last)) {
                break;
            }
        }
        assertJsonEquals(gone, last, "room " + r + " after its last member disconnected");
        assertJsonEquals(List.of(Map.of("exists", false, "members", List.of())), observer.emitWithAck("room", bId));
        assertTrue(a.connected());
    }
}
