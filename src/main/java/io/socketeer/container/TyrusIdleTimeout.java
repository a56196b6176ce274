package io.socketeer.container;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Socketeer has its own heartbeat and turns the container's idle timeout off
 * ({@code setMaxIdleTimeout(0)}). Tyrus 2.1 (Payara 6) still schedules an idle-timeout task for
 * every frame it reads or sends ({@code TyrusSession.restartIdleTimeoutExecutor}), a task that does
 * nothing when it runs while the timeout is off. On Payara the scheduler is a managed executor,
 * which captures the caller's context for each task: a {@code ServiceLoader} scan of the web
 * application's class loader (Payara's {@code ContextSetupProviderImpl.saveContext}), even with
 * context propagation turned off, and a hop to one of its threads. Profiled with the 64 KiB binary
 * echo on tuned Payara, the scan alone was 24 % of the server's CPU.
 *
 * <p>This class gives a Tyrus session, in place of its scheduler, a proxy that does not schedule
 * those idle-timeout tasks while the session's idle timeout is off, and passes every other call (an
 * idle timeout set later, Tyrus's own heartbeat) to the scheduler Tyrus chose. The session's field
 * is reached by reflection, with no compile-time dependency on Tyrus; on another Tyrus, where it is
 * missing, nothing changes and a line is logged once.
 */
final class TyrusIdleTimeout implements InvocationHandler {
    private static final Logger LOG = Logger.getLogger(TyrusIdleTimeout.class.getName());
    private static final String SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String IDLE_TIMEOUT_COMMAND = SESSION + "$IdleTimeoutCommand";
    /** Tyrus's {@code TyrusSession.service}, per class (Tyrus may be loaded more than once), or null. */
    private static final ClassValue<Field> SERVICE = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            try {
                Field f = type.getDeclaredField("service");
                if (f.getType() != ScheduledExecutorService.class) {
                    throw new NoSuchFieldException("service is a " + f.getType().getName());
                }
                f.setAccessible(true);
                return f;
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus: idle-timeout tasks stay scheduled for every frame: {0}", e.toString());
                return null;
            }
        }
    };
    /** What Tyrus keeps as the last idle-timeout task when none was scheduled: done, never run. */
    private static final ScheduledFuture<Object> NOT_SCHEDULED = new NotScheduled();

    private final Session session;
    private final ScheduledExecutorService original;

    private TyrusIdleTimeout(Session session, ScheduledExecutorService original) {
        this.session = session;
        this.original = original;
    }

    /** Whether this is a Tyrus session. */
    private static boolean isTyrus(Session session) {
        return session.getClass().getName().equals(SESSION);
    }

    /**
     * Puts the scheduler proxy into a Tyrus session, before its idle timeout is turned off; whether it
     * did.
     */
    static boolean install(Session session) {
        if (!isTyrus(session)) {
            return false;
        }
        Field service = SERVICE.get(session.getClass());
        if (service == null) {
            return false;
        }
        try {
            ScheduledExecutorService original = (ScheduledExecutorService) service.get(session);
            if (original == null || Proxy.isProxyClass(original.getClass())
                    && Proxy.getInvocationHandler(original) instanceof TyrusIdleTimeout) {
                return false;
            }
            service.set(session, Proxy.newProxyInstance(TyrusIdleTimeout.class.getClassLoader(),
                    new Class<?>[] {ScheduledExecutorService.class}, new TyrusIdleTimeout(session, original)));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tyrus: idle-timeout scheduling left as it is", e);
            return false;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 3 && method.getName().equals("schedule")
                && args[0] != null && args[0].getClass().getName().equals(IDLE_TIMEOUT_COMMAND)
                && session.getMaxIdleTimeout() <= 0) {
            return NOT_SCHEDULED;
        }
        return Proxies.objectMethodOrDelegate(proxy, method, args, original, "TyrusIdleTimeout");
    }

    private static final class NotScheduled implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
