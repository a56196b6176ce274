package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects sockets that disconnected from a namespace, with the reason.
 *
 * <pre>{@code
 * void left(@Observes @OnDisconnect Disconnection d) { log.info(d.reason().toString()); }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnDisconnect {
    /** The namespace, {@code /} by default (a regular expression starting with {@code ^} for a dynamic one). */
    String namespace() default "/";

    /** An instance of the qualifier, to fire or select events in code. */
    final class Literal extends AnnotationLiteral<OnDisconnect> implements OnDisconnect {
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
