package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.WebSocketTransport;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * A client that misuses the upgrade from polling to WebSocket (jqwik: random sequences of GETs,
 * POSTs, probes, upgrade packets, pings, closes and second WebSockets, with the server emitting and
 * closing in between): nothing escapes, nothing fails inside, every GET is answered exactly once by
 * the end, a client connected all the while keeps getting its events, and once the session is closed
 * nothing of it is left, timers included.
 */
class UpgradeAbusePropertiesTest {
    private final HostileFixture server = new HostileFixture();
    private final int baselineTimers = server.scheduler.getQueue().size();

    @AfterProperty
    void stop() {
        server.close();
    }

    /** One step of the misbehaving client (or of the server, for emit and close). */
    record Step(Kind kind, int socket, String text) {
        enum Kind {
            GET, POST, OPEN_WEBSOCKET, PROBE_AND_UPGRADE, WEBSOCKET_TEXT, WEBSOCKET_BINARY, WEBSOCKET_CLOSED,
            SERVER_EMIT, SERVER_CLOSE
        }
    }

    @Provide
    static Arbitrary<List<Step>> steps() {
        Arbitrary<String> packet = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("2probe", "5", "6", "3", "40", "42[\"m\"]",
                        "451-[\"f\",{\"_placeholder\":true,\"num\":0}]", "bAQ==")),
                Tuple.of(1, Arbitraries.of("3probe", "2", "1", "0", "7", "4", "41", "b!", "", "5probe")));
        Arbitrary<String> body = packet.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("\u001e", l));
        Arbitrary<Step.Kind> kind = Arbitraries.frequency(
                Tuple.of(3, Step.Kind.GET), Tuple.of(2, Step.Kind.POST), Tuple.of(3, Step.Kind.OPEN_WEBSOCKET),
                Tuple.of(3, Step.Kind.PROBE_AND_UPGRADE),
                Tuple.of(4, Step.Kind.WEBSOCKET_TEXT), Tuple.of(1, Step.Kind.WEBSOCKET_BINARY),
                Tuple.of(1, Step.Kind.WEBSOCKET_CLOSED), Tuple.of(1, Step.Kind.SERVER_EMIT),
                Tuple.of(1, Step.Kind.SERVER_CLOSE));
        // mostly the first WebSocket, so that sequences reach a completed upgrade often enough
        Arbitrary<Integer> socket = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1));
        return Combinators.combine(kind, socket, Arbitraries.oneOf(packet, body))
                .as(Step::new).list().ofMaxSize(14);
    }

    @Property(tries = 200)
    void misusedUpgradesHarmNoOneElseAndLeaveNothingBehind(@ForAll("steps") List<Step> hostile, @ForAll boolean joined,
                                                           @ForAll @IntRange(min = -1, max = 14) int upgradeAt) {
        // a proper upgrade somewhere among the hostile steps (unless -1), so that what follows it is tried too
        List<Step> steps = new ArrayList<>(hostile);
        if (upgradeAt >= 0) {
            int at = Math.min(upgradeAt, steps.size());
            steps.add(at, new Step(Step.Kind.PROBE_AND_UPGRADE, 0, "5"));
            steps.add(at, new Step(Step.Kind.OPEN_WEBSOCKET, 0, ""));
        }
        SocketIoServerImpl io = server.io;
        EngineSession session = server.pollingSession();
        List<FakePollExchange> gets = new ArrayList<>();
        if (joined) {
            server.post(session, "40");
        }
        FakeWebSocket[] conns = new FakeWebSocket[2];
        WebSocketTransport[] sockets = new WebSocketTransport[2];
        for (Step step : steps) {
            int i = step.socket();
            switch (step.kind()) {
                case GET -> {
                    FakePollExchange ex = server.get(session);
                    if (ex != null) {
                        gets.add(ex);
                    }
                }
                case POST -> server.post(session, step.text());
                case OPEN_WEBSOCKET -> {
                    if (sockets[i] == null) {
                        conns[i] = new FakeWebSocket();
                        sockets[i] = io.engine().upgrade(session.id(), conns[i]);
                    }
                }
                case PROBE_AND_UPGRADE -> {
                    // as a client upgrades: the probe, then the upgrade packet (or the step's text instead)
                    if (sockets[i] != null) {
                        sockets[i].onText("2probe");
                        sockets[i].onText(step.text().length() % 3 == 0 ? step.text() : "5");
                    }
                }
                case WEBSOCKET_TEXT -> {
                    if (sockets[i] != null) {
                        sockets[i].onText(step.text());
                    }
                }
                case WEBSOCKET_BINARY -> {
                    if (sockets[i] != null) {
                        sockets[i].onBinary(new byte[] {1, 2});
                    }
                }
                case WEBSOCKET_CLOSED -> {
                    if (sockets[i] != null) {
                        sockets[i].onClosed();
                    }
                }
                case SERVER_EMIT -> io.emit("noise", step.text());
                case SERVER_CLOSE -> session.close();
            }
        }
        server.assertNoWarningAndBystanderServed();

        // the client goes away: its WebSockets close, the server closes the session, and polls drain it
        for (WebSocketTransport ws : sockets) {
            if (ws != null) {
                ws.onClosed();
            }
        }
        gets.addAll(server.closeAndDrain(session));
        server.assertOnlyTheBystanderIsLeft();
        for (FakePollExchange get : gets) {
            assertTrue(eventually(get::answered), "a GET was never answered");
            assertEquals(1, get.answerCount(), "a GET answered twice");
        }
        assertTrue(eventually(() -> server.scheduler.getQueue().size() == baselineTimers),
                "timers left: " + (server.scheduler.getQueue().size() - baselineTimers));
        server.assertNoWarningAndBystanderServed();
    }
}
