package io.socketeer.jmh;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import io.socketeer.parser.PacketDecoder;
import io.socketeer.parser.PacketEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Socket.IO: the echo path (decode an event, encode its ack), a broadcast tick, and a 64 KiB binary
 * event both ways.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketCodecBench {
    private final PacketEncoder encoder = new PacketEncoder(null);
    private String echo;
    private Packet echoPacket;
    private Map<String, Object> tick;
    private byte[] data;
    private List<EnginePacket> binaryFrames;

    @Setup
    public void setUp() {
        echo = "217[\"echo\",{\"p\":\"" + "x".repeat(64) + "\"}]";
        echoPacket = new PacketDecoder(10).add(echo);
        tick = new LinkedHashMap<>();
        tick.put("id", 1);
        tick.put("seq", 123);
        tick.put("t", 1234567890123L);
        tick.put("p", "x".repeat(54));
        data = new byte[65536];
        new java.util.Random(1).nextBytes(data);
        binaryFrames = encoder.encode(Packet.eventWithAck("/", "echo", List.of(data), 17));
    }

    @Benchmark
    public Packet decodeEcho() {
        return new PacketDecoder(10).add(echo);
    }

    @Benchmark
    public List<EnginePacket> encodeEchoAck() {
        return encoder.encode(Packet.ack("/", echoPacket.id(), echoPacket.eventArgs()));
    }

    @Benchmark
    public List<EnginePacket> encodeTick() {
        return encoder.encode(Packet.event("/", "tick", List.of(tick)));
    }

    @Benchmark
    public List<EnginePacket> encodeBinary64k() {
        return encoder.encode(Packet.eventWithAck("/", "echo", List.of(data), 17));
    }

    @Benchmark
    public Packet decodeBinary64k() {
        PacketDecoder d = new PacketDecoder(10);
        d.add(binaryFrames.get(0).text());
        return d.add(binaryFrames.get(1).binary());
    }
}
