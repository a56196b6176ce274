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
import java.util.function.Predicate;
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
 * <p>This class puts, in place of the scheduler, a proxy that does not schedule those idle-timeout
 * tasks while the session's idle timeout is off, and passes every other call (an idle timeout set
 * later, Tyrus's own heartbeat) to the scheduler Tyrus chose. It goes into Tyrus's container
 * ({@code BaseContainer}, which hands its scheduler to every session it creates), so that even the
 * task each {@code TyrusSession} constructor schedules, before any endpoint code runs, is dropped:
 * 6 % of a connection's CPU in a profile of Payara's connect. The first session of a container,
 * created before the proxy was there, and sessions of a container whose field is not found get a
 * proxy of their own. The fields are reached by reflection, with no compile-time dependency on
 * Tyrus; on another Tyrus, where they are missing, nothing changes and a line is logged once.
 */
final class TyrusIdleTimeout implements InvocationHandler {
    private static final Logger LOG = Logger.getLogger(TyrusIdleTimeout.class.getName());
    private static final String SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String IDLE_TIMEOUT_COMMAND = SESSION + "$IdleTimeoutCommand";
    private static final String CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
    /** The type of a scheduler field this class puts its proxy into: exactly the interface. */
    private static final Predicate<Class<?>> SCHEDULER = t -> t == ScheduledExecutorService.class;
    /** {@code IdleTimeoutCommand.this$0}, the session an idle-timeout task belongs to, per class, or null. */
    private static final ClassValue<Field> COMMAND_SESSION = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            try {
                return Reflection.declared(type, "this$0", Session.class::isAssignableFrom);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus: idle-timeout tasks of the container stay scheduled: {0}", e.toString());
                return null;
            }
        }
    };
    /**
     * Tyrus's {@code BaseContainer} schedulers ({@code managedScheduledExecutorService},
     * {@code scheduledExecutorService}), per container class, or null where they are not found.
     */
    private static final ClassValue<Field[]> CONTAINER_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            Class<?> base;
            try {
                base = Reflection.classNamed(type, CONTAINER);
            } catch (ClassNotFoundException e) {
                return null;
            }
            try {
                Field command = COMMAND_SESSION.get(Class.forName(IDLE_TIMEOUT_COMMAND, false, base.getClassLoader()));
                if (command == null) {
                    return null;
                }
                return new Field[] {Reflection.declared(base, "managedScheduledExecutorService", SCHEDULER),
                    Reflection.declared(base, "scheduledExecutorService", SCHEDULER)};
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus: idle-timeout tasks of the container stay scheduled: {0}", e.toString());
                return null;
            }
        }
    };
    /** Tyrus's {@code TyrusSession.service}, per class (Tyrus may be loaded more than once), or null. */
    private static final ClassValue<Field> SERVICE = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            try {
                return Reflection.declared(type, "service", SCHEDULER);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus: idle-timeout tasks stay scheduled for every frame: {0}", e.toString());
                return null;
            }
        }
    };
    /** What Tyrus keeps as the last idle-timeout task when none was scheduled: done, never run. */
    private static final ScheduledFuture<Object> NOT_SCHEDULED = new NotScheduled();

    /** The session whose tasks this proxy sees, or null for a container's proxy (the task says). */
    private final Session session;
    private final ScheduledExecutorService original;

    private TyrusIdleTimeout(Session session, ScheduledExecutorService original) {
        this.session = session;
        this.original = original;
    }

    /**
     * Makes a Tyrus session drop its idle-timeout tasks while its idle timeout is off, before that is
     * turned off: puts the scheduler proxy into its container, once, and into the session itself when
     * the session did not get the container's; whether the session has one now.
     */
    static boolean install(Session session) {
        if (!TyrusConnection.isTyrus(session)) {
            return false;
        }
        Field service = SERVICE.get(session.getClass());
        if (service == null) {
            return false;
        }
        try {
            ScheduledExecutorService original = (ScheduledExecutorService) service.get(session);
            if (original == null) {
                return false;
            }
            if (isProxy(original)) {
                return true; // the container's
            }
            installInContainer(session.getContainer());
            service.set(session, proxy(session, original));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tyrus: idle-timeout scheduling left as it is", e);
            return false;
        }
    }

    /**
     * Puts the scheduler proxy into a Tyrus container (its managed scheduler where it has one, as on
     * Payara, else the one it creates), for the sessions it creates from then on; whether the
     * container has it now. Two threads doing this at once put in two equal proxies, one of them
     * kept.
     */
    static boolean installInContainer(Object container) {
        Field[] fields = container == null ? null : CONTAINER_FIELDS.get(container.getClass());
        if (fields == null) {
            return false;
        }
        try {
            Field field = fields[0];
            if (field.get(container) == null) {
                // no managed scheduler: the container creates its own on first use, under its lock
                fields[1].getDeclaringClass().getMethod("getScheduledExecutorService").invoke(container);
                field = fields[1];
            }
            ScheduledExecutorService original = (ScheduledExecutorService) field.get(container);
            if (original == null) {
                return false;
            }
            if (!isProxy(original)) {
                field.set(container, proxy(null, original));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tyrus: the container's idle-timeout scheduling left as it is", e);
            return false;
        }
    }

    private static boolean isProxy(ScheduledExecutorService service) {
        return Proxy.isProxyClass(service.getClass()) && Proxy.getInvocationHandler(service) instanceof TyrusIdleTimeout;
    }

    private static ScheduledExecutorService proxy(Session session, ScheduledExecutorService original) {
        return (ScheduledExecutorService) Proxy.newProxyInstance(TyrusIdleTimeout.class.getClassLoader(),
                new Class<?>[] {ScheduledExecutorService.class}, new TyrusIdleTimeout(session, original));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 3 && method.getName().equals("schedule")
                && args[0] != null && args[0].getClass().getName().equals(IDLE_TIMEOUT_COMMAND)) {
            Session owner = session != null ? session : owner(args[0]);
            if (owner != null && owner.getMaxIdleTimeout() <= 0) {
                return NOT_SCHEDULED;
            }
        }
        return Proxies.objectMethodOrDelegate(proxy, method, args, original, "TyrusIdleTimeout");
    }

    /** The session an idle-timeout task belongs to, or null if it cannot be read. */
    private static Session owner(Object command) {
        Field f = COMMAND_SESSION.get(command.getClass());
        try {
            return f == null ? null : (Session) f.get(command);
        } catch (IllegalAccessException e) {
            return null;
        }
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
