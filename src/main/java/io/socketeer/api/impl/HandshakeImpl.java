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

/** A socket's handshake: the Engine.IO request plus the CONNECT's auth payload. */
final class HandshakeImpl implements Handshake {
    private final EngineRequest request;
    private final Map<String, Object> auth;
    private final Map<String, String> headers;

    HandshakeImpl(EngineRequest request, Map<String, Object> auth) {
        this.request = request;
        this.auth = Collections.unmodifiableMap(auth);
        Map<String, String> h = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            h.put(e.getKey(), String.join(", ", e.getValue()));
        }
        this.headers = Collections.unmodifiableMap(h);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
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
        m.put("headers", headers);
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
