package io.socketeer.it.client;

/** The server refused a namespace: the CONNECT_ERROR's message and data (null when it had none). */
public final class ConnectError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object data;

    public ConnectError(String message, Object data) {
        super(message);
        this.data = data;
    }

    /** The {@code data} of the CONNECT_ERROR, as a JSON-like value, or null. */
    public Object data() {
        return data;
    }
}
