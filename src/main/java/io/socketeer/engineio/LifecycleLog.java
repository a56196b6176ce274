package io.socketeer.engineio;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of each client, one line per step, on the logger {@code io.socketeer.lifecycle} at level
 * FINE (debug): handshake, upgrade, namespace connect or refusal, disconnect, close. Every line
 * starts with the step and carries {@code sid=} (the Engine.IO session) and, from the namespace
 * connect on, {@code socket=}, so that one client can be followed with a grep:
 *
 * <pre>
 * handshake sid=Xb7r... transport=polling protocol=4 remote=127.0.0.1
 * connect sid=Xb7r... socket=p9Qe... nsp=/ recovered=false
 * upgrade sid=Xb7r... transport=websocket
 * disconnect sid=Xb7r... socket=p9Qe... nsp=/ reason=client namespace disconnect
 * close sid=Xb7r... reason=transport close
 * </pre>
 *
 * Nothing is formatted unless the level is on.
 */
public final class LifecycleLog {
    private static final Logger LOG = Logger.getLogger("io.socketeer.lifecycle");

    private LifecycleLog() {
    }

    /** Whether lines are written (check before building their arguments). */
    public static boolean enabled() {
        return LOG.isLoggable(Level.FINE);
    }

    /** Writes {@code step key=value ...}; {@code keysAndValues} alternate. */
    public static void log(String step, Object... keysAndValues) {
        if (!LOG.isLoggable(Level.FINE)) {
            return;
        }
        StringBuilder sb = new StringBuilder(96).append(step);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            sb.append(' ').append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
        }
        LOG.fine(sb.toString());
    }
}
