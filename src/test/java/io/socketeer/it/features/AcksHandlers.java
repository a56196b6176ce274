package io.socketeer.it.features;

import static io.socketeer.it.features.HandlerSupport.cause;

import io.socketeer.api.Emitter;
import io.socketeer.api.EventContext;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** Namespace {@code /acks}: acknowledgements both ways. */
@ApplicationScoped
public class AcksHandlers {
    static final String NSP = "/acks";

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    /** {@code echo(args...)}: acks with the same arguments. */
    void echo(@Observes @OnEvent(value = "echo", namespace = NSP) EventContext ev) {
        ev.ack(ev.args().list().toArray());
    }

    /** {@code ack-twice()}: acks "first", then tries "second". */
    void ackTwice(@Observes @OnEvent(value = "ack-twice", namespace = NSP) EventContext ev) {
        ev.ack("first");
        ev.ack("second");
    }

    /** {@code has-ack()}: emits {@code has-ack(ev.hasAck())} back, then acks "acked" (when it can). */
    void hasAck(@Observes @OnEvent(value = "has-ack", namespace = NSP) EventContext ev) {
        ev.socket().emit("has-ack", ev.hasAck());
        ev.ack("acked");
    }

    /**
     * {@code ask(timeoutMs or null, payload)}: {@code socket[.timeout(ms)].emitWithAck("question", payload)};
     * acks {@code ["answered", [answer args]]} or {@code ["failed", exception class, message]}.
     */
    void ask(@Observes @OnEvent(value = "ask", namespace = NSP) EventContext ev) {
        Long ms = ev.arg(0, Long.class);
        Emitter emitter = ms == null ? ev.socket() : ev.socket().timeout(Duration.ofMillis(ms));
        emitter.emitWithAck("question", ev.arg(1)).whenComplete((answer, error) -> {
            if (error == null) {
                ev.ack("answered", answer.list());
            } else {
                Throwable t = cause(error);
                ev.ack("failed", t.getClass().getSimpleName(), t.getMessage());
            }
        });
    }
}
