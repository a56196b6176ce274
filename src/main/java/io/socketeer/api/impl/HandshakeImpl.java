package io.socketeer.api.impl;

import io.socketeer.api.Handshake;
import io.socketeer.engineio.EngineRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A socket's handshake: the Engine.IO request plus the CONNECT's auth payload. The headers in the
 * reference server's shape (one string per name) are made when first asked for: most sockets never
 * are, and the request keeps the headers anyway (a copy per socket was several hundred bytes of an
 * idle client's heap).
 */
final class HandshakeImpl implements Handshake {
    private final EngineRequest request;
    private final Map<String, Object> auth;
    /** Made on first use; two threads racing make equal maps, either kept. */
    private volatile Map<String, String> headers;

    HandshakeImpl(EngineRequest request, Map<String, Object> auth) {
        this.request = request;
        this.auth = auth.isEmpty() ? Map.of() : Collections.unmodifiableMap(auth);
    }

    @Override
    public Map<String, String> headers() {
        Map<String, String> h = headers;
        if (h == null) {
            Map<String, String> joined = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
                List<String> values = e.getValue();
                joined.put(e.getKey(), values.size() == 1 ? values.get(0) : String.join(", ", values));
            }
            h = Collections.unmodifiableMap(joined);
            headers = h;
        }
        return h;
    }

    @Override
    public Map<String, String> query() {
        return request.query();
    }

    @Override
    public Map<String, Object> auth() {
        return auth;
    }

    @Override
    public String address() {
        return request.remoteAddress();
    }

    @Override
    public Instant time() {
        return Instant.ofEpochMilli(request.time());
    }

    @Override
    public boolean secure() {
        return request.secure();
    }

    @Override
    public boolean xdomain() {
        return request.header("origin") != null;
    }

    @Override
    public String url() {
        return request.url();
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(request.principal());
    }

    /** The handshake in the reference server's shape, for fetchSockets and cluster adapters. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headers", headers());
        m.put("time", time().toString());
        m.put("address", address());
        m.put("xdomain", xdomain());
        m.put("secure", secure());
        m.put("issued", request.time());
        m.put("url", url());
        m.put("query", query());
        m.put("auth", auth);
        return Collections.unmodifiableMap(m);
    }
}
