package io.socketeer.container;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Predicate;

/**
 * The field and method lookups of the container adapters that reach a container's internals by
 * reflection (Tomcat, Tyrus, Undertow), with no compile-time dependency on the container.
 */
final class Reflection {
    private Reflection() {
    }

    /** A field {@code owner} declares, made accessible. */
    static Field declared(Class<?> owner, String name) throws NoSuchFieldException {
        return declared(owner, name, type -> true);
    }

    /** A field {@code owner} declares, made accessible, if its type fits; else NoSuchFieldException. */
    static Field declared(Class<?> owner, String name, Predicate<Class<?>> fits) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        if (!fits.test(f.getType())) {
            throw new NoSuchFieldException(name + " is a " + f.getType().getName());
        }
        f.setAccessible(true);
        return f;
    }

    /** A method {@code owner} declares, made accessible. */
    static Method declaredMethod(Class<?> owner, String name, Class<?>... parameters) throws NoSuchMethodException {
        Method m = owner.getDeclaredMethod(name, parameters);
        m.setAccessible(true);
        return m;
    }

    /** A field {@code type} or one of its superclasses declares (the nearest), made accessible. */
    static Field inherited(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return declared(c, name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName());
    }

    /** {@code type} or its superclass of that name; ClassNotFoundException if none is. */
    static Class<?> classNamed(Class<?> type, String name) throws ClassNotFoundException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new ClassNotFoundException(name + " above " + type.getName());
    }
}
