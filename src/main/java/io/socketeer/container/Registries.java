package io.socketeer.container;

import io.socketeer.cdi.SessionRegistry;
import jakarta.enterprise.inject.spi.CDI;

/** Finds the application's {@link SessionRegistry} through CDI (portable: no injection into endpoints). */
final class Registries {
    private Registries() {
    }

    static SessionRegistry lookup() {
        return CDI.current().select(SessionRegistry.class).get();
    }
}
