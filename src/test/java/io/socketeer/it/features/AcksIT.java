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
import java.net.URL;
import java.time.Duration;
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
 * Acknowledgements: the server answering client events ({@code ev.ack} with no, one or several
 * arguments, binary and nested values, only the first call counting, {@code hasAck()}), and the
 * server asking clients ({@code emitWithAck} with and without timeout, late answers ignored).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AcksIT {
    private static final String NSP = AcksHandlers.NSP;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance(AcksHandlers.class, HandlerSupport.class);
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private TestClient connect(ClientSetup setup) {
        return setup.connect(Endpoints.of(base), NSP);
    }

    // --- the server answers the client

    @EveryClient
    void ackCarriesNoneOneOrSeveralArguments(ClientSetup setup) {
        TestClient c = connect(setup);
        assertJsonEquals(List.of(), c.emitWithAck("echo"));
        assertJsonEquals(List.of("one"), c.emitWithAck("echo", "one"));
        List<Object> several = Arrays.asList("two", 3, -4.5, true, false, null, "", Map.of(), List.of(),
                "héllo 日本 🎉", 9007199254740991L); // the largest integer JavaScript holds exactly
        assertJsonEquals(several, c.emitWithAck("echo", several.toArray()));
    }

    @EveryClient
    void ackCarriesBinaryAndNestedValues(ClientSetup setup) {
        TestClient c = connect(setup);
        byte[] small = {0, 1, (byte) 128, (byte) 255};
        byte[] big = new byte[150_000];
        new java.util.Random(5).nextBytes(big);
        Map<String, Object> nested = Map.of("file", Map.of("name", "a.bin", "data", small),
                "list", List.of(1, List.of(small, Map.of("deep", List.of(big))), "x"));
        List<Object> args = List.of(small, nested, new byte[0], "text");

        List<Object> got = c.emitWithAck("echo", args.toArray());
        assertJsonEquals(args, got);
        assertInstanceOf(byte[].class, got.get(0));
        assertInstanceOf(byte[].class, ((Map<?, ?>) ((Map<?, ?>) got.get(1)).get("file")).get("data"));
        assertInstanceOf(byte[].class, got.get(2));
    }

    @EveryClient
    void onlyTheFirstAckCounts(ClientSetup setup) {
        TestClient c = connect(setup);
        assertJsonEquals(List.of("first"), c.emitWithAck("ack-twice"));
        // a later round trip: any second ACK would have arrived before its answer
        assertJsonEquals(List.of("after"), c.emitWithAck("echo", "after"));
        assertEquals(2, c.ackPacketsReceived(), "acknowledgement packets received: one per acked event");
    }

    @EveryClient
    void hasAckTellsWhetherTheClientWaitsForAnAnswer(ClientSetup setup) {
        TestClient c = connect(setup);
        c.emit("has-ack");
        assertJsonEquals(List.of(false), c.next("has-ack"));
        assertJsonEquals(List.of("acked"), c.emitWithAck("has-ack"));
        assertJsonEquals(List.of(true), c.next("has-ack"));
        c.sync();
        // the event without a callback got no acknowledgement packet; the two acked ones did
        assertEquals(2, c.ackPacketsReceived(), "acknowledgement packets received");
    }

    // --- the server asks the client

    @EveryClient
    void emitWithAckGetsTheClientsAnswer(ClientSetup setup) {
        TestClient c = connect(setup);
        c.answerAcks("question", "yes", 42, new byte[] {9, 8, 7}, Map.of("nested", List.of(new byte[] {6})));
        Map<String, Object> payload = Map.of("q", "why?", "n", List.of(1, 2));

        assertJsonEquals(List.of("answered", List.of("yes", 42, new byte[] {9, 8, 7}, Map.of("nested", List.of(new byte[] {6})))),
                c.emitWithAck("ask", 5000, payload));
        Received question = c.nextReceived("question");
        assertJsonEquals(List.of(payload), question.args());
        assertTrue(question.ackRequested(), "the client was asked for an acknowledgement");

        // without a timeout
        c.answerAcks("question", "no timeout");
        assertJsonEquals(List.of("answered", List.of("no timeout")), c.emitWithAck("ask", null, "q2"));
        assertJsonEquals(List.of("q2"), c.next("question"));
    }

    @EveryClient
    void emitWithAckTimesOutWhenTheClientDoesNotAnswer(ClientSetup setup) {
        TestClient c = connect(setup);
        c.ignoreAcks("question");
        long start = System.nanoTime();
        List<Object> result = c.emitWithAck("ask", 300, "anyone?");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertJsonEquals(List.of("failed", "AckTimeoutException", "operation has timed out"), result);
        assertTrue(elapsedMs >= 300, "timed out after " + elapsedMs + " ms, before the 300 ms asked");
        assertTrue(c.nextReceived("question").ackRequested());
        assertTrue(c.connected());
    }

    @EveryClient
    void aLateAnswerIsIgnored(ClientSetup setup) throws Exception {
        TestClient c = connect(setup);
        c.answerAcksAfter("question", Duration.ofMillis(700), "late");
        assertJsonEquals(List.of("failed", "AckTimeoutException", "operation has timed out"), c.emitWithAck("ask", 200, "q1"));
        c.next("question");
        Thread.sleep(800); // the late answer has gone out

        // the session goes on, and the next question gets its own answer
        c.answerAcks("question", "in time");
        assertJsonEquals(List.of("answered", List.of("in time")), c.emitWithAck("ask", 5000, "q2"));
        assertJsonEquals(List.of("q2"), c.next("question"));
        assertTrue(c.connected());
    }
}
