package io.socketeer.api;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * A client asking to join a namespace, as {@code @OnHandshake} observers (namespace middleware)
 * receive it. Rejecting sends CONNECT_ERROR with the message (and data) to the client.
 *
 * <pre>{@code
 * void guard(@Observes @OnHandshake(namespace = "/admin") HandshakeContext hs) {
 *     if (!"secret".equals(hs.auth().get("token"))) hs.reject("not authorized", Map.of("code", 401));
 *     else hs.socket().data().put("role", "admin");
 * }
 * }</pre>
 */
public interface HandshakeContext {
    /** The socket being connected (not connected yet: its data can be prepared here). */
    Socket socket();

    /** The namespace name. */
    String namespace();

    /** The connection's handshake. */
    default Handshake handshake() {
        return socket().handshake();
    }

    /** The CONNECT's auth payload. */
    default Map<String, Object> auth() {
        return handshake().auth();
    }

    /** The authenticated user of the first request, if any. */
    default Optional<Principal> principal() {
        return handshake().principal();
    }

    /** Refuses the connection with this message. */
    void reject(String message);

    /** Refuses the connection with this message and data (any JSON value or object). */
    void reject(String message, Object data);

    /** Whether an observer refused the connection. */
    boolean rejected();
}
