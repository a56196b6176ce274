package io.socketeer.container;

import jakarta.websocket.Session;

/**
 * What the endpoint does differently on Undertow (WildFly), found out from the session's class, with
 * no compile-time dependency on Undertow. Checked by the in-container suite on WildFly:
 * <ul>
 * <li>Undertow does not keep {@code setMaxTextMessageBufferSize} (a 1 MB + 100 bytes text frame
 *     reached the endpoint whole, with a limit of 1 MB), so the endpoint receives in parts and keeps
 *     the limit itself ({@link MessageLimit}).</li>
 * </ul>
 */
final class UndertowAdapter {

    private UndertowAdapter() {
    }

    /** Whether this is an Undertow session. */
    static boolean isUndertow(Session session) {
        return session.getClass().getName().startsWith("io.undertow.");
    }
}
