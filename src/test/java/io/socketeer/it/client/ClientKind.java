package io.socketeer.it.client;

/** The official clients the feature tests drive. */
public enum ClientKind {
    /** {@code socket.io-client} 4.8.1 on Node.js, through {@code src/test/node/agent.js}. */
    NODE("node"),
    /** {@code io.socket:socket.io-client} 2.1.2, in the test JVM. */
    JAVA("java"),
    /** {@code socket.io-client} 2.5.0 (Socket.IO v2, Engine.IO v3) on Node.js: {@code agent.js --v2}. */
    NODE_V2("node v2"),
    /**
     * {@code io.socket:socket.io-client} 1.0.2 (Socket.IO v2, Engine.IO v3), in a class loader of its
     * own in the test JVM ({@link LegacyJavaClients}).
     */
    JAVA_V1("java v1");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
