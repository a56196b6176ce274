package io.socketeer.api.impl;

import static io.socketeer.engineio.Engines.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.WebSocketTransport;
import io.socketeer.fuzz.Fuzz;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that misuses the upgrade from polling to WebSocket (random sequences of GETs,
 * POSTs, probes, upgrade packets, pings, closes and second WebSockets, with the server emitting and
 * closing in between): nothing escapes, nothing fails inside, every GET is answered exactly once by
 * the end, a client connected all the while keeps getting its events, and once the session is closed
 * nothing of it is left, timers included. Random input from {@link Fuzz}; the tries share one server.
 */
class UpgradeAbusePropertiesTest {
    private final HostileFixture server = new HostileFixture();
    private final int baselineTimers = server.scheduler.getQueue().size();

    @AfterEach
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

    private static final List<String> COMMON = List.of("2probe", "5", "6", "3", "40", "42[\"m\"]",
            "451-[\"f\",{\"_placeholder\":true,\"num\":0}]", "bAQ==");
    private static final List<String> RARE = List.of("3probe", "2", "1", "0", "7", "4", "41", "b!", "", "5probe");

    static String packet(Fuzz f) {
        return f.pick(f.weighted(3, 1) == 0 ? COMMON : RARE);
    }

    /** Up to 14 steps, each a packet or a body of one to three. */
    static List<Step> steps(Fuzz f) {
        Step.Kind[] kinds = Step.Kind.values(); // in the order of the weights
        return f.list(0, 14, () -> {
            Step.Kind kind = kinds[f.weighted(3, 2, 3, 3, 4, 1, 1, 1, 1)];
            // mostly the first WebSocket, so that sequences reach a completed upgrade often enough
            int socket = f.weighted(4, 1);
            String text = f.bool() ? packet(f) : String.join("\u001e", f.list(1, 3, () -> packet(f)));
            return new Step(kind, socket, text);
        });
    }

    /** The hostile steps, whether the client joined {@code /} first, and where a proper upgrade goes (-1: none). */
    record Client(List<Step> hostile, boolean joined, int upgradeAt) {
    }

    @Test
    void misusedUpgradesHarmNoOneElseAndLeaveNothingBehind() {
        Fuzz.forAll(200, f -> new Client(steps(f), f.bool(), f.between(-1, 14)), this::misuse);
    }

    private void misuse(Client client) {
        // a proper upgrade somewhere among the hostile steps (unless -1), so that what follows it is tried too
        List<Step> steps = new ArrayList<>(client.hostile());
        boolean joined = client.joined();
        int upgradeAt = client.upgradeAt();
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
