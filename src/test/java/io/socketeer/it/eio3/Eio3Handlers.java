package io.socketeer.it.eio3;

import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnHandshake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The handlers of {@link Eio3IT}, the same for Socket.IO v2 and v4 clients: namespace {@code /}
 * (open) and {@code /v2} (token {@code s3cret} in the auth payload, which a v2 client sends as the
 * namespace's query).
 */
@ApplicationScoped
public class Eio3Handlers {
    static final String PRIVATE = "/v2";
    static final String TOKEN = "s3cret";

    @Inject
    SocketIoServer io;

    void sync(@Observes @OnEvent("sync") EventContext ev) {
        ev.ack();
    }

    /** {@code whoami()}: acks the socket's id, its transport and its auth payload. */
    void whoami(@Observes @OnEvent("whoami") EventContext ev) {
        ev.ack(ev.socket().id(), ev.socket().transport(), ev.socket().handshake().auth());
    }

    void privateWhoami(@Observes @OnEvent(value = "whoami", namespace = PRIVATE) EventContext ev) {
        whoami(ev);
    }

    void join(@Observes @OnEvent("join") EventContext ev) {
        ev.socket().join(ev.arg(0, String.class));
        ev.ack();
    }

    /** {@code say(room, text)}: {@code said(text, senderId)} to everyone in the room, sender included. */
    void say(@Observes @OnEvent("say") EventContext ev) {
        io.to(ev.arg(0, String.class)).emit("said", ev.arg(1, String.class), ev.socket().id());
        ev.ack();
    }

    /** {@code echo(...)}: acks its arguments as they came (binary included). */
    void echo(@Observes @OnEvent("echo") EventContext ev) {
        ev.ack(ev.args().list().toArray());
    }

    /** {@code echo-event(...)}: emits {@code echoed} with its arguments to the sender. */
    void echoEvent(@Observes @OnEvent("echo-event") EventContext ev) {
        ev.socket().emit("echoed", ev.args().list().toArray());
        ev.ack();
    }

    /** {@code kick()}: acks, then disconnects the socket. */
    void kick(@Observes @OnEvent("kick") EventContext ev) {
        ev.ack();
        ev.socket().disconnect(false);
    }

    void guard(@Observes @OnHandshake(namespace = PRIVATE) HandshakeContext hs) {
        if (!TOKEN.equals(hs.auth().get("token"))) {
            hs.reject("not authorized");
        }
    }
}
