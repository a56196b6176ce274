package io.socketeer.api;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The request that opened a socket's connection, plus the auth payload of its CONNECT
 * ({@code socket.handshake} in the reference server).
 *
 * <pre>{@code
 * String token = (String) socket.handshake().auth().get("token");
 * String lang = socket.handshake().header("accept-language");
 * }</pre>
 */
public interface Handshake {
    /** Request headers, names in lower case, several values joined with {@code ", "}. */
    Map<String, String> headers();

    /** One header (any case), or null. */
    default String header(String name) {
        return headers().get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Query parameters of the first request. */
    Map<String, String> query();

    /** The auth payload the client sent with CONNECT ({@code {}} when none). */
    Map<String, Object> auth();

    /** The client's address. */
    String address();

    /** When the connection was made. */
    Instant time();

    /** Whether the connection is over TLS. */
    boolean secure();

    /** Whether the request came from another origin (an {@code Origin} header is present). */
    boolean xdomain();

    /** The URL of the first request, path and query. */
    String url();

    /** The authenticated user of the first request, when the container knew one. */
    Optional<Principal> principal();
}
