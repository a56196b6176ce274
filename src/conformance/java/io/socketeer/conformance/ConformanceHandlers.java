package io.socketeer.conformance;

import io.socketeer.api.EventContext;
import io.socketeer.api.Socket;
import io.socketeer.cdi.OnConnect;
import io.socketeer.cdi.OnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * On connect to {@code /} or {@code /custom}: emits {@code auth} with the client's auth payload.
 * {@code message} is emitted back as {@code message-back} with the same arguments;
 * {@code message-with-ack} is acknowledged with the same arguments (binary stays binary). Any other
 * namespace is refused with {@code Invalid namespace}, since none other exists.
 */
@ApplicationScoped
public class ConformanceHandlers {

    void connected(@Observes @OnConnect Socket socket) {
        socket.emit("auth", socket.handshake().auth());
    }

    void connectedCustom(@Observes @OnConnect(namespace = "/custom") Socket socket) {
        socket.emit("auth", socket.handshake().auth());
    }

    void message(@Observes @OnEvent("message") EventContext ev) {
        ev.socket().emit("message-back", ev.args().list().toArray());
    }

    void messageCustom(@Observes @OnEvent(value = "message", namespace = "/custom") EventContext ev) {
        ev.socket().emit("message-back", ev.args().list().toArray());
    }

    void messageWithAck(@Observes @OnEvent("message-with-ack") EventContext ev) {
        ev.ack(ev.args().list().toArray());
    }

    void messageWithAckCustom(@Observes @OnEvent(value = "message-with-ack", namespace = "/custom") EventContext ev) {
        ev.ack(ev.args().list().toArray());
    }
}
