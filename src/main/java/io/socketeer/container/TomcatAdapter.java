package io.socketeer.container;

import jakarta.websocket.Session;

/**
 * What the endpoint does differently on Tomcat, found out from the session's class, with no
 * compile-time dependency on Tomcat. Tomcat sizes a session's message buffers by
 * {@code setMaxText/BinaryMessageBufferSize}: it allocates a byte buffer of the binary limit and a
 * char buffer of the text limit (two bytes per char) for every session that receives a message, so
 * maxHttpBufferSize (1 MB by default) as the container's limit cost 3 MB of heap per WebSocket
 * connection. On Tomcat the endpoint therefore receives messages in parts, keeps the limit itself
 * ({@link MessageLimit}), and makes those two buffers small ({@link #MESSAGE_BUFFER}): every open
 * connection holds them, idle or not (with Tomcat's default of 8 KiB they were 24 KB of the about
 * 75 KB of heap an idle connection kept, 10,000 clients on Tomcat 10.1).
 */
final class TomcatAdapter {
    /**
     * Tomcat's per-session message buffers, in bytes and chars: a Socket.IO event usually fits, and a
     * bigger message comes in parts of this size.
     */
    static final int MESSAGE_BUFFER = 2048;

    private TomcatAdapter() {
    }

    /** Sizes Tomcat's message buffers (it reallocates them when the next message starts). */
    static void sizeBuffers(Session session) {
        session.setMaxTextMessageBufferSize(MESSAGE_BUFFER);
        session.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER);
    }

    /** Whether this is a Tomcat session. */
    static boolean isTomcat(Session session) {
        return session.getClass().getName().startsWith("org.apache.tomcat.websocket.");
    }
}
