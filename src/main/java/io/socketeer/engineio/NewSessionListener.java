package io.socketeer.engineio;

/** Told of every new session, before its handshake packet is sent: the place to set its listener. */
@FunctionalInterface
public interface NewSessionListener {
    void onConnection(EngineSession session);
}
