package io.socketeer.cdi;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Socket;
import io.socketeer.api.impl.Handlers;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns socket events into CDI events with the qualifiers observers select them by. Synchronous
 * observers run on the thread that received the packet (in order, like the reference server's
 * handlers), inside a request context of their own when none is active (WebSocket and timer
 * threads have none), so {@code @RequestScoped} beans work in handlers; {@code @ObservesAsync}
 * observers run on the container's executor. An exception in an observer is logged and the session
 * goes on.
 */
final class CdiHandlers implements Handlers {
    private static final Logger LOG = Logger.getLogger(CdiHandlers.class.getName());

    private final Event<Object> events;
    private final SocketeerExtension extension;
    private final Instance<RequestContextController> requestContexts;
    private final Map<String, Event<Object>> channels = new ConcurrentHashMap<>();

    CdiHandlers(Event<Object> events, SocketeerExtension extension, Instance<RequestContextController> requestContexts) {
        this.events = events;
        this.extension = extension;
        this.requestContexts = requestContexts;
    }

    @Override
    public void handshake(HandshakeContext context) {
        String nsp = context.namespace();
        SocketeerExtension.Observed o = extension.lifecycle("handshake", nsp);
        if (o != null && o.sync()) {
            fireSync(channel("handshake", nsp, OnHandshake.Literal.of(nsp)), context, "handshake " + nsp);
        }
    }

    @Override
    public void connected(Socket socket) {
        String nsp = socket.namespace().name();
        fire(extension.lifecycle("connect", nsp), channel("connect", nsp, OnConnect.Literal.of(nsp)),
                socket, "connect " + nsp);
    }

    @Override
    public void event(EventContext context) {
        String nsp = context.socket().namespace().name();
        SocketeerExtension.Observed o = extension.event(nsp, context.event());
        if (o != null) {
            fire(o, channel(SocketeerExtension.eventKey(nsp, context.event()), null,
                    OnEvent.Literal.of(context.event(), nsp)), context, "event " + context.event());
        }
    }

    @Override
    public void disconnected(Disconnection disconnection) {
        String nsp = disconnection.socket().namespace().name();
        fire(extension.lifecycle("disconnect", nsp), channel("disconnect", nsp, OnDisconnect.Literal.of(nsp)),
                disconnection, "disconnect " + nsp);
    }

    /** The Event selected with this qualifier; only keys that have observers are ever cached. */
    private Event<Object> channel(String kind, String nsp, Annotation qualifier) {
        String key = nsp == null ? kind : kind + "\u0000" + nsp;
        return channels.computeIfAbsent(key, k -> events.select(qualifier));
    }

    private void fire(SocketeerExtension.Observed o, Event<Object> channel, Object payload, String what) {
        if (o == null) {
            return;
        }
        if (o.sync()) {
            fireSync(channel, payload, what);
        }
        if (o.async()) {
            channel.fireAsync(payload).exceptionally(e -> {
                LOG.log(Level.WARNING, "async observer of " + what + " failed", e);
                return null;
            });
        }
    }

    private void fireSync(Event<Object> channel, Object payload, String what) {
        RequestContextController rc = requestContexts.get();
        boolean activated = rc.activate();
        try {
            channel.fire(payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "observer of " + what + " failed", e);
        } finally {
            if (activated) {
                rc.deactivate();
            }
            requestContexts.destroy(rc);
        }
    }
}
