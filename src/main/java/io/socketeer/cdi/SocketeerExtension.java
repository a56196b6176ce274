package io.socketeer.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learns at deployment which socket events the application observes: the namespaces its observers
 * name exist from the start (a namespace is "created by use"), and events nobody observes are not
 * fired at all, so an unknown event name costs nothing and caches nothing.
 */
public class SocketeerExtension implements Extension {
    /** Whether synchronous and asynchronous observers exist for one kind of event. */
    public record Observed(boolean sync, boolean async) {
        Observed plus(boolean isAsync) {
            return new Observed(sync || !isAsync, async || isAsync);
        }
    }

    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();

    void onObserverMethod(@Observes ProcessObserverMethod<?, ?> pom) {
        ObserverMethod<?> om = pom.getObserverMethod();
        for (Annotation q : om.getObservedQualifiers()) {
            String key = null;
            String nsp = null;
            if (q instanceof OnEvent e) {
                nsp = e.namespace();
                key = eventKey(nsp, e.value());
            } else if (q instanceof OnAnyEvent a) {
                nsp = a.namespace();
                key = key("any", nsp);
            } else if (q instanceof OnConnect c) {
                nsp = c.namespace();
                key = key("connect", nsp);
            } else if (q instanceof OnDisconnecting d) {
                nsp = d.namespace();
                key = key("disconnecting", nsp);
            } else if (q instanceof OnDisconnect d) {
                nsp = d.namespace();
                key = key("disconnect", nsp);
            } else if (q instanceof OnHandshake h) {
                nsp = h.namespace();
                key = key("handshake", nsp);
            } else if (q instanceof OnNewNamespace) {
                key = "newNamespace";
            }
            if (key != null) {
                if (nsp != null) {
                    namespaces.add(nsp);
                }
                observed.merge(key, new Observed(!om.isAsync(), om.isAsync()), (a, b) -> a.plus(b.async()));
            }
        }
    }

    /** Observers of new namespaces, or null. */
    public Observed newNamespace() {
        return observed.get("newNamespace");
    }

    /** The namespaces named by observers ({@code ^...}: regular expressions of dynamic namespaces). */
    public Set<String> namespaces() {
        return Set.copyOf(namespaces);
    }

    /** Observers of an event name in a namespace, or null. */
    public Observed event(String nsp, String event) {
        return observed.get(eventKey(nsp, event));
    }

    /**
     * Observers of {@code connect}, {@code disconnecting}, {@code disconnect}, {@code handshake} or
     * {@code any} (events) in a namespace, or null.
     */
    public Observed lifecycle(String kind, String nsp) {
        return observed.get(key(kind, nsp));
    }

    static String eventKey(String nsp, String event) {
        return "event\u0000" + nsp + "\u0000" + event;
    }

    private static String key(String kind, String nsp) {
        return kind + "\u0000" + nsp;
    }
}
