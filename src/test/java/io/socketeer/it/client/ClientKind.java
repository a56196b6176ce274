package io.socketeer.it.client;

/** The official clients the feature tests drive. */
public enum ClientKind {
    /** {@code socket.io-client} 4.8.1 on Node.js, through {@code src/test/node/agent.js}. */
    NODE("node"),
    /** {@code io.socket:socket.io-client} 2.1.2, in the test JVM. */
    JAVA("java");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
