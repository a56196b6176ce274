package io.socketeer.it.features;

import static io.socketeer.it.features.HandlerSupport.strings;

import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Namespace {@code /volatile}: volatile emits right after normal ones, and volatile broadcasts.
 *
 * <p>The handler of a client's own event first emits two normal events to it, {@code seq("a")} and
 * {@code seq("a2")}. Over long-polling the first takes the GET the client had waiting (or waits in
 * the buffer if there was none) and the second waits in the buffer, so the transport cannot take a
 * volatile event until the client polls again: it is dropped.
 */
@ApplicationScoped
public class VolatileHandlers {
    static final String NSP = "/volatile";

    @Inject
    SocketIoServer io;

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    void join(@Observes @OnEvent(value = "join", namespace = NSP) EventContext ev) {
        ev.socket().join(strings(ev, 0));
        ev.ack();
    }

    /** {@code burst()}: {@code seq("a")}, {@code seq("a2")}, volatile {@code seq("v")}, {@code seq("b")}. */
    void burst(@Observes @OnEvent(value = "burst", namespace = NSP) EventContext ev) {
        Socket s = ev.socket();
        s.emit("seq", "a");
        s.emit("seq", "a2");
        s.volatile_().emit("seq", "v");
        s.emit("seq", "b");
        ev.ack("done");
    }

    /**
     * {@code busy-then-broadcast(room, marker)}: {@code seq("a")} and {@code seq("a2")} to the sender,
     * a volatile broadcast {@code vb(marker)} to the room, {@code seq("b")} to the sender.
     */
    void busyThenBroadcast(@Observes @OnEvent(value = "busy-then-broadcast", namespace = NSP) EventContext ev) {
        Socket s = ev.socket();
        s.emit("seq", "a");
        s.emit("seq", "a2");
        io.of(NSP).volatile_().to(ev.arg(0, String.class)).emit("vb", ev.arg(1));
        s.emit("seq", "b");
        ev.ack("done");
    }
}
