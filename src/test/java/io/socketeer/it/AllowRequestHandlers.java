package io.socketeer.it;

import io.socketeer.api.AllowRequestContext;
import io.socketeer.api.EventContext;
import io.socketeer.cdi.OnAllowRequest;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@link AllowRequestIT}'s handlers: an {@code @OnAllowRequest} observer that refuses a handshake
 * whose {@code token} is {@code bad} ("invalid token") and fails on {@code boom}; {@code echo}
 * acknowledges its argument.
 */
@ApplicationScoped
public class AllowRequestHandlers {
    void check(@Observes @OnAllowRequest AllowRequestContext request) {
        String token = request.query().get("token");
        if ("bad".equals(token)) {
            request.refuse("invalid token");
        } else if ("boom".equals(token)) {
            throw new IllegalStateException("allowRequest observer failure (expected by the test)");
        }
    }

    void echo(@Observes @OnEvent("echo") EventContext ev) {
        ev.ack(ev.arg(0));
    }
}
