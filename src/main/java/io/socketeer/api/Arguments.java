package io.socketeer.api;

import java.lang.reflect.Type;
import java.util.List;

/**
 * The arguments of an event or an acknowledgement. Values are JSON values as decoded
 * ({@code String}, {@code Integer}/{@code Long}/{@code Double}, {@code Boolean}, {@code List},
 * {@code Map}, {@code null}) and {@code byte[]} for binary; {@link #get(int, Class)} maps them to
 * any Java type with JSON-B.
 *
 * <pre>{@code ChatMessage msg = args.get(0, ChatMessage.class);}</pre>
 */
public interface Arguments {
    /** The number of arguments. */
    int size();

    /** The raw value at {@code index}. */
    Object get(int index);

    /** The value at {@code index} as {@code type} (JSON-B mapping for objects). */
    <T> T get(int index, Class<T> type);

    /** The value at {@code index} as a generic type, e.g. {@code List<ChatMessage>}. */
    <T> T get(int index, Type type);

    /** All raw values. */
    List<Object> list();
}
