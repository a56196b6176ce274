package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socketeer.engineio.EngineRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HandshakeImpl}: the headers in the reference server's shape, made when first asked for. */
class HandshakeImplTest {
    private static EngineRequest request() {
        return new EngineRequest("GET", "/socket.io/?EIO=4&transport=websocket",
                Map.of("EIO", "4", "transport", "websocket"),
                Map.of("host", List.of("example.org"), "accept", List.of("text/html", "application/json"),
                        "cookie", List.of("a=1")),
                "10.0.0.1", false, 1_000L, null);
    }

    @Test
    void headersAreOneStringPerNameWithSeveralValuesJoined() {
        HandshakeImpl h = new HandshakeImpl(request(), Map.of());
        assertEquals(Map.of("host", "example.org", "accept", "text/html, application/json", "cookie", "a=1"),
                h.headers());
        assertEquals("text/html, application/json", h.header("Accept"));
        assertSame(h.headers(), h.headers(), "made once");
        assertThrows(UnsupportedOperationException.class, () -> h.headers().put("x", "y"));
    }

    @Test
    void describeCarriesTheHeadersAndTheAuth() {
        Map<String, Object> auth = new HashMap<>(Map.of("token", "t"));
        HandshakeImpl h = new HandshakeImpl(request(), auth);
        Map<String, Object> d = h.describe();
        assertEquals(h.headers(), d.get("headers"));
        assertEquals(Map.of("token", "t"), d.get("auth"));
        assertEquals("10.0.0.1", d.get("address"));
        assertEquals(Map.of(), new HandshakeImpl(request(), new HashMap<>()).auth());
    }
}
