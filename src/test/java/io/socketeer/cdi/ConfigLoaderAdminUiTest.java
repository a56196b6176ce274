package io.socketeer.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.admin.AdminUiOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** socketeer.adminUi and its settings: off by default, @socket.io/admin-ui's defaults when on, bad values refused. */
class ConfigLoaderAdminUiTest {
    private static final String HASH = "$2b$04$J9FW66ZdPI2nrIMcOxFYI.RyPm7wiGgReb8miM3JyMJ55eIbOlbSq";

    private static AdminUiOptions adminUi(Map<String, String> options) {
        return ConfigLoader.adminUiFrom(options::get);
    }

    @Test
    void offByDefaultEvenWithItsSettings() {
        assertNull(adminUi(Map.of()));
        assertNull(adminUi(Map.of("socketeer.adminUi", "false", "socketeer.adminUi.namespace", "/x")));
    }

    @Test
    void onWithTheReferenceDefaults() {
        AdminUiOptions o = adminUi(Map.of("socketeer.adminUi", "true"));
        assertEquals(AdminUiOptions.defaults(), o);
        assertEquals("/admin", o.namespace());
        assertFalse(o.authenticated());
        assertTrue(o.development());
        assertFalse(o.readonly());
        assertNull(o.serverId());
    }

    @Test
    void itsSettingsAreRead() {
        AdminUiOptions o = adminUi(Map.of("socketeer.adminUi", "true", "socketeer.adminUi.namespace", "ops",
                "socketeer.adminUi.username", "admin", "socketeer.adminUi.password", HASH,
                "socketeer.adminUi.mode", "production", "socketeer.adminUi.readonly", "true",
                "socketeer.adminUi.serverId", "node-1"));
        assertEquals(new AdminUiOptions("/ops", "admin", HASH, "production", true, "node-1"), o);
        assertTrue(o.authenticated());
        assertFalse(o.development());
    }

    @Test
    void badValuesStopTheDeploymentWithTheirName() {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> adminUi(Map.of(
                "socketeer.adminUi", "true", "socketeer.adminUi.username", "admin",
                "socketeer.adminUi.password", "changeit")));
        assertTrue(plain.getMessage().contains("socketeer.adminUi") && plain.getMessage().contains("bcrypt"),
                plain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adminUi(Map.of("socketeer.adminUi", "true",
                "socketeer.adminUi.password", HASH)));
        assertThrows(IllegalArgumentException.class, () -> adminUi(Map.of("socketeer.adminUi", "true",
                "socketeer.adminUi.mode", "staging")));
    }
}
