package io.socketeer.container;

import io.socketeer.cdi.SessionRegistry;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Finds the application's {@link SessionRegistry} through CDI (portable: no injection into endpoints).
 * An instance looks it up on its first {@link #get} and keeps it: {@code CDI.current()} costs Weld a
 * stack walk. Each servlet and the endpoints' configurator hold one; all belong to one application.
 */
final class Registries {
    private volatile SessionRegistry registry;

    /** The registry, looked up on the first call (where CDI works: a request, an endpoint's onOpen). */
    SessionRegistry get() {
        SessionRegistry r = registry;
        if (r == null) {
            r = lookup();
            registry = r;
        }
        return r;
    }

    static SessionRegistry lookup() {
        return CDI.current().select(SessionRegistry.class).get();
    }
}
