package io.socketeer.api.impl;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;

/** {@link JsonMapper} over JSON-B (Yasson), created on first use. */
public final class JsonbMapper implements JsonMapper {
    private volatile Jsonb jsonb;

    private Jsonb jsonb() {
        Jsonb j = jsonb;
        if (j == null) {
            synchronized (this) {
                j = jsonb;
                if (j == null) {
                    j = JsonbBuilder.create();
                    jsonb = j;
                }
            }
        }
        return j;
    }

    @Override
    public String toJson(Object value) {
        return jsonb().toJson(value);
    }

    @Override
    public <T> T fromJson(String json, Type type) {
        return jsonb().fromJson(json, type);
    }

    /** Releases the JSON-B instance. */
    public void close() {
        Jsonb j = jsonb;
        if (j != null) {
            try {
                j.close();
            } catch (Exception ignored) {
                // nothing to do on shutdown
            }
        }
    }
}
