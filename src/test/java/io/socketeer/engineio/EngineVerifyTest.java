package io.socketeer.engineio;

import static io.socketeer.engineio.Engines.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checks every request goes through, with the reference server's error codes. */
class EngineVerifyTest {
    private final ScheduledThreadPoolExecutor scheduler = Engines.scheduler();
    private final EngineServer engine = new EngineServer(EngineOptions.defaults(), scheduler);

    @AfterEach
    void stop() {
        engine.closeAll();
        scheduler.shutdownNow();
    }

    private String pollingSession() {
        FakePollExchange ex = new FakePollExchange();
        EngineSession s = engine.handshakePolling(Engines.request("polling"), ex);
        ex.awaitPayload();
        return s.id();
    }

    @Test
    void validHandshakesPass() {
        assertNull(engine.verify("GET", query("EIO", "4", "transport", "polling"), false));
        assertNull(engine.verify("GET", query("EIO", "4", "transport", "websocket"), true));
    }

    @Test
    void missingOrUnsupportedProtocolVersionIsCode5() {
        assertSame(EngineError.UNSUPPORTED_PROTOCOL_VERSION, engine.verify("GET", query("transport", "polling"), false));
        assertSame(EngineError.UNSUPPORTED_PROTOCOL_VERSION,
                engine.verify("GET", query("EIO", "3", "transport", "polling"), false));
        assertSame(EngineError.UNSUPPORTED_PROTOCOL_VERSION,
                engine.verify("GET", query("EIO", "abc", "transport", "polling"), false));
        assertSame(EngineError.UNSUPPORTED_PROTOCOL_VERSION,
                engine.verify("GET", query("EIO", "5", "transport", "websocket"), true));
        assertEquals(5, EngineError.UNSUPPORTED_PROTOCOL_VERSION.code());
        assertEquals(400, EngineError.UNSUPPORTED_PROTOCOL_VERSION.httpStatus());
    }

    @Test
    void missingOrUnknownTransportIsCode0() {
        assertSame(EngineError.UNKNOWN_TRANSPORT, engine.verify("GET", query("EIO", "4"), false));
        assertSame(EngineError.UNKNOWN_TRANSPORT, engine.verify("GET", query("EIO", "4", "transport", "flash"), false));
        assertSame(EngineError.UNKNOWN_TRANSPORT,
                engine.verify("GET", query("EIO", "4", "transport", "webtransport"), false));
        assertEquals(0, EngineError.UNKNOWN_TRANSPORT.code());
    }

    @Test
    void transportNotEnabledIsCode0() {
        EngineServer pollingOnly = new EngineServer(
                EngineOptions.builder().transports(Set.of(EngineOptions.POLLING)).build(), scheduler);
        assertSame(EngineError.UNKNOWN_TRANSPORT,
                pollingOnly.verify("GET", query("EIO", "4", "transport", "websocket"), true));
        assertNull(pollingOnly.verify("GET", query("EIO", "4", "transport", "polling"), false));
    }

    @Test
    void handshakeThatIsNotAGetIsCode2() {
        assertSame(EngineError.BAD_HANDSHAKE_METHOD, engine.verify("POST", query("EIO", "4", "transport", "polling"), false));
        assertSame(EngineError.BAD_HANDSHAKE_METHOD, engine.verify("PUT", query("EIO", "4", "transport", "polling"), false));
        assertEquals(2, EngineError.BAD_HANDSHAKE_METHOD.code());
    }

    @Test
    void unknownSidIsCode1() {
        assertSame(EngineError.UNKNOWN_SID,
                engine.verify("GET", query("EIO", "4", "transport", "polling", "sid", "nope"), false));
        assertSame(EngineError.UNKNOWN_SID,
                engine.verify("POST", query("EIO", "4", "transport", "polling", "sid", "nope"), false));
        assertSame(EngineError.UNKNOWN_SID,
                engine.verify("GET", query("EIO", "4", "transport", "websocket", "sid", "nope"), true));
        assertEquals(1, EngineError.UNKNOWN_SID.code());
    }

    @Test
    void knownSidOnItsTransportPasses() {
        String sid = pollingSession();
        assertNull(engine.verify("GET", query("EIO", "4", "transport", "polling", "sid", sid), false));
        assertNull(engine.verify("POST", query("EIO", "4", "transport", "polling", "sid", sid), false));
        // the upgrade request
        assertNull(engine.verify("GET", query("EIO", "4", "transport", "websocket", "sid", sid), true));
    }

    @Test
    void sidWithAnotherTransportIsCode3() {
        String sid = pollingSession();
        assertSame(EngineError.BAD_REQUEST,
                engine.verify("GET", query("EIO", "4", "transport", "websocket", "sid", sid), false));
        EngineSession ws = engine.handshakeWebSocket(Engines.request("websocket"), new FakeWebSocket()).session();
        assertSame(EngineError.BAD_REQUEST,
                engine.verify("GET", query("EIO", "4", "transport", "polling", "sid", ws.id()), false));
        assertEquals(3, EngineError.BAD_REQUEST.code());
    }

    @Test
    void websocketHandshakeWithoutUpgradeIsCode3() {
        assertSame(EngineError.BAD_REQUEST, engine.verify("GET", query("EIO", "4", "transport", "websocket"), false));
    }

    @Test
    void upgradeRequestForPollingTransportIsCode3() {
        assertSame(EngineError.BAD_REQUEST, engine.verify("GET", query("EIO", "4", "transport", "polling"), true));
    }

    @Test
    void upgradeRefusedWhenUpgradesAreOff() {
        EngineServer noUpgrades = new EngineServer(EngineOptions.builder().allowUpgrades(false).build(), scheduler);
        FakePollExchange ex = new FakePollExchange();
        String sid = noUpgrades.handshakePolling(Engines.request("polling"), ex).id();
        assertTrue(ex.awaitPayload().contains("\"upgrades\":[]"));
        assertSame(EngineError.BAD_REQUEST,
                noUpgrades.verify("GET", query("EIO", "4", "transport", "websocket", "sid", sid), true));
        noUpgrades.closeAll();
    }

    @Test
    void allowRequestHookDecides() {
        assertNull(engine.refusal(Engines.request("polling")));
        engine.allowRequest(r -> "ok".equals(r.header("X-Token")) ? null : "no token");
        assertEquals("no token", engine.refusal(Engines.request("polling")));
        assertEquals(403, EngineError.FORBIDDEN.httpStatus());
        assertEquals(4, EngineError.FORBIDDEN.code());
    }

    @Test
    void sessionsGetDistinctUrlSafeIds() {
        String a = pollingSession();
        String b = pollingSession();
        assertNotEquals(a, b);
        assertEquals(20, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]{20}"), a);
        assertEquals(2, engine.sessionCount());
        assertSame(engine.session(a), engine.polling(a).session());
    }
}
