package io.socketeer.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request that opens a new connection (the Engine.IO handshake, over long-polling or WebSocket),
 * before any session exists: the reference server's {@code allowRequest} option. Observed with
 * {@code @Observes @OnAllowRequest AllowRequestContext}, or given to
 * {@link SocketIoServer#allowRequest}. Refusing answers the request 403
 * {@code {"code":4,"message":"<message>"}} (a WebSocket upgrade: 400 with the message, as the
 * reference server answers refused upgrades), and no session is created.
 *
 * <pre>{@code
 * void onlyWithToken(@Observes @OnAllowRequest AllowRequestContext req) {
 *     if (!tokens.valid(req.query().get("token"))) req.refuse("invalid token");
 * }
 * }</pre>
 */
public interface AllowRequestContext {
    /** The transport asked for: {@code polling} or {@code websocket}. */
    String transport();

    /** The request path and query. */
    String url();

    /** The query parameters (first value of each). */
    Map<String, String> query();

    /** The request headers, names in lower case. */
    Map<String, List<String>> headers();

    /** The first value of a header (name in any case), or {@code null}. */
    String header(String name);

    /** The client's address as the container saw it. */
    String address();

    /** Whether the request came over TLS. */
    boolean secure();

    /** The authenticated user, if the container knows one. */
    Optional<Principal> principal();

    /** Refuses the request with this message. The first refusal counts. */
    void refuse(String message);

    /** Whether the request was refused. */
    boolean refused();
}
