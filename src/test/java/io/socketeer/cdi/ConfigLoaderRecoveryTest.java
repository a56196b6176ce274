package io.socketeer.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.ConnectionStateRecovery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** socketeer.connectionStateRecovery and its two settings: off by default, the reference's defaults when on. */
class ConfigLoaderRecoveryTest {
    private static ConnectionStateRecovery recovery(Map<String, String> options) {
        return ConfigLoader.from(options::get).connectionStateRecovery();
    }

    @Test
    void offByDefaultEvenWithItsSettings() {
        assertNull(recovery(Map.of()));
        assertNull(recovery(Map.of("socketeer.connectionStateRecovery", "false",
                "socketeer.connectionStateRecovery.maxDisconnectionDuration", "5000")));
    }

    @Test
    void onWithTheReferenceDefaults() {
        ConnectionStateRecovery r = recovery(Map.of("socketeer.connectionStateRecovery", "true"));
        assertEquals(Duration.ofMillis(120_000), r.maxDisconnectionDuration());
        assertTrue(r.skipMiddlewares());
        assertEquals(ConnectionStateRecovery.defaults(), r);
    }

    @Test
    void itsSettingsAreRead() {
        ConnectionStateRecovery r = recovery(Map.of("socketeer.connectionStateRecovery", "true",
                "socketeer.connectionStateRecovery.maxDisconnectionDuration", "1.5e3",
                "socketeer.connectionStateRecovery.skipMiddlewares", "false"));
        assertEquals(Duration.ofMillis(1500), r.maxDisconnectionDuration());
        assertFalse(r.skipMiddlewares());
    }

    @Test
    void aBadDurationStopsTheStartWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recovery(Map.of(
                "socketeer.connectionStateRecovery", "true",
                "socketeer.connectionStateRecovery.maxDisconnectionDuration", "soon")));
        assertTrue(e.getMessage().contains("socketeer.connectionStateRecovery.maxDisconnectionDuration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> recovery(Map.of(
                "socketeer.connectionStateRecovery", "true",
                "socketeer.connectionStateRecovery.maxDisconnectionDuration", "-1")));
        assertTrue(e.getMessage().contains("zero or more"), e.getMessage());
    }
}
