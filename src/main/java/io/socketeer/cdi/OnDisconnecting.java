package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects sockets that are disconnecting: observers run before the socket leaves its rooms, so
 * {@code d.socket().rooms()} still lists them ({@code "disconnecting"} in the reference server).
 *
 * <pre>{@code
 * void leaving(@Observes @OnDisconnecting Disconnection d) {
 *     for (String room : d.socket().rooms()) io.to(room).emit("user left", d.socket().id());
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnDisconnecting {
    /** The namespace, {@code /} by default (a regular expression starting with {@code ^} for a dynamic one). */
    String namespace() default "/";

    /** An instance of the qualifier, to fire or select events in code. */
    final class Literal extends AnnotationLiteral<OnDisconnecting> implements OnDisconnecting {
        private static final long serialVersionUID = 1L;
        private final String namespace;

        private Literal(String namespace) {
            this.namespace = namespace;
        }

        public static Literal of(String namespace) {
            return new Literal(namespace);
        }

        @Override
        public String namespace() {
            return namespace;
        }
    }
}
