package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects events other servers of the cluster sent with {@code serverSideEmit}, by name and
 * namespace (the reference server's {@code io.on("event", ...)}).
 *
 * <pre>{@code
 * void ping(@Observes @OnServerSideEmit("ping") ServerSideEvent ev) {
 *     ev.ack("pong");
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnServerSideEmit {
    /** The event name. */
    String value();

    /** The namespace, {@code /} by default. */
    String namespace() default "/";

    /** An instance of the qualifier, to fire or select events in code. */
    final class Literal extends AnnotationLiteral<OnServerSideEmit> implements OnServerSideEmit {
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
