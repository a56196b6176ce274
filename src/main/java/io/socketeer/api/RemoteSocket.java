package io.socketeer.api;

import java.util.Map;
import java.util.Set;

/**
 * A snapshot of a socket returned by {@code fetchSockets()}, which may live on another node: its id,
 * handshake, rooms and data as they were, and the operations that reach it wherever it is.
 */
public interface RemoteSocket {
    String id();

    /** The handshake as the reference server describes it (headers, query, auth, address, ...). */
    Map<String, Object> handshake();

    Set<String> rooms();

    Map<String, Object> data();

    void emit(String event, Object... args);

    void join(String... rooms);

    void leave(String... rooms);

    void disconnect(boolean close);
}
