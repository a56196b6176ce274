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
    /** The key of new-namespace observers. */
    static final String NEW_NAMESPACE = "newNamespace";
    static final String ALLOW_REQUEST = "allowRequest";

    private final Map<String, Observed> observed = new ConcurrentHashMap<>();

    /**
     * Where MicroProfile Health is there (Payara; WildFly with its microprofile-health subsystem),
     * Socketeer's liveness and readiness checks join the container's {@code /health}.
     */
    /** Where MicroProfile Metrics is there, the bean through which the server's gauges get its registry. */
    void beforeBeanDiscovery(@Observes jakarta.enterprise.inject.spi.BeforeBeanDiscovery bbd,
                             jakarta.enterprise.inject.spi.BeanManager beans) {
        if (MicroProfileMetrics.available()) {
            MicroProfileMetrics.addRegistryHolder(bbd, beans);
        }
    }

    void afterBeanDiscovery(@Observes jakarta.enterprise.inject.spi.AfterBeanDiscovery abd) {
        if (MicroProfileHealth.available()) {
            MicroProfileHealth.addChecks(abd, this::server);
        }
    }

    /** This application's server, once {@link SessionRegistry} started it (for the health checks). */
    private volatile io.socketeer.api.SocketIoServer server;

    void started(io.socketeer.api.SocketIoServer s) {
        server = s;
    }

    private io.socketeer.api.SocketIoServer server() {
        return server;
    }

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
                key = lifecycleKey("any", nsp);
            } else if (q instanceof OnConnect c) {
                nsp = c.namespace();
                key = lifecycleKey("connect", nsp);
            } else if (q instanceof OnDisconnecting d) {
                nsp = d.namespace();
                key = lifecycleKey("disconnecting", nsp);
            } else if (q instanceof OnDisconnect d) {
                nsp = d.namespace();
                key = lifecycleKey("disconnect", nsp);
            } else if (q instanceof OnHandshake h) {
                nsp = h.namespace();
                key = lifecycleKey("handshake", nsp);
            } else if (q instanceof OnServerSideEmit s) {
                nsp = s.namespace();
                key = serverSideKey(nsp, s.value());
            } else if (q instanceof OnNewNamespace) {
                key = NEW_NAMESPACE;
            } else if (q instanceof OnAllowRequest) {
                key = ALLOW_REQUEST;
            }
            if (key != null) {
                if (nsp != null) {
                    namespaces.add(nsp);
                }
                observed.merge(key, new Observed(!om.isAsync(), om.isAsync()), (a, b) -> a.plus(b.async()));
            }
        }
    }

    /** The namespaces named by observers ({@code ^...}: regular expressions of dynamic namespaces). */
    public Set<String> namespaces() {
        return Set.copyOf(namespaces);
    }

    /**
     * The observers of the kind of event named by {@code key} ({@link #eventKey}, {@link #lifecycleKey}
     * or {@link #NEW_NAMESPACE}), or null: what the sync and async observers are, so that kinds
     * nobody observes are never fired.
     */
    Observed observed(String key) {
        return observed.get(key);
    }

    static String eventKey(String nsp, String event) {
        return "event\u0000" + nsp + "\u0000" + event;
    }

    static String serverSideKey(String nsp, String event) {
        return "serverSide\u0000" + nsp + "\u0000" + event;
    }

    /**
     * The key of {@code connect}, {@code disconnecting}, {@code disconnect}, {@code handshake} or
     * {@code any} (events) in a namespace.
     */
    static String lifecycleKey(String kind, String nsp) {
        return kind + "\u0000" + nsp;
    }
}
