package io.socketeer.engineio;

/**
 * A long-polling GET held open until the session has something to send: the container layer
 * implements it over an asynchronous servlet request. Exactly one of the methods is called, once,
 * from any thread.
 */
public interface PollExchange {
    /** Answers 200 with this payload ({@code text/plain; charset=UTF-8}). */
    void sendPayload(String payload);

    /** Answers with an error status and the protocol's JSON body. */
    void sendError(EngineError error);
}
