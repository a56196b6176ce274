package io.socketeer.it.app;

import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The application's handlers on {@code /greeter}, with its own bean injected. */
@ApplicationScoped
public class GreeterSocket {
    static final String NSP = "/greeter";

    @Inject
    Greeter greeter;

    void connected(@Observes @OnConnect(namespace = NSP) Socket socket) {
        socket.join("greeted");
        socket.emit("welcome", socket.id());
    }

    void greet(@Observes @OnEvent(value = "greet", namespace = NSP) EventContext ev) {
        ev.ack(greeter.greet(ev.arg(0, Greeting.class)));
    }
}
