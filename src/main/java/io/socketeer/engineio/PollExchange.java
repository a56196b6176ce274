package io.socketeer.engineio;

/**
 * A long-polling GET: answered at once when the session has packets waiting, else held open until
 * it has (the container layer then goes asynchronous). Exactly one of {@link #sendPayload} and
 * {@link #sendError} is called, once, from any thread.
 */
public interface PollExchange {
    /**
     * The GET must wait: called under the session lock, on the request's own thread, before any other
     * thread can answer it. The container starts asynchronous processing here; a GET answered at once
     * never goes asynchronous.
     */
    default void hold() {
    }

    /** Answers 200 with this payload ({@code text/plain; charset=UTF-8}). */
    void sendPayload(String payload);

    /**
     * Answers 200 with this binary payload ({@code application/octet-stream}): Engine.IO v3 only
     * ({@link PacketCodecV3}).
     */
    void sendBinaryPayload(byte[] payload);

    /** Answers with an error status and the protocol's JSON body. */
    void sendError(EngineError error);
}
