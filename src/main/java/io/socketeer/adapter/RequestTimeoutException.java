package io.socketeer.adapter;

import java.util.List;

/**
 * The other nodes did not all answer a request (fetchSockets, serverSideEmitWithAck) in time;
 * {@link #answers()} holds the answers that came (argument lists, for serverSideEmitWithAck).
 */
public class RequestTimeoutException extends RuntimeException {
    private final transient List<List<Object>> answers;

    public RequestTimeoutException(String message, List<List<Object>> answers) {
        super(message);
        this.answers = List.copyOf(answers);
    }

    public List<List<Object>> answers() {
        return answers;
    }
}
