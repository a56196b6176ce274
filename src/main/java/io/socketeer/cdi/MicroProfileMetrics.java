package io.socketeer.cdi;

import io.socketeer.api.Namespace;
import io.socketeer.api.ServerMetrics;
import io.socketeer.api.SocketIoServer;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.Counted;

/**
 * The server's figures ({@link ServerMetrics}) as gauges in the application's MicroProfile Metrics
 * registry, where the container has MicroProfile Metrics (Payara: {@code /metrics}, e.g.
 * {@code socketeer_connections{mp_scope="application",transport="websocket"}}). Registered by
 * {@link SessionRegistry} when the server starts, removed when it stops; per-namespace gauges are
 * added as namespaces appear, except for the children of dynamic namespaces (their number has no
 * bound; {@code /socketeer/metrics} lists those that exist). Every gauge reads one snapshot of at most half a second's age, so a
 * scrape does not walk the sessions once per gauge.
 *
 * <p>{@code @Counted} on this class is for Payara, which turns MicroProfile Metrics on only for an
 * archive that has a class file with one of its annotations (as {@code MicroProfileHealth}'s
 * {@code @Readiness}); this class is no bean, so it counts nothing, and where the annotation's type
 * is missing the JVM ignores it. This class is loaded but never linked where the API is missing.
 */
@Counted
final class MicroProfileMetrics {
    private static final String PREFIX = "socketeer.";
    private static final long MAX_AGE_NANOS = 500_000_000L;

    private final MetricRegistry registry;
    private final SocketIoServer server;
    private volatile ServerMetrics last;
    private volatile long lastAt;

    private MicroProfileMetrics(MetricRegistry registry, SocketIoServer server) {
        this.registry = registry;
        this.server = server;
    }

    static boolean available() {
        return ConfigLoader.present("org.eclipse.microprofile.metrics.MetricRegistry");
    }

    /**
     * Registers the gauges in the application registry; {@code namespaces} is given the hook that
     * adds a new namespace's. Returns what removes them, or null when there is no registry.
     */
    static Runnable register(SocketIoServer server, Consumer<Consumer<Namespace>> namespaces) {
        MetricRegistry registry;
        try {
            registry = CDI.current().select(RegistryHolder.class).get().registry;
        } catch (RuntimeException e) {
            // the API is there, but no implementation serves this application
            java.util.logging.Logger.getLogger(MicroProfileMetrics.class.getName()).log(java.util.logging.Level.FINE,
                    "no MicroProfile Metrics registry", e);
            return null;
        }
        MicroProfileMetrics m = new MicroProfileMetrics(registry, server);
        m.registerServerGauges();
        for (String nsp : server.metrics().socketsByNamespace().keySet()) {
            m.registerNamespace(nsp);
        }
        namespaces.accept(nsp -> {
            // not the children of a dynamic namespace: one gauge pair each would grow without bound
            if (nsp.parent().isEmpty()) {
                m.registerNamespace(nsp.name());
            }
        });
        return () -> registry.removeMatching((id, metric) -> id.getName().startsWith(PREFIX));
    }

    /**
     * Where MicroProfile Metrics is there, {@link SocketeerExtension} adds this as a bean: Payara
     * produces the registry only for a real injection point (a programmatic lookup gets a
     * NullPointerException from its producer). No bean-defining annotation, so it is no bean where
     * it is not added (and its field's type may be missing there).
     */
    static final class RegistryHolder {
        @jakarta.inject.Inject
        MetricRegistry registry;
    }

    /** Adds {@link RegistryHolder} to the beans. */
    static void addRegistryHolder(jakarta.enterprise.inject.spi.BeforeBeanDiscovery bbd,
                                  jakarta.enterprise.inject.spi.BeanManager beans) {
        bbd.addAnnotatedType(beans.createAnnotatedType(RegistryHolder.class), RegistryHolder.class.getName());
    }

    private ServerMetrics snapshot() {
        long now = System.nanoTime();
        ServerMetrics m = last;
        if (m == null || now - lastAt > MAX_AGE_NANOS) {
            m = server.metrics();
            last = m;
            lastAt = now;
        }
        return m;
    }

    private void gauge(String name, String description, ToLongFunction<ServerMetrics> value, Tag... tags) {
        Metadata metadata = Metadata.builder().withName(PREFIX + name).withDescription(description).build();
        registry.gauge(metadata, this, (Function<MicroProfileMetrics, Long>) self -> value.applyAsLong(self.snapshot()),
                tags);
    }

    private void registerServerGauges() {
        gauge("connections", "Open Engine.IO connections by transport", ServerMetrics::pollingConnections,
                new Tag("transport", "polling"));
        gauge("connections", "Open Engine.IO connections by transport", ServerMetrics::websocketConnections,
                new Tag("transport", "websocket"));
        gauge("connections.opened", "Engine.IO connections opened since the start", ServerMetrics::connectionsOpened);
        gauge("messages.received", "Engine.IO messages received", ServerMetrics::messagesIn);
        gauge("messages.sent", "Engine.IO messages sent, once per client", ServerMetrics::messagesOut);
        gauge("message.bytes.received", "Size of the messages received: bytes of binary, characters of text",
                ServerMetrics::bytesIn);
        gauge("message.bytes.sent", "Size of the messages sent: bytes of binary, characters of text",
                ServerMetrics::bytesOut);
        for (String code : server.metrics().connectionErrors().keySet()) {
            gauge("connection.errors", "Requests refused, by engine.io error code",
                    m -> m.connectionErrors().getOrDefault(code, 0L), new Tag("code", code));
        }
        gauge("ack.timeouts", "Emits with acks whose timeout passed", ServerMetrics::ackTimeouts);
        gauge("adapter.up", "1 when the adapter reaches the other nodes (or there are none)",
                m -> m.adapterProblem() == null ? 1 : 0);
    }

    private void registerNamespace(String nsp) {
        Tag tag = new Tag("namespace", nsp);
        gauge("sockets", "Connected sockets by namespace", m -> m.socketsByNamespace().getOrDefault(nsp, 0), tag);
        gauge("rooms", "Rooms by namespace (without each socket's own room)",
                m -> m.roomsByNamespace().getOrDefault(nsp, 0), tag);
    }
}
