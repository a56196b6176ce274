package io.socketeer.container;

import io.socketeer.cdi.SessionRegistry;
import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineRequest;
import io.socketeer.engineio.EngineServer;
import io.socketeer.engineio.WebSocketConnection;
import io.socketeer.engineio.WebSocketTransport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSR-356 endpoint: feeds frames to the Engine.IO WebSocket transport, either a new session
 * (handshake over WebSocket) or the upgrade of a polling session (query {@code sid}).
 */
public class WebSocketEndpoint extends Endpoint {
    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());

    private final Supplier<SessionRegistry> registry;
    private volatile WebSocketTransport transport;

    /** An endpoint that looks the registry up through CDI when it opens. */
    public WebSocketEndpoint() {
        this(Registries::lookup);
    }

    /** An endpoint that gets the registry from {@code registry} (see {@link EndpointConfigurator}). */
    WebSocketEndpoint(Supplier<SessionRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        EngineRequest request = (EngineRequest) config.getUserProperties().get(EndpointConfigurator.REQUEST);
        if (request == null) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not a Socket.IO upgrade");
            return;
        }
        EngineServer engine = registry.get().engine(null);
        EngineOptions options = engine.options();
        // maxHttpBufferSize as the container's own limit where it keeps it for whole messages (Tyrus;
        // Undertow for binary ones, which then reach the endpoint in one hand-off to its worker thread
        // instead of one per 16 KiB buffer, see UndertowAdapter); where it does not (Undertow's text)
        // or sizes its buffers by it (Tomcat), messages come in parts and MessageLimit keeps it
        boolean tomcat = TomcatAdapter.isTomcat(session);
        boolean undertow = UndertowAdapter.isUndertow(session);
        boolean textInParts = MessageLimit.readInParts(session);
        boolean binaryInParts = tomcat;
        int max = (int) Math.min(options.maxHttpBufferSize(), Integer.MAX_VALUE - 8);
        if (!textInParts) {
            session.setMaxTextMessageBufferSize(max);
        }
        if (!binaryInParts) {
            session.setMaxBinaryMessageBufferSize(max);
        }
        TomcatUnmask tomcatUnmask = null;
        if (tomcat) {
            TomcatAdapter.sizeBuffers(session);
            tomcatUnmask = TomcatUnmask.install(session);
        }
        // Socketeer's heartbeat is the only idle timeout; on Tyrus, turning the container's off must
        // also stop the idle-timeout task it schedules for every frame (see TyrusIdleTimeout)
        TyrusIdleTimeout.install(session);
        session.setMaxIdleTimeout(0);
        WebSocketConnection connection;
        if (tomcat) {
            connection = TomcatAdapter.connection(session);
        } else if (undertow) {
            connection = new UndertowConnection(session);
            UndertowUnmask.install(session);
        } else if (TyrusConnection.isTyrus(session)) {
            connection = TyrusConnection.connection(session);
        } else {
            connection = new JsrWebSocketConnection(session);
        }
        String sid = first(session.getRequestParameterMap(), "sid");
        WebSocketTransport t = sid == null
                ? engine.handshakeWebSocket(request, connection)
                : engine.upgrade(sid, connection);
        if (t == null) {
            return;
        }
        transport = t;
        // maxHttpBufferSize is checked here too (see MessageLimit), on whole messages where the
        // container keeps it itself, else on the parts as they come
        Runnable tooBig = () -> close(session, CloseReason.CloseCodes.TOO_BIG, "message too big");
        MessageLimit text = new MessageLimit(options.maxHttpBufferSize(), tooBig);
        // on Tomcat a binary message's parts go into one array of the frame's length (TomcatUnmask)
        MessageLimit binary = tomcatUnmask == null ? new MessageLimit(options.maxHttpBufferSize(), tooBig)
                : new MessageLimit(options.maxHttpBufferSize(), tooBig, tomcatUnmask::messageLength);
        // on Tyrus the first message completes the upgrade: TyrusUnmask can go in front of its parser
        Runnable received = connection instanceof TyrusConnection tyrus ? tyrus::received : () -> { };
        if (textInParts) {
            session.addMessageHandler(String.class,
                    (MessageHandler.Partial<String>) (part, last) -> text.text(part, last, t::onText));
        } else {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> {
                received.run();
                text.text(m, true, t::onText);
            });
        }
        if (binaryInParts) {
            // ByteBuffer, not byte[]: Tomcat calls a byte[] handler by reflection, natively for a
            // lambda (a hidden class), and copies each part into an array of its own
            session.addMessageHandler(ByteBuffer.class,
                    (MessageHandler.Partial<ByteBuffer>) (part, last) -> binary.binary(part, last, t::onBinary));
        } else {
            session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) m -> {
                received.run();
                binary.binary(m, t::onBinary);
            });
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        WebSocketTransport t = transport;
        if (t != null) {
            // after the messages the container already took in (Undertow may report the close first)
            UndertowAdapter.afterPendingMessages(session, t::onClosed);
        }
    }

    @Override
    public void onError(Session session, Throwable thr) {
        WebSocketTransport t = transport;
        LOG.log(Level.FINE, "WebSocket error", thr);
        if (t != null) {
            // as onClose: a client's last packets before the connection broke come first
            UndertowAdapter.afterPendingMessages(session, () -> t.onError(thr));
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
