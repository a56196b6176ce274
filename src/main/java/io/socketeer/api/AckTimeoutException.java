package io.socketeer.api;

import java.util.List;

/**
 * An acknowledgement did not come in time, or the socket disconnected before it came. For a
 * broadcast, {@link #responses()} holds the answers that did come.
 */
public class AckTimeoutException extends RuntimeException {
    private final transient List<Arguments> responses;

    public AckTimeoutException(String message) {
        this(message, List.of());
    }

    public AckTimeoutException(String message, List<Arguments> responses) {
        super(message);
        this.responses = List.copyOf(responses);
    }

    /** The answers received before the timeout (broadcasts only). */
    public List<Arguments> responses() {
        return responses;
    }
}
