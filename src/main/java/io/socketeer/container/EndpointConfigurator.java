package io.socketeer.container;

import io.socketeer.engineio.EngineRequest;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Moves the request the servlet checked into the new session's user properties, and creates the
 * endpoint instances (they look the registry up through CDI themselves, which works on every
 * container).
 */
final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    /** User property with the {@link EngineRequest}; absent for an upgrade that bypassed the servlet. */
    static final String REQUEST = "io.socketeer.request";

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
        return endpointClass.cast(new WebSocketEndpoint());
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
