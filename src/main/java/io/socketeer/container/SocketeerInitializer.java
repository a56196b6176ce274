package io.socketeer.container;

import io.socketeer.api.SocketIoOptions;
import io.socketeer.cdi.ConfigLoader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Sets Socketeer up in any application that has its jar (or classes): the entry servlet on
 * {@code <path>/*}, the guard of the internal WebSocket path, and the listener that registers the
 * WebSocket endpoint once the container's {@code ServerContainer} is there. No web.xml needed.
 */
public class SocketeerInitializer implements ServletContainerInitializer {
    /** Servlet context attribute holding the path the endpoint is registered on. */
    static final String INTERNAL_PATH_ATTRIBUTE = "io.socketeer.websocket.path";
    /** See {@link ServletPollExchange}: how long Payara may still read a held GET after our servlet. */
    static final java.time.Duration PAYARA_COMPLETION_GRACE = java.time.Duration.ofMillis(10);

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        ConfigLoader.rememberContextParameters(ctx::getInitParameter, java.util.Collections.list(ctx.getInitParameterNames()));
        SocketIoOptions options = ConfigLoader.load(ctx::getInitParameter);
        String path = options.engine().path();
        String internal = internalPath(path);
        ctx.setAttribute(INTERNAL_PATH_ATTRIBUTE, internal);
        WeldServletSettings.apply(ctx, path);
        if (WeldServletSettings.isPayara(ctx.getServerInfo())) {
            ServletPollExchange.completionGrace(PAYARA_COMPLETION_GRACE);
        }

        FilterRegistration.Dynamic guard = ctx.addFilter("socketeer-websocket-guard", InternalPathGuard.class);
        if (guard != null) {
            guard.setAsyncSupported(true);
            guard.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, internal);
        }
        ServletRegistration.Dynamic servlet = ctx.addServlet("socketeer", SocketIoServlet.class);
        if (servlet != null) {
            servlet.setAsyncSupported(true);
            servlet.setLoadOnStartup(1);
            servlet.addMapping(path + "/*");
        }
        ctx.addListener(WebSocketRegistrar.class);
        operations(ctx, "metrics", ConfigLoader.endpointPath(ctx::getInitParameter, "metrics", "/socketeer/metrics"));
        operations(ctx, "health", ConfigLoader.endpointPath(ctx::getInitParameter, "health", "/socketeer/health"));
    }

    /** Serves {@link OperationsServlet} of this kind on {@code path} (and below it), if on. */
    private static void operations(ServletContext ctx, String kind, String path) {
        if (path == null) {
            return;
        }
        ServletRegistration.Dynamic s = ctx.addServlet("socketeer-" + kind, OperationsServlet.class);
        if (s != null) {
            s.setInitParameter(OperationsServlet.KIND, kind);
            s.addMapping(path, path + "/*");
        }
    }

    /** Where the endpoint is registered: only upgrades handed over by the servlet may reach it. */
    static String internalPath(String path) {
        return path + "/.ws";
    }
}
