package io.socketeer.it.features;

import static io.socketeer.it.features.HandlerSupport.cause;
import static io.socketeer.it.features.HandlerSupport.select;
import static io.socketeer.it.features.HandlerSupport.strings;

import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.EventContext;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Namespaces {@code /broadcast} and {@code /broadcast-other} (and {@code sync} on {@code /}):
 * broadcasts to the main namespace, to another namespace, local ones, with acknowledgements, with
 * binary.
 */
@ApplicationScoped
public class BroadcastHandlers {
    static final String NSP = "/broadcast";
    static final String OTHER = "/broadcast-other";

    @Inject
    SocketIoServer io;

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    void syncOther(@Observes @OnEvent(value = "sync", namespace = OTHER) EventContext ev) {
        ev.ack();
    }

    void syncMain(@Observes @OnEvent(value = "sync") EventContext ev) {
        ev.ack();
    }

    /** {@code io-emit(payload)}: {@code io.emit("news", "/", payload)}, the main namespace. */
    void ioEmit(@Observes @OnEvent(value = "io-emit", namespace = NSP) EventContext ev) {
        io.emit("news", "/", ev.arg(0));
        ev.ack("sent");
    }

    /** {@code of-emit(nsp, payload)}: {@code io.of(nsp).emit("news", nsp, payload)}. */
    void ofEmit(@Observes @OnEvent(value = "of-emit", namespace = NSP) EventContext ev) {
        String nsp = ev.arg(0, String.class);
        io.of(nsp).emit("news", nsp, ev.arg(1));
        ev.ack("sent");
    }

    /** {@code local-emit(spec, payload)}: {@code io.of("/broadcast").local()...emit("news", "local", payload)}. */
    void localEmit(@Observes @OnEvent(value = "local-emit", namespace = NSP) EventContext ev) {
        select(io.of(NSP).local(), ev.arg(0)).emit("news", "local", ev.arg(1));
        ev.ack("sent");
    }

    /** {@code join(rooms)}. */
    void join(@Observes @OnEvent(value = "join", namespace = NSP) EventContext ev) {
        ev.socket().join(strings(ev, 0));
        ev.ack();
    }

    /**
     * {@code ask(spec, timeoutMs, question)}: {@code ...timeout(ms).emitWithAck("question", question)};
     * acks {@code ["answers", [answer args...]]} or
     * {@code ["failed", exception class, message, [answer args of those who answered...]]}.
     */
    void ask(@Observes @OnEvent(value = "ask", namespace = NSP) EventContext ev) {
        long ms = ev.arg(1, Long.class);
        select(io.of(NSP), ev.arg(0)).timeout(Duration.ofMillis(ms)).emitWithAck("question", ev.arg(2))
                .whenComplete((answers, error) -> {
                    if (error == null) {
                        ev.ack("answers", lists(answers));
                    } else {
                        Throwable t = cause(error);
                        List<Object> got = t instanceof AckTimeoutException e ? lists(e.responses()) : List.of();
                        ev.ack("failed", t.getClass().getSimpleName(), t.getMessage(), got);
                    }
                });
    }

    private static List<Object> lists(List<Arguments> answers) {
        List<Object> out = new ArrayList<>();
        for (Arguments a : answers) {
            out.add(a.list());
        }
        return out;
    }

    /**
     * {@code binary-emit(spec, bytes...)}: emits {@code "bin"} with the client's arguments, then the
     * server's own binary nested in an object.
     */
    void binaryEmit(@Observes @OnEvent(value = "binary-emit", namespace = NSP) EventContext ev) {
        List<Object> args = new ArrayList<>(ev.args().list().subList(1, ev.args().size()));
        args.add(Map.of("server", new byte[] {0, 1, 2, (byte) 255}, "list", List.of("x", new byte[] {42})));
        select(io.of(NSP), ev.arg(0)).emit("bin", args.toArray());
        ev.ack("sent", Arrays.asList(ev.socket().id()));
    }
}
