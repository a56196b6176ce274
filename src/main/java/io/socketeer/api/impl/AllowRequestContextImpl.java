package io.socketeer.api.impl;

import io.socketeer.api.AllowRequestContext;
import io.socketeer.engineio.EngineRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A handshake request as the {@code allowRequest} hooks see it; remembers the first refusal. */
final class AllowRequestContextImpl implements AllowRequestContext {
    private final EngineRequest request;
    private volatile String refusal;

    AllowRequestContextImpl(EngineRequest request) {
        this.request = request;
    }

    @Override
    public String transport() {
        return request.query().getOrDefault("transport", "");
    }

    @Override
    public String url() {
        return request.url();
    }

    @Override
    public Map<String, String> query() {
        return request.query();
    }

    @Override
    public Map<String, List<String>> headers() {
        return request.headers();
    }

    @Override
    public String header(String name) {
        return request.header(name);
    }

    @Override
    public String address() {
        return request.remoteAddress();
    }

    @Override
    public boolean secure() {
        return request.secure();
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(request.principal());
    }

    @Override
    public synchronized void refuse(String message) {
        if (refusal == null) {
            refusal = message == null || message.isEmpty() ? "Forbidden" : message;
        }
    }

    @Override
    public boolean refused() {
        return refusal != null;
    }

    /** The message of the first refusal, or null. */
    String refusal() {
        return refusal;
    }
}
