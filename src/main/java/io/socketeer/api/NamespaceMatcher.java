package io.socketeer.api;

import java.util.Map;

/**
 * Decides whether a CONNECT to an unknown namespace creates it as a child of a dynamic namespace,
 * seeing the name and the client's auth payload ({@code io.of((name, auth, next) => ...)} in the
 * reference server).
 *
 * <pre>{@code io.of((name, auth) -> name.startsWith("/tenant-") && tenants.allows(name, auth.get("token")));}</pre>
 */
@FunctionalInterface
public interface NamespaceMatcher {
    boolean matches(String name, Map<String, Object> auth);
}
