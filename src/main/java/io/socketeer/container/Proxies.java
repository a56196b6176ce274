package io.socketeer.container;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What the proxies that take the place of a container's internals ({@link TomcatUnmask},
 * {@link TyrusIdleTimeout}, {@link TyrusUnmask}, {@link UndertowUnmask}) do with the calls they do not
 * handle themselves.
 */
final class Proxies {
    private Proxies() {
    }

    /**
     * Answers {@code Object}'s methods on {@code proxy} (identity equality and hash, {@code name[original]})
     * and passes every other call to {@code original}, throwing what it throws.
     */
    static Object objectMethodOrDelegate(Object proxy, Method method, Object[] args, Object original, String name)
            throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> name + "[" + original + "]";
            };
        }
        return invoke(method, original, args);
    }

    /** {@code method.invoke}, throwing what the method throws as it is. */
    static Object invoke(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
