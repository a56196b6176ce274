package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects events a client emitted, by name and namespace.
 *
 * <pre>{@code
 * void said(@Observes @OnEvent("chat message") EventContext ev) {
 *     ev.socket().broadcast().emit("chat message", ev.arg(0));
 *     ev.ack("ok");
 * }
 * void banned(@ObservesAsync @OnEvent(value = "ban", namespace = "/admin") EventContext ev) { ... }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnEvent {
    /** The event name. */
    String value();

    /** The namespace, {@code /} by default (a regular expression starting with {@code ^} for a dynamic one). */
    String namespace() default "/";

    /** An instance of the qualifier, to fire or select events in code. */
    final class Literal extends AnnotationLiteral<OnEvent> implements OnEvent {
        private static final long serialVersionUID = 1L;
        private final String value;
        private final String namespace;

        private Literal(String value, String namespace) {
            this.value = value;
            this.namespace = namespace;
        }

        public static Literal of(String value, String namespace) {
            return new Literal(value, namespace);
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String namespace() {
            return namespace;
        }
    }
}
