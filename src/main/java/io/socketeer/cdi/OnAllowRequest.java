package io.socketeer.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The reference server's {@code allowRequest}: observers of
 * {@link io.socketeer.api.AllowRequestContext} run, in {@code @Priority} order, for every request
 * that opens a new connection, before any session exists, and may refuse it (the client gets 403
 * {@code {"code":4,"message":...}}). Synchronous observers only.
 *
 * <pre>{@code
 * void onlyWithToken(@Observes @OnAllowRequest AllowRequestContext req) {
 *     if (!tokens.valid(req.query().get("token"))) req.refuse("invalid token");
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface OnAllowRequest {
    /** The instance of the qualifier. */
    final class Literal extends AnnotationLiteral<OnAllowRequest> implements OnAllowRequest {
        private static final long serialVersionUID = 1L;
        /** The qualifier. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {
        }
    }
}
