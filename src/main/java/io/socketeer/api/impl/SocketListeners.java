package io.socketeer.api.impl;

import io.socketeer.api.EventContext;
import io.socketeer.api.EventListener;
import io.socketeer.api.OutgoingListener;
import io.socketeer.api.PacketMiddleware;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners and packet middleware a socket got in code ({@code socket.on}, {@code onAny},
 * {@code onAnyOutgoing}, {@code use}). Created on first use, so a socket without any costs nothing.
 * Registration is thread-safe; each call sees a consistent snapshot.
 */
final class SocketListeners {
    private static final Logger LOG = Logger.getLogger(SocketListeners.class.getName());

    /** One registration; identity matters ({@code once} of the same listener twice is two entries). */
    private static final class Entry {
        final EventListener listener;
        final boolean once;

        Entry(EventListener listener, boolean once) {
            this.listener = listener;
            this.once = once;
        }
    }

    private final Map<String, CopyOnWriteArrayList<Entry>> byEvent = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<EventListener> any = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<OutgoingListener> outgoing = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<PacketMiddleware> middleware = new CopyOnWriteArrayList<>();

    void on(String event, EventListener listener, boolean once) {
        byEvent.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(new Entry(listener, once));
    }

    void off(String event, EventListener listener) {
        CopyOnWriteArrayList<Entry> list = byEvent.get(event);
        if (list != null) {
            for (Entry e : list) {
                if (e.listener == listener) {
                    list.remove(e);
                    return;
                }
            }
        }
    }

    void removeAll(String event) {
        if (event == null) {
            byEvent.clear();
        } else {
            byEvent.remove(event);
        }
    }

    List<EventListener> listeners(String event) {
        List<EventListener> out = new ArrayList<>();
        CopyOnWriteArrayList<Entry> list = byEvent.get(event);
        if (list != null) {
            for (Entry e : list) {
                out.add(e.listener);
            }
        }
        return List.copyOf(out);
    }

    CopyOnWriteArrayList<EventListener> any() {
        return any;
    }

    CopyOnWriteArrayList<OutgoingListener> outgoing() {
        return outgoing;
    }

    CopyOnWriteArrayList<PacketMiddleware> middleware() {
        return middleware;
    }

    /** Calls the catch-all listeners, in order. */
    void callAny(EventContext ctx) {
        for (EventListener l : any) {
            call(l, ctx);
        }
    }

    /** Calls the listeners of one event, in order; a {@code once} listener runs at most one time. */
    void call(String event, EventContext ctx) {
        CopyOnWriteArrayList<Entry> list = byEvent.get(event);
        if (list == null) {
            return;
        }
        for (Entry e : list) {
            if (e.once && !list.remove(e)) {
                continue; // another thread already ran it
            }
            call(e.listener, ctx);
        }
    }

    /** Tells the outgoing listeners of an event sent to the client. */
    void callOutgoing(String event, List<Object> args) {
        for (OutgoingListener l : outgoing) {
            try {
                l.onEvent(event, args);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "outgoing listener of " + event + " failed", ex);
            }
        }
    }

    private static void call(EventListener l, EventContext ctx) {
        try {
            l.onEvent(ctx);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "listener of " + ctx.event() + " failed", ex);
        }
    }
}
