package io.socketeer.container;

import io.socketeer.cdi.ConfigLoader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Logger;

/**
 * Registers the WebSocket endpoint with the container on its internal path. Done in a listener
 * because the {@code ServerContainer} is not always there yet when initializers run. The servlet
 * upgrades with this very config object (Tyrus ignores one it has not seen at deployment).
 */
public class WebSocketRegistrar implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(WebSocketRegistrar.class.getName());
    /** Servlet context attribute holding the registered {@link ServerEndpointConfig}. */
    static final String CONFIG_ATTRIBUTE = "io.socketeer.websocket.config";

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        ServletContext ctx = sce.getServletContext();
        ServerContainer container = (ServerContainer) ctx.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            LOG.warning("no WebSocket container: Socketeer serves long-polling only");
            return;
        }
        String path = (String) ctx.getAttribute(SocketeerInitializer.INTERNAL_PATH_ATTRIBUTE);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(WebSocketEndpoint.class, path)
                .configurator(new EndpointConfigurator(ConfigLoader.perMessageDeflate(ctx::getInitParameter))).build();
        try {
            container.addEndpoint(config);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot register the Socketeer WebSocket endpoint on " + path, e);
        }
        ctx.setAttribute(CONFIG_ATTRIBUTE, config);
        ctx.setAttribute(ServerContainer.class.getName() + ".socketeer", container);
    }
}
