package io.socketeer.cdi;

import io.socketeer.api.ServerMetrics;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.CDI;
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
 */
final class MicroProfileHealth {
    private MicroProfileHealth() {
    }

    static boolean available() {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck", false, MicroProfileHealth.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void addChecks(AfterBeanDiscovery abd) {
        HealthCheck live = () -> response("socketeer", true, null);
        HealthCheck ready = () -> {
            ServerMetrics m = metrics();
            String problem = m == null ? "not started" : m.adapterProblem();
            return response("socketeer-adapter", problem == null, problem);
        };
        abd.addBean().types(HealthCheck.class, Object.class).qualifiers(Liveness.Literal.INSTANCE)
                .scope(Dependent.class).beanClass(MicroProfileHealth.class).createWith(c -> live);
        abd.addBean().types(HealthCheck.class, Object.class).qualifiers(Readiness.Literal.INSTANCE)
                .scope(Dependent.class).beanClass(MicroProfileHealth.class).createWith(c -> ready);
    }

    private static ServerMetrics metrics() {
        try {
            return CDI.current().select(SessionRegistry.class).get().socketIoServer().metrics();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static HealthCheckResponse response(String name, boolean up, String problem) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).status(up);
        if (problem != null) {
            b.withData("adapter", problem);
        }
        return b.build();
    }
}
