package io.socketeer.api.impl;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.PacketCodec;
import io.socketeer.fuzz.JsonValues;
import io.socketeer.fuzz.Mutation;
import io.socketeer.fuzz.SocketIoInput;
import io.socketeer.parser.PacketEncoder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Hostile input at the session boundary, through the whole server without a container (engine
 * session, Socket.IO client, decoders, namespaces), over WebSocket frames and polling bodies: nothing
 * escapes the transport's entry points, nothing fails inside (no warning logged: a decoder throwing
 * anything but its parse exception would be logged as a failed listener), a client connected all the
 * while keeps receiving its events, and once the hostile client is gone nothing of it is left.
 */
class HostileInputPropertiesTest {
    private static final PacketEncoder ENCODER = new PacketEncoder(null);

    private final HostileFixture server = new HostileFixture();

    @AfterProperty
    void stop() {
        server.close();
    }

    /** A frame a client may send: text, or binary when {@code text} is null. */
    record Frame(String text, byte[] binary) {
        @Override
        public String toString() {
            return text != null ? "text " + text : "binary of " + binary.length + " bytes";
        }
    }

    /** Engine.IO frames: Socket.IO packet soup, mutated valid packets with their attachments, engine packets, bytes. */
    @Provide
    static Arbitrary<List<Frame>> frames() {
        Arbitrary<Frame> soup = SocketIoInput.packetSoup().map(s -> new Frame("4" + s, null));
        Arbitrary<List<Frame>> packet = net.jqwik.api.Combinators.combine(SocketIoInput.packets(),
                Mutation.several(JsonValues.fragments()), Arbitraries.of(true, false)).as((p, m, mutate) -> {
                    List<Frame> out = new ArrayList<>();
                    for (EnginePacket e : ENCODER.encode(p)) {
                        String text = e.isBinary() ? null : mutate ? Mutation.applyAll(m, e.wireText()) : e.wireText();
                        out.add(new Frame(text, e.binary()));
                    }
                    return out;
                });
        Arbitrary<Frame> engine = Arbitraries.of("0", "1", "2", "3", "5", "6", "7", "", "2probe", "3probe", "b",
                "bAQID", "b!!", "4", "40", "41", "40/admin,", "40/nowhere,", "44", "4\u001e2").map(s -> new Frame(s, null));
        Arbitrary<Frame> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> new Frame(null, b));
        Arbitrary<List<Frame>> one = Arbitraries.frequencyOf(Tuple.of(3, soup), Tuple.of(1, engine), Tuple.of(1, bytes))
                .map(List::of);
        return Arbitraries.frequencyOf(Tuple.of(3, one), Tuple.of(2, packet)).list().ofMaxSize(6)
                .map(l -> l.stream().flatMap(List::stream).toList());
    }

    @Property(tries = 150)
    void hostileWebSocketFramesHarmNoOneElse(@ForAll("frames") List<Frame> frames, @ForAll boolean joined) {
        TestClient c = new TestClient(server.io);
        if (joined) {
            c.connect();
        }
        for (Frame f : frames) {
            if (f.text != null) {
                c.send(f.text);
            } else {
                c.sendBinary(f.binary);
            }
        }
        server.assertNoWarningAndBystanderServed();
        c.ws.onClosed();
        server.assertOnlyTheBystanderIsLeft();
    }

    @Property(tries = 150)
    void hostilePollingBodiesHarmNoOneElse(@ForAll("frames") List<Frame> frames, @ForAll boolean joined,
                                           @ForAll("bodyMutations") List<Mutation> mutations) {
        EngineSession session = server.pollingSession();
        if (joined) {
            server.post(session, "40");
        }
        List<EnginePacket> packets = new ArrayList<>();
        for (Frame f : frames) {
            packets.add(f.text != null ? EnginePacket.message(f.text.isEmpty() ? "" : f.text.substring(1))
                    : EnginePacket.message(f.binary));
        }
        String body = packets.isEmpty() ? "" : PacketCodec.encodePayload(packets);
        server.post(session, Mutation.applyAll(mutations, body));
        server.assertNoWarningAndBystanderServed();
        server.closeAndDrain(session);
        server.assertOnlyTheBystanderIsLeft();
    }

    @Provide
    static Arbitrary<List<Mutation>> bodyMutations() {
        return Arbitraries.oneOf(Arbitraries.just(List.of()),
                Mutation.several(Arbitraries.of("\u001e", "b", "b=", "4", "2", "\uFFFD", "\n", "x")));
    }
}
