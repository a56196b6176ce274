package io.socketeer.adapter.redis;

import io.socketeer.adapter.ClusterAdapter;
import io.socketeer.adapter.ClusterMessages;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.parser.Binary;
import io.socketeer.parser.Json;
import io.socketeer.parser.Packet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What npm {@code @socket.io/redis-streams-adapter} 0.3 writes, as pure functions: stream entries,
 * persisted sessions, offsets, and which kept broadcasts a restored session missed.
 * <ul>
 * <li>an entry has the fields {@code uid}, {@code nsp}, {@code type} (the message type in decimal) and
 * {@code data}: JSON text, or base64 of msgpack when the data may hold binary and does;</li>
 * <li>requests that wait for answers (broadcasts with acks, fetchSockets, serverSideEmit) and the
 * answers are not kept: they go through Pub/Sub as msgpack;</li>
 * <li>a session is base64 of msgpack {@code {sid, pid, rooms, data}};</li>
 * <li>an offset is an entry id {@code <ms>-<seq>}.</li>
 * </ul>
 */
public final class StreamEntries {
    private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");

    private StreamEntries() {
    }

    /** Whether a message goes through Pub/Sub rather than the stream (the reference's {@code isEphemeral}). */
    public static boolean isEphemeral(Map<String, Object> message) {
        Object type = message.get("type");
        if (Integer.valueOf(ClusterAdapter.BROADCAST).equals(type)) {
            return message.get("data") instanceof Map<?, ?> d && d.get("requestId") != null;
        }
        return Integer.valueOf(ClusterAdapter.SERVER_SIDE_EMIT).equals(type)
                || Integer.valueOf(ClusterAdapter.FETCH_SOCKETS).equals(type);
    }

    /** The fields of a message's entry, in the reference's order: uid, nsp, type, data. */
    public static Map<String, String> encode(Map<String, Object> message, Function<Object, String> toJson) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("uid", String.valueOf(message.get("uid")));
        entry.put("nsp", String.valueOf(message.get("nsp")));
        entry.put("type", String.valueOf(message.get("type")));
        Object data = message.get("data");
        if (data != null) {
            boolean binary = ClusterAdapter.MAY_HOLD_BINARY.contains(message.get("type")) && Binary.hasBinary(data);
            entry.put("data", binary ? Base64.getEncoder().encodeToString(MsgPack.encode(data, toJson))
                    : Json.write(data, toJson));
        }
        return entry;
    }

    /** The message of an entry ({@code type} a number again), or null when it is malformed. */
    public static Map<String, Object> decode(Map<String, String> entry) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uid", entry.get("uid"));
            m.put("nsp", entry.get("nsp"));
            m.put("type", Integer.parseInt(entry.get("type")));
            String data = entry.get("data");
            if (data != null && !data.isEmpty()) {
                m.put("data", data.startsWith("{") ? Json.parse(data)
                        : MsgPack.decode(Base64.getDecoder().decode(data)));
            }
            return m;
        } catch (RuntimeException e) {
            return null; // ignored, as the reference does
        }
    }

    /** Whether {@code offset} is an entry id (the reference refuses anything else). */
    public static boolean isOffset(String offset) {
        return offset != null && OFFSET.matcher(offset).matches();
    }

    /** The smallest id after {@code offset} (for an XRANGE that starts after it; Redis before 6.2). */
    public static String nextOffset(String offset) {
        int dash = offset.indexOf('-');
        return offset.substring(0, dash) + "-" + (Long.parseLong(offset.substring(dash + 1)) + 1);
    }

    /** A session as the reference persists it: base64 of msgpack {@code {sid, pid, rooms, data}}. */
    public static String encodeSession(PersistedSession s, Function<Object, String> toJson) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", s.sid());
        m.put("pid", s.pid());
        m.put("rooms", List.copyOf(s.rooms()));
        m.put("data", s.data());
        return Base64.getEncoder().encodeToString(MsgPack.encode(m, toJson));
    }

    /** A persisted session (without missed packets), or null when it is malformed. */
    @SuppressWarnings("unchecked")
    public static PersistedSession decodeSession(String text) {
        try {
            if (!(MsgPack.decode(Base64.getDecoder().decode(text)) instanceof Map<?, ?> m)
                    || !(m.get("sid") instanceof String sid) || !(m.get("pid") instanceof String pid)) {
                return null;
            }
            Map<String, Object> data = m.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            return new PersistedSession(sid, pid, ClusterMessages.strings(ClusterMessages.list(m.get("rooms"))),
                    data, List.of());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a socket in {@code rooms} was among the receivers of a broadcast to {@code opts}'s rooms
     * except {@code except} (the reference's {@code shouldIncludePacket}).
     */
    public static boolean shouldInclude(Set<String> rooms, Collection<String> to, Collection<String> except) {
        boolean included = to.isEmpty();
        for (String room : rooms) {
            if (except.contains(room)) {
                return false;
            }
            included |= to.contains(room);
        }
        return included;
    }

    /**
     * The packet a restored socket of namespace {@code nsp} in {@code rooms} missed with this entry,
     * with the entry id as last argument; null when the entry is not a broadcast of this namespace for
     * it. Volatile broadcasts are skipped (they had no offset when they went out; the reference
     * replays them).
     */
    public static Packet missed(String id, Map<String, String> entry, String nsp, Set<String> rooms) {
        if (!nsp.equals(entry.get("nsp")) || !String.valueOf(ClusterAdapter.BROADCAST).equals(entry.get("type"))) {
            return null;
        }
        Map<String, Object> message = decode(entry);
        if (message == null || !(message.get("data") instanceof Map<?, ?> data)
                || !(data.get("opts") instanceof Map<?, ?> opts) || data.get("requestId") != null) {
            return null;
        }
        if (opts.get("flags") instanceof Map<?, ?> flags && Boolean.TRUE.equals(flags.get("volatile"))) {
            return null;
        }
        Set<String> to = ClusterMessages.strings(ClusterMessages.list(opts.get("rooms")));
        Set<String> except = ClusterMessages.strings(ClusterMessages.list(opts.get("except")));
        if (!shouldInclude(rooms, to, except)) {
            return null;
        }
        Packet packet = ClusterMessages.packet(data.get("packet"), nsp);
        if (packet == null) {
            return null;
        }
        List<Object> args = new ArrayList<>(packet.list());
        args.add(id);
        return new Packet(packet.type(), nsp, Packet.NO_ID, java.util.Collections.unmodifiableList(args));
    }
}
