package io.socketeer.container;

import jakarta.websocket.Session;

/**
 * What the endpoint does differently on Tomcat, found out from the session's class, with no
 * compile-time dependency on Tomcat. Tomcat sizes a session's message buffers by
 * {@code setMaxText/BinaryMessageBufferSize}: it allocates a byte buffer of the binary limit and a
 * char buffer of the text limit (two bytes per char) for every session that receives a message, so
 * maxHttpBufferSize (1 MB by default) as the container's limit cost 3 MB of heap per WebSocket
 * connection. On Tomcat the endpoint therefore leaves the buffers at Tomcat's default (8 KiB),
 * receives messages in parts and keeps the limit itself ({@link MessageLimit}).
 */
final class TomcatAdapter {
    private TomcatAdapter() {
    }

    /** Whether this is a Tomcat session. */
    static boolean isTomcat(Session session) {
        return session.getClass().getName().startsWith("org.apache.tomcat.websocket.");
    }
}
