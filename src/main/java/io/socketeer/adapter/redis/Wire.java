package io.socketeer.adapter.redis;

import io.socketeer.parser.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** How the Redis adapters write and read their messages: JSON, or msgpack (as the Node.js ones). */
final class Wire {
    private Wire() {
    }

    /** A request or response: JSON when it starts with '{', msgpack otherwise (as the Node.js adapter). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> decodeMap(byte[] message) {
        try {
            Object v = message.length > 0 && message[0] == '{'
                    ? Json.parse(new String(message, StandardCharsets.UTF_8))
                    : MsgPack.decode(message);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (RuntimeException e) {
            return null; // malformed: ignored, as the Node.js adapter does
        }
    }

    /** JSON, or msgpack when {@code msgpack} (data with binary). */
    static byte[] encode(Map<String, Object> message, boolean msgpack, Function<Object, String> toJson) {
        return msgpack ? MsgPack.encode(message, toJson) : Json.write(message, toJson).getBytes(StandardCharsets.UTF_8);
    }
}
