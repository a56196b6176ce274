package io.socketeer.it;

import io.socketeer.api.EventContext;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** The handlers of {@link OperationsIT}. */
@ApplicationScoped
public class OperationsHandlers {

    void join(@Observes @OnEvent("join") EventContext ev) {
        ev.socket().join(ev.arg(0, String.class));
        ev.ack();
    }

    /** {@code ask-me()}: acks at once, then asks the client a {@code question} it has 200 ms to answer. */
    void askMe(@Observes @OnEvent("ask-me") EventContext ev) {
        ev.ack();
        ev.socket().timeout(Duration.ofMillis(200)).emitWithAck("question");
    }
}
