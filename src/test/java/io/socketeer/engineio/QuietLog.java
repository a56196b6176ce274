package io.socketeer.engineio;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Silences a logger for the length of a try block: for tests that make a handler fail on purpose. */
public final class QuietLog implements AutoCloseable {
    private final Logger logger;
    private final Level previous;

    private QuietLog(Class<?> owner) {
        logger = Logger.getLogger(owner.getName());
        previous = logger.getLevel();
        logger.setLevel(Level.OFF);
    }

    public static QuietLog of(Class<?> owner) {
        return new QuietLog(owner);
    }

    @Override
    public void close() {
        logger.setLevel(previous);
    }
}
