package io.socketeer.fuzz;

import io.socketeer.parser.Json;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generators of Socket.IO packets (valid ones for round trips) and of packet-shaped junk. */
public final class SocketIoInput {
    private SocketIoInput() {
    }

    /** Values as arguments: JSON values with binary leaves here and there. */
    public static Object argument(Fuzz f, int depth) {
        if (depth == 0 || f.weighted(3, 2) == 0) {
            return f.weighted(4, 1) == 0 ? JsonValues.scalar(f) : f.bytes(20);
        }
        if (f.bool()) {
            return f.list(0, 3, () -> argument(f, depth - 1));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int n = f.size(3); n > 0; n--) {
            m.put(JsonValues.string(f), argument(f, depth - 1));
        }
        return m;
    }

    /** {@code /} or any other name without a comma. */
    public static String namespace(Fuzz f) {
        return f.bool() ? "/" : "/" + JsonValues.string(f).replace(",", "");
    }

    /** No ack id, or one of up to 15 digits. */
    public static long id(Fuzz f) {
        return f.bool() ? Packet.NO_ID : ackId(f);
    }

    private static long ackId(Fuzz f) {
        return f.between(0L, 999_999_999_999_999L);
    }

    /** A valid packet of any type, in a namespace, with an ack id and binary attachments. */
    public static Packet packet(Fuzz f) {
        return switch (f.between(0, 4)) {
            case 0 -> new Packet(PacketType.CONNECT, namespace(f), Packet.NO_ID, f.bool() ? object(f) : null);
            case 1 -> Packet.disconnect(namespace(f));
            case 2 -> Packet.connectError(namespace(f), f.bool() ? JsonValues.string(f) : object(f));
            case 3 -> {
                String nsp = namespace(f);
                long id = id(f);
                List<Object> data = new ArrayList<>();
                data.add(eventName(f));
                data.addAll(f.list(0, 4, () -> argument(f, 3)));
                yield new Packet(PacketType.EVENT, nsp, id, data);
            }
            default -> new Packet(PacketType.ACK, namespace(f), ackId(f), f.list(0, 4, () -> argument(f, 3)));
        };
    }

    private static Object eventName(Fuzz f) {
        if (f.bool()) {
            return f.anyInt();
        }
        String name;
        do {
            name = JsonValues.string(f);
        } while (Packet.RESERVED_EVENTS.contains(name));
        return name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Fuzz f) {
        Object v = JsonValues.value(f, 2);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>(Map.of("v", String.valueOf(v)));
    }

    private static final List<String> HEADERS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "9", "a", "",
            "51-", "52-", "60-", "5-", "5999-", "51", "-", "/", "/admin", "/admin,", ",", "12", "0012",
            "999999999999999999999", "2147483648-", "\u0661-");

    private static final List<String> BODIES = List.of("[\"a\",{\"_placeholder\":true,\"num\":0}]",
            "[\"a\",{\"_placeholder\":true,\"num\":1}]", "[\"a\",{\"_placeholder\":true}]",
            "[\"a\",{\"_placeholder\":true,\"num\":-1}]", "[\"a\",{\"_placeholder\":true,\"num\":0.5}]",
            "[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]", "[\"a\",{\"_placeholder\":true,\"num\":99999999999}]",
            "{\"_placeholder\":true,\"num\":0}", "[{\"_placeholder\":true,\"num\":0}]", "[\"connect\"]",
            "[\"disconnect\",1]", "[]", "{}", "");

    /** Packet-shaped text: a header of types, counts, namespaces and ids, then JSON soup or mutated JSON. */
    public static String packetSoup(Fuzz f) {
        String header = String.join("", f.list(0, 4, () -> f.pick(HEADERS)));
        String body = switch (f.between(0, 2)) {
            case 0 -> JsonValues.tokenSoup(f);
            case 1 -> JsonValues.mutatedJson(f, 2, v -> Json.write(v, null));
            default -> f.pick(BODIES);
        };
        return header + body;
    }
}
