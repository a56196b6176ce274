package io.socketeer.it.features;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.EveryClient;
import io.socketeer.it.client.Received;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import io.socketeer.it.client.Values;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Broadcasts: {@code io.emit} reaches the main namespace only, {@code io.of(nsp).emit} that namespace
 * only, {@code local()}, {@code emitWithAck} collecting one answer per client or failing with
 * {@code AckTimeoutException} that says how many answered, binary in broadcasts, bursts of events
 * from one handler (written together, see SendBatch) complete and in order, and a handler that
 * pauses between emits does not hold its events back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BroadcastIT {
    private static final String NSP = BroadcastHandlers.NSP;
    private static final String OTHER = BroadcastHandlers.OTHER;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(BroadcastHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    private final String tag = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private TestClient connect(ClientSetup setup, String nsp) {
        return setup.connect(Endpoints.of(base), nsp);
    }

    @EveryClient
    void ioEmitReachesEverySocketOfTheMainNamespaceOnly(ClientSetup setup) {
        TestClient main1 = connect(setup, "/");
        TestClient main2 = connect(setup, "/");
        TestClient sameConnection = main1.socket(NSP, Map.of());
        TestClient other = connect(setup, OTHER);

        sameConnection.emitWithAck("io-emit", Map.of("n", 1));
        assertJsonEquals(List.of("/", Map.of("n", 1)), main1.next("news"));
        assertJsonEquals(List.of("/", Map.of("n", 1)), main2.next("news"));
        for (TestClient c : List.of(main1, main2, sameConnection, other)) {
            c.assertNothing("news");
        }
    }

    @EveryClient
    void ioOfEmitReachesThatNamespaceOnly(ClientSetup setup) {
        TestClient main = connect(setup, "/");
        TestClient a = main.socket(NSP, Map.of());
        TestClient b = connect(setup, NSP);
        TestClient other = connect(setup, OTHER);

        a.emitWithAck("of-emit", OTHER, "to other");
        assertJsonEquals(List.of(OTHER, "to other"), other.next("news"));
        for (TestClient c : List.of(main, a, b, other)) {
            c.assertNothing("news");
        }

        a.emitWithAck("of-emit", NSP, "to broadcast");
        assertJsonEquals(List.of(NSP, "to broadcast"), a.next("news"));
        assertJsonEquals(List.of(NSP, "to broadcast"), b.next("news"));
        for (TestClient c : List.of(main, a, b, other)) {
            c.assertNothing("news");
        }
    }

    @EveryClient
    void localBroadcastsReachTheSocketsOfThisNode(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient b = connect(setup, NSP);
        String room = "local-" + tag;
        a.emitWithAck("join", List.of(room));

        b.emitWithAck("local-emit", Map.of(), "everyone");
        assertJsonEquals(List.of("local", "everyone"), a.next("news"));
        assertJsonEquals(List.of("local", "everyone"), b.next("news"));

        b.emitWithAck("local-emit", Map.of("to", List.of(room)), "room only");
        assertJsonEquals(List.of("local", "room only"), a.next("news"));
        a.assertNothing("news");
        b.assertNothing("news");
    }

    @EveryClient
    void emitWithAckCollectsOneAnswerPerClient(ClientSetup setup) {
        String room = "ask-" + tag;
        List<TestClient> asked = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cid")) {
            TestClient c = connect(setup, NSP);
            c.answerAcks("question", name, Map.of("from", name), new byte[] {1, 2});
            c.emitWithAck("join", List.of(room));
            asked.add(c);
        }
        TestClient asker = connect(setup, NSP);
        asker.answerAcks("question", "not asked");

        List<Object> result = asker.emitWithAck("ask", Map.of("to", List.of(room)), 5000, Map.of("q", "name?"));
        assertEquals("answers", result.get(0), () -> Values.describe(result));
        List<Object> answers = new ArrayList<>((List<?>) result.get(1));
        answers.sort(Comparator.comparing(a -> String.valueOf(((List<?>) a).get(0))));
        assertJsonEquals(List.of(
                List.of("ann", Map.of("from", "ann"), new byte[] {1, 2}),
                List.of("bob", Map.of("from", "bob"), new byte[] {1, 2}),
                List.of("cid", Map.of("from", "cid"), new byte[] {1, 2})), answers);
        for (TestClient c : asked) {
            Received q = c.nextReceived("question");
            assertJsonEquals(List.of(Map.of("q", "name?")), q.args());
            assertTrue(q.ackRequested(), "the question asks for an acknowledgement");
            c.assertNothing("question");
        }
        asker.assertNothing("question");

        // nobody selected: no answers, at once
        assertJsonEquals(List.of("answers", List.of()),
                asker.emitWithAck("ask", Map.of("to", List.of("nobody-" + tag)), 5000, "anyone?"));
    }

    @EveryClient
    void emitWithAckFailsWithAckTimeoutExceptionSayingHowManyAnswered(ClientSetup setup) {
        String room = "timeout-" + tag;
        TestClient ann = connect(setup, NSP);
        TestClient bob = connect(setup, NSP);
        TestClient silent = connect(setup, NSP);
        ann.answerAcks("question", "ann");
        bob.answerAcks("question", "bob");
        silent.ignoreAcks("question");
        for (TestClient c : List.of(ann, bob, silent)) {
            c.emitWithAck("join", List.of(room));
        }

        long start = System.nanoTime();
        List<Object> result = silent.emitWithAck("ask", Map.of("to", List.of(room)), 400, "q");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(4, result.size(), () -> Values.describe(result));
        assertEquals("failed", result.get(0), () -> Values.describe(result));
        assertEquals("AckTimeoutException", result.get(1));
        String message = (String) result.get(2);
        assertTrue(message.contains("2 of 3"), () -> "the message says how many answered: " + message);
        List<Object> answered = new ArrayList<>((List<?>) result.get(3));
        answered.sort(Comparator.comparing(String::valueOf));
        assertJsonEquals(List.of(List.of("ann"), List.of("bob")), answered);
        assertTrue(elapsedMs >= 400, "failed after " + elapsedMs + " ms, before the 400 ms timeout");
        assertTrue(silent.nextReceived("question").ackRequested());
    }

    @EveryClient
    void broadcastsCarryBinary(ClientSetup setup) {
        String room = "bin-" + tag;
        TestClient a = connect(setup, NSP);
        TestClient b = connect(setup, NSP);
        TestClient outside = connect(setup, NSP);
        a.emitWithAck("join", List.of(room));
        b.emitWithAck("join", List.of(room));
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] big = new byte[100_000];
        new java.util.Random(3).nextBytes(big);

        outside.emitWithAck("binary-emit", Map.of("to", List.of(room)), all, Map.of("big", big, "empty", new byte[0]));
        Object expected = List.of(all, Map.of("big", big, "empty", new byte[0]),
                Map.of("server", new byte[] {0, 1, 2, (byte) 255}, "list", List.of("x", new byte[] {42})));
        for (TestClient c : List.of(a, b)) {
            List<Object> got = c.next("bin");
            assertInstanceOf(byte[].class, got.get(0));
            assertInstanceOf(byte[].class, ((Map<?, ?>) got.get(2)).get("server"));
            assertJsonEquals(expected, got);
            c.assertNothing("bin");
        }
        outside.assertNothing("bin");
    }

    @EveryClient
    void aBurstFromOneHandlerArrivesCompleteAndInOrder(ClientSetup setup) {
        String room = "burst-" + tag;
        TestClient a = connect(setup, NSP);
        TestClient b = connect(setup, NSP);
        a.emitWithAck("join", List.of(room));
        b.emitWithAck("join", List.of(room));
        int count = 300;

        assertJsonEquals(List.of("sent", count), b.emitWithAck("burst", Map.of("to", List.of(room)), count));
        for (TestClient c : List.of(a, b)) {
            for (int seq = 0; seq < count; seq++) {
                assertJsonEquals(List.of(seq, BroadcastHandlers.burstPayload(seq)), c.next("tick"));
            }
            c.assertNothing("tick");
        }
    }

    @EveryClient
    void aHandlerThatPausesBetweenEmitsDoesNotHoldThemBack(ClientSetup setup) {
        TestClient a = connect(setup, NSP);
        TestClient other = connect(setup, NSP);

        a.emit("slow-burst");
        // both events arrive while the handler still waits for go-on
        assertJsonEquals(List.of(1), a.next("step"));
        assertJsonEquals(List.of(2), a.next("step"));
        other.emitWithAck("go-on");
        assertJsonEquals(List.of(3, true), a.next("step"));
    }
}
