package io.socketeer.parser;

import java.util.Objects;

/**
 * JSON text written as it is into a packet: how objects mapped by JSON-B (in a layer above) travel
 * through the encoder without being parsed again.
 *
 * @param json valid JSON text
 */
public record RawJson(String json) {
    public RawJson {
        Objects.requireNonNull(json, "json");
    }
}
