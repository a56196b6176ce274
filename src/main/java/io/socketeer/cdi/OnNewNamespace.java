package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects namespaces as they are created: at start, by {@code io.of(...)}, or as children of a
 * dynamic namespace on their first CONNECT ({@code "new_namespace"} in the reference server).
 *
 * <pre>{@code
 * void created(@Observes @OnNewNamespace Namespace nsp) {
 *     nsp.use(hs -> { if (!allowed(hs, nsp.name())) hs.reject("not allowed"); });
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnNewNamespace {
    /** The instance of the qualifier. */
    final class Literal extends AnnotationLiteral<OnNewNamespace> implements OnNewNamespace {
        private static final long serialVersionUID = 1L;
        /** The qualifier. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {
        }
    }
}
