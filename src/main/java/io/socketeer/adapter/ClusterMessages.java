package io.socketeer.adapter;

import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shapes the Node.js cluster adapters exchange (socket.io-adapter and @socket.io/redis-adapter),
 * as plain maps and lists ready for JSON or msgpack: packets, broadcast options, fetchSockets
 * answers.
 */
public final class ClusterMessages {
    private ClusterMessages() {
    }

    /**
     * An event packet as the Node.js adapters write it: {@code {type: 2, data}}, plus {@code nsp} when
     * not null (the classic adapter sets it, the sharded one does not).
     */
    public static Map<String, Object> packetMap(Packet packet, String nsp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", PacketType.EVENT.ordinal());
        m.put("data", packet.data());
        if (nsp != null) {
            m.put("nsp", nsp);
        }
        return m;
    }

    /** An event packet of namespace {@code nsp} read from another node (no nsp: {@code /}), or null. */
    public static Packet packet(Object value, String nsp) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("data") instanceof List<?> data) || data.isEmpty()
                || !(data.get(0) instanceof String)) {
            return null;
        }
        Object name = m.get("nsp");
        if (name != null && !nsp.equals(name)) {
            return null;
        }
        return new Packet(PacketType.EVENT, nsp, Packet.NO_ID, new ArrayList<>(data));
    }

    /** {@code {rooms, except}}: who a request is for. */
    public static Map<String, Object> selection(BroadcastOptions opts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rooms", List.copyOf(opts.rooms()));
        m.put("except", List.copyOf(opts.except()));
        return m;
    }

    /** A socket of a fetchSockets answer, as the Node.js adapters write it. */
    public static Map<String, Object> detailsMap(SocketDetails d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", d.id());
        s.put("handshake", d.handshake());
        s.put("rooms", List.copyOf(d.rooms()));
        s.put("data", d.data());
        return s;
    }

    public static Map<String, Object> optsMap(BroadcastOptions opts) {
        Map<String, Object> flags = new LinkedHashMap<>();
        BroadcastFlags f = opts.flags();
        if (f.volatile_()) {
            flags.put("volatile", true);
        }
        if (!f.compress()) {
            flags.put("compress", false);
        }
        if (f.timeout() != null) {
            flags.put("timeout", f.timeout().toMillis());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rooms", List.copyOf(opts.rooms()));
        m.put("except", List.copyOf(opts.except()));
        m.put("flags", flags);
        return m;
    }

    public static BroadcastOptions options(Map<?, ?> m) {
        BroadcastFlags flags = BroadcastFlags.NONE.withLocal();
        if (m.get("flags") instanceof Map<?, ?> f) {
            if (Boolean.TRUE.equals(f.get("volatile"))) {
                flags = flags.withVolatile();
            }
            if (Boolean.FALSE.equals(f.get("compress"))) {
                flags = flags.withCompress(false);
            }
            if (f.get("timeout") instanceof Number t) {
                flags = flags.withTimeout(Duration.ofMillis(t.longValue()));
            }
        }
        return new BroadcastOptions(strings(list(m.get("rooms"))), strings(list(m.get("except"))), flags);
    }

    public static List<Object> list(Object v) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of();
    }

    /** Room names; a JavaScript number used as a room name is its decimal text. */
    public static Set<String> strings(Collection<Object> values) {
        Set<String> out = new LinkedHashSet<>();
        for (Object v : values) {
            if (v instanceof Double d && d == Math.rint(d)) {
                out.add(Long.toString(d.longValue()));
            } else if (v != null) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static SocketDetails details(Map<?, ?> m) {
        Map<String, Object> handshake = m.get("handshake") instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of();
        Map<String, Object> data = m.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        return new SocketDetails(String.valueOf(m.get("id")), handshake, strings(list(m.get("rooms"))), data);
    }
}
