package io.socketeer.api.impl;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.PacketCodec;
import io.socketeer.fuzz.Fuzz;
import io.socketeer.fuzz.JsonValues;
import io.socketeer.fuzz.SocketIoInput;
import io.socketeer.parser.PacketEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at the session boundary, through the whole server without a container (engine
 * session, Socket.IO client, decoders, namespaces), over WebSocket frames and polling bodies: nothing
 * escapes the transport's entry points, nothing fails inside (no warning logged: a decoder throwing
 * anything but its parse exception would be logged as a failed listener), a client connected all the
 * while keeps receiving its events, and once the hostile client is gone nothing of it is left. Random
 * input from {@link Fuzz}; the tries of a property share one server.
 */
class HostileInputPropertiesTest {
    private static final PacketEncoder ENCODER = new PacketEncoder(null);

    private final HostileFixture server = new HostileFixture();

    @AfterEach
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

    private static final List<String> ENGINE = List.of("0", "1", "2", "3", "5", "6", "7", "", "2probe", "3probe", "b",
            "bAQID", "b!!", "4", "40", "41", "40/admin,", "40/nowhere,", "44", "4\u001e2");

    /** Engine.IO frames: Socket.IO packet soup, mutated valid packets with their attachments, engine packets, bytes. */
    static List<Frame> frames(Fuzz f) {
        List<Frame> out = new ArrayList<>();
        for (int n = f.size(6); n > 0; n--) {
            if (f.weighted(3, 2) == 1) {
                // a valid packet with its attachments, its text mutated or not
                boolean mutate = f.bool();
                for (EnginePacket e : ENCODER.encode(SocketIoInput.packet(f))) {
                    String text = e.isBinary() ? null
                            : mutate ? f.mutate(e.wireText(), () -> JsonValues.fragment(f)) : e.wireText();
                    out.add(new Frame(text, e.binary()));
                }
                continue;
            }
            out.add(switch (f.weighted(3, 1, 1)) {
                case 0 -> new Frame("4" + SocketIoInput.packetSoup(f), null);
                case 1 -> new Frame(f.pick(ENGINE), null);
                default -> new Frame(null, f.bytes(8));
            });
        }
        return out;
    }

    /** Frames, and whether the hostile client joined {@code /} first. */
    record Client(List<Frame> frames, boolean joined) {
    }

    @Test
    void hostileWebSocketFramesHarmNoOneElse() {
        Fuzz.forAll(150, f -> new Client(frames(f), f.bool()), client -> {
            TestClient c = new TestClient(server.io);
            if (client.joined()) {
                c.connect();
            }
            for (Frame f : client.frames()) {
                if (f.text != null) {
                    c.send(f.text);
                } else {
                    c.sendBinary(f.binary);
                }
            }
            server.assertNoWarningAndBystanderServed();
            c.ws.onClosed();
            server.assertOnlyTheBystanderIsLeft();
        });
    }

    /** A polling body (the frames' payload, mutated or not), and whether the client joined {@code /} first. */
    record Body(String body, boolean joined) {
    }

    @Test
    void hostilePollingBodiesHarmNoOneElse() {
        Fuzz.forAll(150, f -> {
            List<EnginePacket> packets = new ArrayList<>();
            for (Frame frame : frames(f)) {
                packets.add(frame.text != null ? EnginePacket.message(frame.text.isEmpty() ? "" : frame.text.substring(1))
                        : EnginePacket.message(frame.binary));
            }
            String body = packets.isEmpty() ? "" : PacketCodec.encodePayload(packets);
            boolean joined = f.bool();
            return new Body(f.bool() ? body : f.mutate(body, () -> f.pick("\u001e", "b", "b=", "4", "2", "\uFFFD", "\n", "x")),
                    joined);
        }, b -> {
            EngineSession session = server.pollingSession();
            if (b.joined()) {
                server.post(session, "40");
            }
            server.post(session, b.body());
            server.assertNoWarningAndBystanderServed();
            server.closeAndDrain(session);
            server.assertOnlyTheBystanderIsLeft();
        });
    }
}
