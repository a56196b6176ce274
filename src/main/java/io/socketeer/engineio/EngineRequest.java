package io.socketeer.engineio;

import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * What a session keeps of the HTTP request that opened it (the handshake): Socket.IO exposes it as
 * {@code socket.handshake}. Header names are lower case.
 *
 * @param method        the HTTP method
 * @param url           the request path and query, e.g. {@code /socket.io/?EIO=4&transport=polling}
 * @param query         the query parameters (first value of each)
 * @param headers       the request headers, names in lower case
 * @param remoteAddress the client's address as the container saw it
 * @param secure        whether the request came over TLS
 * @param time          when the request was received, epoch milliseconds
 * @param principal     the authenticated user, or {@code null}
 */
public record EngineRequest(String method, String url, Map<String, String> query,
                            Map<String, List<String>> headers, String remoteAddress, boolean secure, long time,
                            Principal principal) {

    public EngineRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name in any case), or {@code null}. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
