package io.socketeer.engineio;

/**
 * Receives what happens on one Engine.IO session: the Socket.IO layer sets one on each new session.
 * Called without any session lock held; messages of one session arrive one at a time, in order.
 */
public interface SessionListener {
    /** A text message arrived. */
    void onMessage(EngineSession session, String text);

    /** A binary message arrived. */
    void onMessage(EngineSession session, byte[] data);

    /**
     * The session closed; called once. {@code reason} is one of the reference server's strings:
     * {@code transport close}, {@code transport error}, {@code ping timeout}, {@code parse error},
     * {@code forced close}.
     */
    void onClose(EngineSession session, String reason);

    /**
     * The session upgraded: {@code transport} (websocket) is its transport now. Called once, after
     * the switch, without the session lock; nothing by default.
     */
    default void onUpgrade(EngineSession session, String transport) {
    }

    /** Ignores everything: the listener of a session before the Socket.IO layer sets its own. */
    SessionListener NONE = new SessionListener() {
        @Override
        public void onMessage(EngineSession session, String text) {
        }

        @Override
        public void onMessage(EngineSession session, byte[] data) {
        }

        @Override
        public void onClose(EngineSession session, String reason) {
        }
    };
}
