package io.socketeer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoConfigTest {
    @Test
    void statsIntervalIsWholeSecondsFromZeroToADay() {
        assertEquals(10, DemoConfig.parseStatsInterval(null));
        assertEquals(0, DemoConfig.parseStatsInterval("0"));
        assertEquals(5, DemoConfig.parseStatsInterval("5"));
        assertEquals(86_400, DemoConfig.parseStatsInterval("86400"));
        for (String bad : new String[] {"-1", "86401", "1.5", "10s", "abc", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoConfig.parseStatsInterval(bad));
            assertTrue(e.getMessage().startsWith("socketeer.demo.statsInterval must be a whole number"), e.getMessage());
            assertTrue(e.getMessage().endsWith("not \"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void environmentNames() {
        assertEquals("SOCKETEER_DEMO_ADMINTOKEN", DemoConfig.envName(DemoConfig.ADMIN_TOKEN));
        assertEquals("SOCKETEER_DEMO_STATSINTERVAL", DemoConfig.envName(DemoConfig.STATS_INTERVAL));
    }
}
