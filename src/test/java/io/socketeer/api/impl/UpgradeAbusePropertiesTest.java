package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.PollingTransport;
import io.socketeer.engineio.WebSocketTransport;
import io.socketeer.fuzz.Warnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final RecordingHandlers handlers = new RecordingHandlers();
    private final SocketIoServerImpl io;
    private final TestClient bystander;
    private final int baselineTimers;
    private final Warnings warnings = new Warnings();
    private int ticks;

    UpgradeAbusePropertiesTest() {
        EngineOptions engine = EngineOptions.builder().pingInterval(10_000).pingTimeout(5_000).build();
        SocketIoOptions options = new SocketIoOptions(engine, 10_000, Set.of("/admin"), 10);
        io = new SocketIoServerImpl(options, scheduler, handlers, ServerFixture.MAPPER, AdapterFactory.IN_MEMORY);
        bystander = new TestClient(io);
        bystander.connect();
        baselineTimers = scheduler.getQueue().size();
    }

    @AfterProperty
    void stop() {
        warnings.close();
        io.close();
        scheduler.shutdownNow();
    }

    /** One step of the misbehaving client (or of the server, for emit and close). */
    record Step(Kind kind, int socket, String text) {
        enum Kind { GET, POST, OPEN_WEBSOCKET, PROBE_AND_UPGRADE, WEBSOCKET_TEXT, WEBSOCKET_BINARY, WEBSOCKET_CLOSED, SERVER_EMIT, SERVER_CLOSE }
    }

    @Provide
    static Arbitrary<List<Step>> steps() {
        Arbitrary<String> packet = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("2probe", "5", "6", "3", "40", "42[\"m\"]", "451-[\"f\",{\"_placeholder\":true,\"num\":0}]",
                        "bAQ==")),
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
        FakePollExchange open = new FakePollExchange();
        EngineSession session = io.engine().handshakePolling(Engines.request(EngineOptions.POLLING), open);
        open.awaitPayload();
        List<FakePollExchange> gets = new ArrayList<>();
        if (joined) {
            post(session, "40");
        }
        FakeWebSocket[] conns = new FakeWebSocket[2];
        WebSocketTransport[] sockets = new WebSocketTransport[2];
        for (Step step : steps) {
            int i = step.socket();
            switch (step.kind()) {
                case GET -> {
                    PollingTransport polling = io.engine().polling(session.id());
                    if (polling != null) {
                        FakePollExchange ex = new FakePollExchange();
                        gets.add(ex);
                        polling.onPollRequest(ex);
                    }
                }
                case POST -> post(session, step.text());
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
        checkNoWarningAndBystanderServed();

        // the client goes away: its WebSockets close, the server closes the session, and polls drain it
        for (WebSocketTransport ws : sockets) {
            if (ws != null) {
                ws.onClosed();
            }
        }
        session.close();
        for (int k = 0; k < 3; k++) {
            PollingTransport polling = io.engine().polling(session.id());
            if (polling != null) {
                FakePollExchange ex = new FakePollExchange();
                gets.add(ex);
                polling.onPollRequest(ex);
            }
        }
        assertTrue(eventually(() -> io.engine().sessionCount() == 1 && io.connectionCount() == 1),
                "sessions " + io.engine().sessionCount() + ", connections " + io.connectionCount());
        for (FakePollExchange get : gets) {
            assertTrue(eventually(get::answered), "a GET was never answered");
            assertEquals(1, get.answerCount(), "a GET answered twice");
        }
        assertTrue(eventually(() -> scheduler.getQueue().size() == baselineTimers),
                "timers left: " + (scheduler.getQueue().size() - baselineTimers));
        checkNoWarningAndBystanderServed();
    }

    private void post(EngineSession session, String body) {
        PollingTransport polling = io.engine().polling(session.id());
        if (polling != null && polling.beginPost()) {
            polling.onData(body);
        }
    }

    private void checkNoWarningAndBystanderServed() {
        warnings.assertNone();
        int n = ticks++;
        bystander.ws.onText("42[\"ping\"," + n + "]");
        assertEquals("ping", handlers.events.stream().reduce((a, b) -> b).orElseThrow().event());
        io.to(bystanderRoom()).emit("tick", n);
        String frame = bystander.next();
        while (!frame.startsWith("42[\"tick\"")) {
            frame = bystander.next();
        }
        assertEquals("42[\"tick\"," + n + "]", frame);
    }

    private String bystanderSocketId;

    private String bystanderRoom() {
        if (bystanderSocketId == null) {
            bystanderSocketId = handlers.connected.peek().id();
        }
        return bystanderSocketId;
    }
}
