package io.socketeer.api.impl;

import io.socketeer.api.Arguments;
import io.socketeer.parser.Json;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;

/** Arguments over decoded JSON values, mapped to other types on demand. */
final class ArgumentsImpl implements Arguments {
    private final List<Object> values;
    private final JsonMapper mapper;

    ArgumentsImpl(List<Object> values, JsonMapper mapper) {
        this.values = Collections.unmodifiableList(values);
        this.mapper = mapper;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Object get(int index) {
        return index < values.size() ? values.get(index) : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(int index, Class<T> type) {
        return (T) convert(get(index), type, mapper);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(int index, Type type) {
        return (T) convert(get(index), type, mapper);
    }

    @Override
    public List<Object> list() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Converts a decoded JSON value to {@code type}: directly when possible, else through JSON-B. */
    static Object convert(Object v, Type type, JsonMapper mapper) {
        if (v == null) {
            return null;
        }
        if (type instanceof Class<?> c) {
            Class<?> boxed = box(c);
            if (boxed.isInstance(v)) {
                return v;
            }
            if (v instanceof Number n && Number.class.isAssignableFrom(boxed)) {
                Object converted = number(n, boxed);
                if (converted != null) {
                    return converted;
                }
            }
            if (c == String.class) {
                return Json.write(v, mapper::toJson);
            }
            if (c == ByteBuffer.class && v instanceof byte[] b) {
                return ByteBuffer.wrap(b);
            }
        }
        return mapper.fromJson(Json.write(v, mapper::toJson), type);
    }

    private static Object number(Number n, Class<?> target) {
        if (target == Integer.class) {
            return n.intValue();
        } else if (target == Long.class) {
            return n.longValue();
        } else if (target == Double.class) {
            return n.doubleValue();
        } else if (target == Float.class) {
            return n.floatValue();
        } else if (target == Short.class) {
            return n.shortValue();
        } else if (target == Byte.class) {
            return n.byteValue();
        } else if (target == BigInteger.class) {
            return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
        } else if (target == BigDecimal.class) {
            return new BigDecimal(n.toString());
        } else if (target == Number.class) {
            return n;
        }
        return null;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        } else if (c == long.class) {
            return Long.class;
        } else if (c == double.class) {
            return Double.class;
        } else if (c == boolean.class) {
            return Boolean.class;
        } else if (c == float.class) {
            return Float.class;
        } else if (c == short.class) {
            return Short.class;
        } else if (c == byte.class) {
            return Byte.class;
        } else if (c == char.class) {
            return Character.class;
        }
        return c;
    }
}
