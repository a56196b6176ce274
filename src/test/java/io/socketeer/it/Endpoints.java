package io.socketeer.it;

import java.net.URI;
import java.net.URL;

/**
 * Where a deployment answers, from the URL Arquillian gives: the origin (host rewritten to
 * 127.0.0.1, where the test servers listen) and the Socket.IO path under the context root.
 */
public record Endpoints(String origin, String path) {

    public static Endpoints of(URL base) {
        String origin = "http://127.0.0.1:" + base.getPort();
        String context = base.getPath();
        if (context.endsWith("/")) {
            context = context.substring(0, context.length() - 1);
        }
        return new Endpoints(origin, context + "/socket.io");
    }

    /** {@code http://127.0.0.1:port/ctx/socket.io/?<query>} */
    public URI http(String query) {
        return URI.create(origin + path + "/?" + query);
    }

    /** {@code ws://127.0.0.1:port/ctx/socket.io/?<query>} */
    public URI ws(String query) {
        return URI.create("ws" + origin.substring(4) + path + "/?" + query);
    }
}
