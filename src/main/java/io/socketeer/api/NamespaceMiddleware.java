package io.socketeer.api;

/**
 * Namespace middleware registered in code ({@code nsp.use(...)} in the reference server): runs for
 * every client asking to join, before the {@code @OnHandshake} observers, and may refuse it.
 *
 * <pre>{@code
 * io.of("/admin").use(hs -> {
 *     if (!tokens.valid(hs.auth().get("token"))) hs.reject("not authorized");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface NamespaceMiddleware {
    void handle(HandshakeContext handshake);
}
