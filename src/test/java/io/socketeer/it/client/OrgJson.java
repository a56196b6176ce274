package io.socketeer.it.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * JSON-like Java values to and from org.json, as the official Java clients take and give them
 * (2.1.2 and 1.0.2 alike: public, because the 1.0.2 client's loader is another runtime package).
 */
public final class OrgJson {
    private OrgJson() {
    }

    /** The arguments of an emit, each {@link #to converted}. */
    public static Object[] toArgs(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = to(args[i]);
        }
        return out;
    }

    /** Maps and lists become JSONObject and JSONArray, null JSONObject.NULL; the rest stays. */
    public static Object to(Object v) {
        try {
            if (v == null) {
                return JSONObject.NULL;
            }
            if (v instanceof Map<?, ?> m) {
                JSONObject o = new JSONObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    o.put(String.valueOf(e.getKey()), to(e.getValue()));
                }
                return o;
            }
            if (v instanceof List<?> l) {
                JSONArray a = new JSONArray();
                for (Object x : l) {
                    a.put(to(x));
                }
                return a;
            }
            if (v instanceof Object[] arr) {
                return to(Arrays.asList(arr));
            }
            return v;
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The other way: maps, lists, null, numbers normalized ({@link Values#number}). */
    public static Object from(Object v) {
        if (v == null || JSONObject.NULL.equals(v)) {
            return null;
        }
        if (v instanceof JSONObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<?> it = o.keys(); it.hasNext();) {
                String k = (String) it.next();
                m.put(k, from(o.opt(k)));
            }
            return m;
        }
        if (v instanceof JSONArray a) {
            List<Object> l = new ArrayList<>(a.length());
            for (int i = 0; i < a.length(); i++) {
                l.add(from(a.opt(i)));
            }
            return l;
        }
        if (v instanceof Number n) {
            return Values.number(n);
        }
        return v;
    }
}
