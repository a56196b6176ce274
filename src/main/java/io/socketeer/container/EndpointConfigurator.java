package io.socketeer.container;

import io.socketeer.engineio.EngineRequest;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Moves the request the servlet checked into the new session's user properties, creates the
 * endpoint instances (the first to open looks the registry up through CDI, which works on every
 * container, and the configurator keeps it for the others: {@code CDI.current()} costs Weld a stack
 * walk, a tenth of the request threads' time in a profile of the connect benchmark on Tomcat), and
 * turns WebSocket extensions down unless {@code socketeer.perMessageDeflate} is true: like the
 * reference server (whose {@code perMessageDeflate} is off by default), Socketeer does not compress
 * frames, while the containers would otherwise accept the {@code permessage-deflate} that browsers
 * and the Node.js client offer and deflate every frame (on Tomcat a fan-out to such clients cost ten
 * times the CPU).
 */
final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    /** User property with the {@link EngineRequest}; absent for an upgrade that bypassed the servlet. */
    static final String REQUEST = "io.socketeer.request";

    private final boolean perMessageDeflate;
    /** The application's registry, once an endpoint looked it up; one configurator per application. */
    private final Registries registries = new Registries();

    EndpointConfigurator(boolean perMessageDeflate) {
        this.perMessageDeflate = perMessageDeflate;
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return perMessageDeflate ? super.getNegotiatedExtensions(installed, requested) : List.of();
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        EngineRequest er = PendingUpgrades.take(header(request.getHeaders(), "Sec-WebSocket-Key"));
        if (er != null) {
            sec.getUserProperties().put(REQUEST, er);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != WebSocketEndpoint.class) {
            throw new InstantiationException("unexpected endpoint " + endpointClass);
        }
        return endpointClass.cast(new WebSocketEndpoint(registries::get));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
