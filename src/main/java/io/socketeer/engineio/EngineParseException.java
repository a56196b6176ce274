package io.socketeer.engineio;

/** Input that is not a valid Engine.IO packet or payload; the session that sent it is closed. */
public final class EngineParseException extends RuntimeException {
    public EngineParseException(String message) {
        super(message, null, false, false);
    }
}
