package io.socketeer.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what Socketeer logs at WARNING or above while installed: a decoder that throws anything
 * but its parse exception shows up there (the engine session logs a failed listener and goes on), so
 * hostile-input tests assert that nothing was logged.
 */
public final class Warnings extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.socketeer");
    private final List<LogRecord> records = new ArrayList<>();

    /** Starts collecting. */
    public Warnings() {
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            records.add(r);
        }
    }

    /** Fails with the first record collected since the last call, if any. */
    public synchronized void assertNone() {
        if (!records.isEmpty()) {
            LogRecord r = records.get(0);
            records.clear();
            fail("logged " + r.getLevel() + ": " + r.getMessage(), r.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    /** Stops collecting. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
