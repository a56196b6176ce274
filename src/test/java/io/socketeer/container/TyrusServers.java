package io.socketeer.container;

import java.net.ServerSocket;
import org.glassfish.tyrus.server.Server;

/** A standalone Tyrus 2.1.5 server (on Grizzly) for the container tests, on a free port. */
final class TyrusServers {
    private TyrusServers() {
    }

    /** Starts a Tyrus server on 127.0.0.1 with these annotated endpoints; the caller stops it. */
    static Server start(Class<?>... endpoints) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // Tyrus takes 0 as its default port, 8025
        }
        Server server = new Server("127.0.0.1", port, "/", null, endpoints);
        server.start();
        return server;
    }
}
