package io.socketeer.container;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the endpoint does differently on Undertow (WildFly), found out from the session's class, with
 * no compile-time dependency on Undertow:
 * <ul>
 * <li>Undertow does not keep {@code setMaxTextMessageBufferSize} (a 1 MB + 100 bytes text frame
 *     reached the endpoint whole, with a limit of 1 MB), so the endpoint receives in parts and keeps
 *     the limit itself ({@link MessageLimit}). Binary messages come whole, with the limit set: Undertow
 *     keeps it for them (it counts while it reads and closes with 1009), and hands a whole message to
 *     its worker thread once, where parts would each take a hand-off (one per 16 KiB buffer it
 *     reads) and a copy into a growing array.</li>
 * <li>Undertow hands messages to the endpoint through an ordered executor (a worker thread), but
 *     reports the connection closed (or broken: {@code onError}) from its I/O thread, so
 *     {@code onClose} and {@code onError} can overtake messages still waiting in that executor: a
 *     client's last packet before it goes away, such as a namespace DISCONNECT, would be lost (seen
 *     as reason "transport error" instead of "client namespace disconnect" in NodeClientIT). The
 *     endpoint passes both through the same executor ({@link #afterPendingMessages}).</li>
 * <li>Sends go through {@link UndertowConnection}, which writes a burst of frames together.</li>
 * </ul>
 */
final class UndertowAdapter {
    private static final Logger LOG = Logger.getLogger(UndertowAdapter.class.getName());

    private UndertowAdapter() {
    }

    /** Whether this is an Undertow session. */
    static boolean isUndertow(Session session) {
        return session.getClass().getName().startsWith("io.undertow.");
    }

    /**
     * Runs {@code task} after the messages the container has already taken in for this session: on
     * Undertow through the executor that delivers them ({@code UndertowSession.getExecutor()}),
     * elsewhere (or if that fails) at once.
     */
    static void afterPendingMessages(Session session, Runnable task) {
        Executor executor = isUndertow(session) ? messageExecutor(session) : null;
        if (executor != null) {
            try {
                executor.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                // shutting down: run it here
            }
        }
        task.run();
    }

    private static Executor messageExecutor(Session session) {
        try {
            Method m = session.getClass().getMethod("getExecutor");
            Object executor = m.invoke(session);
            return executor instanceof Executor e ? e : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "no message executor on " + session.getClass().getName(), e);
            return null;
        }
    }
}
