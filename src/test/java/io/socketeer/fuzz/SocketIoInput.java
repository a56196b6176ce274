package io.socketeer.fuzz;

import io.socketeer.parser.Json;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of Socket.IO packets (valid ones for round trips) and of packet-shaped junk. */
public final class SocketIoInput {
    private SocketIoInput() {
    }

    /** Values as arguments: JSON values with binary leaves here and there. */
    public static Arbitrary<Object> arguments(int depth) {
        Arbitrary<Object> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, JsonValues.scalars()),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> (Object) b)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> arguments(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, inner.list().ofMaxSize(3).map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.maps(JsonValues.strings(), inner).ofMaxSize(3)
                        .map(m -> (Object) new LinkedHashMap<>(m))));
    }

    /** {@code /} or any other name without a comma. */
    public static Arbitrary<String> namespaces() {
        return Arbitraries.oneOf(Arbitraries.just("/"),
                JsonValues.strings().filter(s -> s.indexOf(',') < 0).map(s -> "/" + s));
    }

    /** No ack id, or one of up to 15 digits. */
    public static Arbitrary<Long> ids() {
        return Arbitraries.oneOf(Arbitraries.just(Packet.NO_ID), Arbitraries.longs().between(0, 999_999_999_999_999L));
    }

    /** Valid packets of every type, in namespaces, with ack ids and binary attachments. */
    @SuppressWarnings("unchecked")
    public static Arbitrary<Packet> packets() {
        Arbitrary<Object> eventName = Arbitraries.oneOf(
                JsonValues.strings().filter(s -> !Packet.RESERVED_EVENTS.contains(s)).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i));
        Arbitrary<List<Object>> args = arguments(3).list().ofMaxSize(4);
        Arbitrary<Map<String, Object>> object = JsonValues.values(2).map(v -> v instanceof Map<?, ?> m
                ? (Map<String, Object>) m : new LinkedHashMap<>(Map.of("v", String.valueOf(v))));
        return Arbitraries.oneOf(
                Combinators.combine(namespaces(), Arbitraries.oneOf(object, Arbitraries.just(null)))
                        .as((nsp, auth) -> new Packet(PacketType.CONNECT, nsp, Packet.NO_ID, auth)),
                namespaces().map(Packet::disconnect),
                Combinators.combine(namespaces(), Arbitraries.oneOf(JsonValues.strings().map(s -> (Object) s),
                        object.map(m -> (Object) m))).as(Packet::connectError),
                Combinators.combine(namespaces(), ids(), eventName, args).as((nsp, id, name, a) -> {
                    List<Object> data = new ArrayList<>();
                    data.add(name);
                    data.addAll(a);
                    return new Packet(PacketType.EVENT, nsp, id, data);
                }),
                Combinators.combine(namespaces(), ids().filter(id -> id != Packet.NO_ID), args)
                        .as((nsp, id, a) -> new Packet(PacketType.ACK, nsp, id, a)));
    }

    /** Packet-shaped text: a header of types, counts, namespaces and ids, then JSON soup or mutated JSON. */
    public static Arbitrary<String> packetSoup() {
        Arbitrary<String> header = Arbitraries.of("0", "1", "2", "3", "4", "5", "6", "7", "9", "a", "",
                "51-", "52-", "60-", "5-", "5999-", "51", "-", "/", "/admin", "/admin,", ",", "12", "0012",
                "999999999999999999999", "2147483648-", "\u0661-")
                .list().ofMaxSize(4).map(l -> String.join("", l));
        Arbitrary<String> body = Arbitraries.oneOf(JsonValues.tokenSoup(),
                JsonValues.mutatedJson(2, v -> Json.write(v, null)),
                Arbitraries.of("[\"a\",{\"_placeholder\":true,\"num\":0}]", "[\"a\",{\"_placeholder\":true,\"num\":1}]",
                        "[\"a\",{\"_placeholder\":true}]", "[\"a\",{\"_placeholder\":true,\"num\":-1}]",
                        "[\"a\",{\"_placeholder\":true,\"num\":0.5}]", "[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
                        "[\"a\",{\"_placeholder\":true,\"num\":99999999999}]", "{\"_placeholder\":true,\"num\":0}",
                        "[{\"_placeholder\":true,\"num\":0}]", "[\"connect\"]", "[\"disconnect\",1]", "[]", "{}", ""));
        return Combinators.combine(header, body).as(String::concat);
    }
}
