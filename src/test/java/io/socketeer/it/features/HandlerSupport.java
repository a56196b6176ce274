package io.socketeer.it.features;

import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.EventContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What the feature handlers share: reading arguments, building broadcasts from a spec, sorting. */
final class HandlerSupport {
    private HandlerSupport() {
    }

    /** Argument {@code index} as strings: a list of strings, or one string. */
    static String[] strings(EventContext ev, int index) {
        return strings(ev.arg(index));
    }

    static String[] strings(Object v) {
        if (v == null) {
            return new String[0];
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[] {String.valueOf(v)};
    }

    /**
     * Applies a spec {@code {"in": [...], "to": [...], "except": [...]}} (each optional, in that order)
     * to an operator: {@code op.in(..).to(..).except(..)}.
     */
    static BroadcastOperator select(BroadcastOperator op, Object spec) {
        if (!(spec instanceof Map<?, ?> m)) {
            return op;
        }
        BroadcastOperator out = op;
        if (m.containsKey("in")) {
            out = out.in(strings(m.get("in")));
        }
        if (m.containsKey("to")) {
            out = out.to(strings(m.get("to")));
        }
        if (m.containsKey("except")) {
            out = out.except(strings(m.get("except")));
        }
        return out;
    }

    /** The values as a sorted list (for rooms and ids). */
    static List<String> sorted(Collection<String> values) {
        List<String> l = new ArrayList<>(values);
        l.sort(null);
        return l;
    }

    /** The message of a failure, unwrapped from CompletionException. */
    static Throwable cause(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
