package io.socketeer.parser;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Socket.IO packet.
 *
 * <pre>{@code
 * Packet.event("/", "chat", List.of("hi"))          // 42["chat","hi"]
 * Packet.ack("/admin", 12, List.of("ok"))           // 43/admin,12["ok"]
 * }</pre>
 *
 * @param type the packet type; when encoding, EVENT and ACK become BINARY_EVENT and BINARY_ACK by
 *             themselves if the data holds binary
 * @param nsp  the namespace, {@code /} by default
 * @param id   the ack id, or {@link #NO_ID}
 * @param data the payload: a {@code List} for events and acks (the event name first), a {@code Map}
 *             (or null) for CONNECT, a {@code Map} or {@code String} for CONNECT_ERROR, null for
 *             DISCONNECT
 */
public record Packet(PacketType type, String nsp, long id, Object data) {
    /** No ack id. */
    public static final long NO_ID = -1;

    /** Event names an application may not emit; the decoder refuses them too. */
    public static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect",
            "disconnecting", "newListener", "removeListener");

    public Packet {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nsp, "nsp");
    }

    public static Packet connect(String nsp, Map<String, ?> data) {
        return new Packet(PacketType.CONNECT, nsp, NO_ID, data);
    }

    public static Packet disconnect(String nsp) {
        return new Packet(PacketType.DISCONNECT, nsp, NO_ID, null);
    }

    public static Packet connectError(String nsp, Object data) {
        return new Packet(PacketType.CONNECT_ERROR, nsp, NO_ID, data);
    }

    /** An event: {@code args} does not include the name. */
    public static Packet event(String nsp, String event, List<?> args) {
        return eventWithAck(nsp, event, args, NO_ID);
    }

    /** An event whose receiver is asked to acknowledge with {@code id}. */
    public static Packet eventWithAck(String nsp, String event, List<?> args, long id) {
        Object[] all = new Object[args.size() + 1];
        all[0] = event;
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        return new Packet(PacketType.EVENT, nsp, id, java.util.Arrays.asList(all));
    }

    public static Packet ack(String nsp, long id, List<?> args) {
        return new Packet(PacketType.ACK, nsp, id, args);
    }

    /** Whether an ack id is set. */
    public boolean hasId() {
        return id != NO_ID;
    }

    /** The data as a list (events and acks). */
    @SuppressWarnings("unchecked")
    public List<Object> list() {
        return (List<Object>) data;
    }

    /** For an event: its name. */
    public String eventName() {
        Object first = list().get(0);
        return first instanceof String s ? s : Json.write(first, null);
    }

    /** For an event: the arguments after the name. */
    public List<Object> eventArgs() {
        List<Object> l = list();
        return l.subList(1, l.size());
    }
}
