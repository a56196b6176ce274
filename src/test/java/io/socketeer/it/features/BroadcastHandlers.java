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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Namespaces {@code /broadcast} and {@code /broadcast-other} (and {@code sync} on {@code /}):
 * broadcasts to the main namespace, to another namespace, local ones, with acknowledgements, with
 * binary, bursts from one handler.
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

    /**
     * {@code burst(spec, count)}: broadcasts {@code tick(seq, payload)} {@code count} times from this one
     * handler; the payload is the sequence number as text, every 50th time its bytes, every 100th a
     * 20,000-character string (bigger than a container's output buffer).
     */
    void burst(@Observes @OnEvent(value = "burst", namespace = NSP) EventContext ev) {
        int count = ev.arg(1, Integer.class);
        var target = select(io.of(NSP), ev.arg(0));
        for (int seq = 0; seq < count; seq++) {
            target.emit("tick", seq, burstPayload(seq));
        }
        ev.ack("sent", count);
    }

    static Object burstPayload(int seq) {
        if (seq % 100 == 99) {
            return String.valueOf(seq).repeat(20_000 / String.valueOf(seq).length());
        }
        if (seq % 50 == 49) {
            return String.valueOf(seq).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return String.valueOf(seq);
    }

    private volatile CountDownLatch goOn = new CountDownLatch(1);

    /**
     * {@code slow-burst()}: emits {@code step(1)} and {@code step(2)} to the caller, then waits (at most
     * 10 s) for {@code go-on} from another client, as a handler doing slow work would, then emits
     * {@code step(3)}.
     */
    void slowBurst(@Observes @OnEvent(value = "slow-burst", namespace = NSP) EventContext ev)
            throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        goOn = latch;
        ev.socket().emit("step", 1);
        ev.socket().emit("step", 2);
        boolean released = latch.await(10, TimeUnit.SECONDS);
        ev.socket().emit("step", 3, released);
    }

    void goOn(@Observes @OnEvent(value = "go-on", namespace = NSP) EventContext ev) {
        goOn.countDown();
        ev.ack();
    }
}
