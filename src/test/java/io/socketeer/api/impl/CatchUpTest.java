package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.Adapter;
import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.InMemoryAdapter;
import io.socketeer.adapter.LocalSocket;
import io.socketeer.adapter.PersistedSession;
import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * {@link CatchUp} on its own: a broadcast that the adapter's store already had when the finish read
 * it, and whose live delivery arrives only after the finish (another node's, still in the reader),
 * is written once.
 */
class CatchUpTest {
    private static final PacketEncoder ENCODER = new PacketEncoder(null);

    private static Packet news(String text, String offset) {
        return Packet.event("/", "news", List.of(text, offset));
    }

    /** An adapter whose store has these packets after the client's offset. */
    private static Adapter storeWith(List<Packet> missed) {
        AdapterHost host = new AdapterHost() {
            @Override
            public String name() {
                return "/";
            }

            @Override
            public LocalSocket localSocket(String id) {
                return null;
            }

            @Override
            public List<EnginePacket> encode(Packet packet) {
                return ENCODER.encode(packet);
            }

            @Override
            public long nextAckId() {
                return 0;
            }
        };
        return new InMemoryAdapter(host) {
            @Override
            public CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
                return CompletableFuture.completedFuture(new PersistedSession("s1", "p1", Set.of(), Map.of(), missed));
            }
        };
    }

    @Test
    void aBroadcastReplayedAsMissedIsDroppedWhenItsLiveCopyArrivesAfterTheFinish() {
        Packet a = news("a", "1-0");
        Packet b = news("b", "2-0");
        PersistedSession restored = new PersistedSession("s1", "p1", Set.of(), Map.of(), List.of(a));
        CatchUp c = new CatchUp(restored, "0-0");
        Packet held = news("c", "3-0");
        assertTrue(c.hold(held, ENCODER.encode(held), BroadcastFlags.NONE));
        List<String> wire = new ArrayList<>();
        boolean[] connected = {false};
        c.finish(storeWith(List.of(a, b)), ENCODER::encode, (frames, flags) -> wire.add(frames.get(0).wireText()),
                () -> connected[0] = true);
        assertTrue(connected[0]);
        assertEquals(List.of("42[\"news\",\"a\",\"1-0\"]", "42[\"news\",\"b\",\"2-0\"]", "42[\"news\",\"c\",\"3-0\"]"), wire);
        assertFalse(c.hold(b, ENCODER.encode(b), BroadcastFlags.NONE), "finished: nothing is held any more");
        assertTrue(c.replayedAlready(b), "b's live copy came after the finish: already written");
        assertFalse(c.replayedAlready(b), "each offset is dropped once");
        assertFalse(c.replayedAlready(news("d", "4-0")));
        assertFalse(c.over(), "a's live copy may still come");
        assertTrue(c.replayedAlready(a));
        assertTrue(c.over());
    }
}
