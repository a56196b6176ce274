package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects every event a client emitted in a namespace, whatever its name (a catch-all, like
 * {@code socket.onAny} in the reference server). Catch-all observers run before {@code @OnEvent} ones.
 *
 * <pre>{@code
 * void audit(@Observes @OnAnyEvent EventContext ev) { log.fine(ev.socket().id() + " " + ev.event()); }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnAnyEvent {
    /** The namespace, {@code /} by default (a regular expression starting with {@code ^} for a dynamic one). */
    String namespace() default "/";

    /** An instance of the qualifier, to fire or select events in code. */
    final class Literal extends AnnotationLiteral<OnAnyEvent> implements OnAnyEvent {
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
