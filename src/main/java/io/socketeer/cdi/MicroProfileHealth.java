package io.socketeer.cdi;

import io.socketeer.api.ServerMetrics;
import io.socketeer.api.SocketIoServer;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Socketeer's health checks as MicroProfile Health beans: liveness {@code socketeer} (the server
 * runs; its connections) and readiness {@code socketeer-adapter} (the adapter reaches the other
 * nodes), the same as {@code OperationsServlet}'s. Added as synthetic beans by
 * {@link SocketeerExtension} only where the API is there: this class implements nothing of it, so
 * loading it (bean discovery does) needs no MicroProfile; only calling it does.
 *
 * <p>{@code @Readiness} on this class is for Payara, which turns MicroProfile Health on only for an
 * archive that has a class file with {@code @Readiness}, {@code @Liveness} or {@code @Startup} (its
 * sniffer reads the class files); it makes this class no bean (a qualifier is not a bean-defining
 * annotation), and where the annotation's type is missing the JVM ignores it.
 */
@Readiness
final class MicroProfileHealth {
    private MicroProfileHealth() {
    }

    static boolean available() {
        return ConfigLoader.present("org.eclipse.microprofile.health.HealthCheck");
    }

    /**
     * Adds the checks; they ask {@code server} (null until it started) for its figures: the container
     * calls them on threads of its own, where neither {@code CDI.current()} nor the extension's bean
     * manager (Payara) resolves this application's beans.
     */
    static void addChecks(AfterBeanDiscovery abd, Supplier<SocketIoServer> server) {
        HealthCheck live = () -> response("socketeer", true, null);
        HealthCheck ready = () -> {
            SocketIoServer s = server.get();
            ServerMetrics m = s == null ? null : s.metrics();
            String problem = m == null ? "not started" : m.adapterProblem();
            return response("socketeer-adapter", problem == null, problem);
        };
        abd.addBean().types(HealthCheck.class, Object.class).qualifiers(Liveness.Literal.INSTANCE)
                .scope(Dependent.class).beanClass(MicroProfileHealth.class).createWith(c -> live);
        abd.addBean().types(HealthCheck.class, Object.class).qualifiers(Readiness.Literal.INSTANCE)
                .scope(Dependent.class).beanClass(MicroProfileHealth.class).createWith(c -> ready);
        java.util.logging.Logger.getLogger(MicroProfileHealth.class.getName()).log(java.util.logging.Level.FINE,
                "MicroProfile Health: liveness check socketeer and readiness check socketeer-adapter added");
    }

    private static HealthCheckResponse response(String name, boolean up, String problem) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).status(up);
        if (problem != null) {
            b.withData("adapter", problem);
        }
        return b.build();
    }
}
