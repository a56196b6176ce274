package io.socketeer.api.impl;

import java.lang.reflect.Type;

/** Maps Java objects to JSON and back (JSON-B in a container); used for non-JSON argument types. */
public interface JsonMapper {
    String toJson(Object value);

    <T> T fromJson(String json, Type type);
}
