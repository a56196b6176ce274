package io.socketeer.api.impl;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Handlers that record every call; behaviour can be plugged in per test. */
final class RecordingHandlers implements Handlers {
    final LinkedBlockingQueue<HandshakeContext> handshakes = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<EventContext> events = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Disconnection> disconnections = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Disconnection> disconnectings = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Namespace> namespaces = new LinkedBlockingQueue<>();
    /** What a {@code disconnecting} handler saw of the socket's rooms. */
    final LinkedBlockingQueue<java.util.Set<String>> roomsWhileDisconnecting = new LinkedBlockingQueue<>();
    volatile Consumer<HandshakeContext> onHandshake = hs -> { };
    volatile Consumer<EventContext> onEvent = ev -> { };
    volatile Consumer<Socket> onConnected = s -> { };

    @Override
    public void handshake(HandshakeContext context) {
        handshakes.add(context);
        onHandshake.accept(context);
    }

    @Override
    public void connected(Socket socket) {
        connected.add(socket);
        onConnected.accept(socket);
    }

    @Override
    public void event(EventContext context) {
        events.add(context);
        onEvent.accept(context);
    }

    @Override
    public void disconnecting(Disconnection disconnection) {
        roomsWhileDisconnecting.add(disconnection.socket().rooms());
        disconnectings.add(disconnection);
    }

    @Override
    public void disconnected(Disconnection disconnection) {
        disconnections.add(disconnection);
    }

    @Override
    public void namespaceCreated(Namespace namespace) {
        namespaces.add(namespace);
    }

    static <T> T next(LinkedBlockingQueue<T> q) {
        try {
            T t = q.poll(2, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("nothing within 2 s");
            }
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    EventContext nextEvent() {
        return next(events);
    }

    Socket nextConnected() {
        return next(connected);
    }

    Disconnection nextDisconnection() {
        return next(disconnections);
    }
}
