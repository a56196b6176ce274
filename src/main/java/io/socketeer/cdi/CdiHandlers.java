package io.socketeer.cdi;

import io.socketeer.api.AllowRequestContext;
import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.HandshakeContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.ServerSideEvent;
import io.socketeer.api.Socket;
import io.socketeer.api.impl.Handlers;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
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
    /**
     * Request context controllers not in use. Getting one from the {@code Instance} for every event
     * was a fifth of the CPU of an echo on Tomcat + Weld (JFR); a controller remembers whether it
     * activated the context, so each is used by one thread at a time, taken from here and put back.
     * There are at most as many as events were ever handled at once; they are dependents of the
     * registry's {@code Instance} and go with it on undeploy.
     */
    private final Queue<RequestContextController> idleControllers = new ConcurrentLinkedQueue<>();

    CdiHandlers(Event<Object> events, SocketeerExtension extension, Instance<RequestContextController> requestContexts) {
        this.events = events;
        this.extension = extension;
        this.requestContexts = requestContexts;
    }

    /** {@code @OnAllowRequest} observers (synchronous only); one that fails refuses the request. */
    @Override
    public void allowRequest(AllowRequestContext request) {
        SocketeerExtension.Observed o = extension.observed(SocketeerExtension.ALLOW_REQUEST);
        if (o != null && o.sync() && !fireSync(channel(SocketeerExtension.ALLOW_REQUEST,
                () -> OnAllowRequest.Literal.INSTANCE), request, "allowRequest", request.url())) {
            request.refuse("Forbidden");
        }
    }

    @Override
    public void handshake(HandshakeContext context) {
        for (String nsp : names(context.socket().namespace())) {
            String key = SocketeerExtension.lifecycleKey("handshake", nsp);
            SocketeerExtension.Observed o = extension.observed(key);
            if (o != null && o.sync() && !context.rejected()) {   // middleware answers before CONNECT: no async
                fireSync(channel(key, () -> OnHandshake.Literal.of(nsp)), context, "handshake", nsp);
            }
        }
    }

    @Override
    public void connected(Socket socket) {
        for (String nsp : names(socket.namespace())) {
            fire(SocketeerExtension.lifecycleKey("connect", nsp), () -> OnConnect.Literal.of(nsp), socket,
                    "connect", nsp);
        }
    }

    @Override
    public void event(EventContext context) {
        String event = context.event();
        List<String> names = names(context.socket().namespace());
        for (String nsp : names) {
            fire(SocketeerExtension.lifecycleKey("any", nsp), () -> OnAnyEvent.Literal.of(nsp), context,
                    "any event", event);
        }
        for (String nsp : names) {
            fire(SocketeerExtension.eventKey(nsp, event), () -> OnEvent.Literal.of(event, nsp), context,
                    "event", event);
        }
    }

    @Override
    public void disconnecting(Disconnection disconnection) {
        for (String nsp : names(disconnection.socket().namespace())) {
            fire(SocketeerExtension.lifecycleKey("disconnecting", nsp), () -> OnDisconnecting.Literal.of(nsp),
                    disconnection, "disconnecting", nsp);
        }
    }

    @Override
    public void disconnected(Disconnection disconnection) {
        for (String nsp : names(disconnection.socket().namespace())) {
            fire(SocketeerExtension.lifecycleKey("disconnect", nsp), () -> OnDisconnect.Literal.of(nsp),
                    disconnection, "disconnect", nsp);
        }
    }

    @Override
    public void serverSideEvent(ServerSideEvent event) {
        String nsp = event.namespace().name();
        fire(SocketeerExtension.serverSideKey(nsp, event.event()), () -> OnServerSideEmit.Literal.of(event.event(), nsp),
                event, "server-side event", event.event());
    }

    /** Told of every new namespace besides the observers (MicroProfile Metrics' per-namespace gauges). */
    private volatile java.util.function.Consumer<Namespace> namespaceWatcher;

    void watchNamespaces(java.util.function.Consumer<Namespace> watcher) {
        this.namespaceWatcher = watcher;
    }

    @Override
    public void namespaceCreated(Namespace namespace) {
        java.util.function.Consumer<Namespace> w = namespaceWatcher;
        if (w != null) {
            try {
                w.accept(namespace);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(CdiHandlers.class.getName()).log(java.util.logging.Level.WARNING,
                        "metrics of new namespace " + namespace.name() + " not registered", e);
            }
        }
        fire(SocketeerExtension.NEW_NAMESPACE, () -> OnNewNamespace.Literal.INSTANCE, namespace,
                "new namespace", namespace.name());
    }

    /** The namespace names observers may select a socket's events by: its own, and its parent's. */
    private static List<String> names(Namespace nsp) {
        return nsp.parent().map(p -> List.of(nsp.name(), p.name())).orElseGet(() -> List.of(nsp.name()));
    }

    /**
     * The Event selected with this qualifier, cached by key. Only asked for kinds that have observers,
     * so the cache is bounded by the application's observer methods, whatever clients send.
     */
    private Event<Object> channel(String key, Supplier<Annotation> qualifier) {
        return channels.computeIfAbsent(key, k -> events.select(qualifier.get()));
    }

    /**
     * Fires the kind of event named by {@code key} to its synchronous, then its asynchronous
     * observers, if there are any. {@code kind} and {@code name} only describe it in a log line.
     */
    private void fire(String key, Supplier<Annotation> qualifier, Object payload, String kind, String name) {
        SocketeerExtension.Observed o = extension.observed(key);
        if (o == null) {
            return;
        }
        Event<Object> channel = channel(key, qualifier);
        if (o.sync()) {
            fireSync(channel, payload, kind, name);
        }
        if (o.async()) {
            channel.fireAsync(payload).exceptionally(e -> {
                LOG.log(Level.WARNING, "async observer of " + kind + " " + name + " failed", e);
                return null;
            });
        }
    }

    /** Fires to the synchronous observers in a request context; false when one failed (logged). */
    private boolean fireSync(Event<Object> channel, Object payload, String kind, String name) {
        RequestContextController rc = idleControllers.poll();
        if (rc == null) {
            rc = requestContexts.get();
        }
        boolean activated = rc.activate();
        try {
            channel.fire(payload);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "observer of " + kind + " " + name + " failed", e);
            return false;
        } finally {
            if (activated) {
                rc.deactivate();
            }
            idleControllers.offer(rc);
        }
    }
}
