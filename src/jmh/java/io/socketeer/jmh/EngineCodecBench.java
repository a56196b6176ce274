package io.socketeer.jmh;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.engineio.PacketCodec;
import java.util.ArrayList;
import java.util.List;
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

/** Engine.IO: one WebSocket text frame, a polling payload of ten packets, a 64 KiB binary packet. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineCodecBench {
    private String frame;
    private String payload;
    private List<EnginePacket> packets;
    private List<EnginePacket> binary;
    private String binaryPayload;

    @Setup
    public void setUp() {
        frame = "4217[\"echo\",{\"p\":\"" + "x".repeat(64) + "\"}]";
        packets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            packets.add(EnginePacket.message("2[\"tick\",{\"id\":1,\"seq\":" + i + ",\"t\":1234567890,\"p\":\"xxxx\"}]"));
        }
        payload = PacketCodec.encodePayload(packets);
        byte[] data = new byte[65536];
        new java.util.Random(1).nextBytes(data);
        binary = List.of(EnginePacket.message("51-17[{\"_placeholder\":true,\"num\":0}]"), EnginePacket.message(data));
        binaryPayload = PacketCodec.encodePayload(binary);
    }

    @Benchmark
    public EnginePacket decodeFrame() {
        return PacketCodec.decode(frame);
    }

    @Benchmark
    public String frameWireText() {
        return EnginePacket.messageFrame(frame).wireText();
    }

    @Benchmark
    public String encodePollingPayload() {
        return PacketCodec.encodePayload(packets);
    }

    @Benchmark
    public List<EnginePacket> decodePollingPayload() {
        return PacketCodec.decodePayload(payload);
    }

    @Benchmark
    public String encodeBinaryPayload64k() {
        return PacketCodec.encodePayload(binary);
    }

    @Benchmark
    public List<EnginePacket> decodeBinaryPayload64k() {
        return PacketCodec.decodePayload(binaryPayload);
    }
}
