package io.socketeer.it;

import io.socketeer.api.Disconnection;
import io.socketeer.api.EventContext;
import io.socketeer.api.Namespace;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnDisconnect;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak test's events ({@code src/test/node/soak.js}, {@link SoakIT}). Loss is measurable
 * because every room has a sequence: a publish takes the room's next number and broadcasts it to
 * the room under the room's lock, and joining or leaving answers the room's number at that moment
 * under the same lock. A member therefore must receive exactly the numbers after the one its join
 * answered, up to the one its leave answered, in order (its acks and the broadcasts travel in one
 * ordered stream per socket).
 *
 * <ul>
 *   <li>{@code soak-join(room)}, {@code soak-leave(room)}: ack the room's current number</li>
 *   <li>{@code soak-pub(room)}: broadcasts {@code soak-msg(room, n)} to the room, acks {@code n}</li>
 *   <li>{@code soak-echo(x)}: acks {@code x}</li>
 *   <li>{@code soak-stats(gc)}: what the registry holds (connections, sockets and rooms per
 *       namespace, scheduled timers) and the JVM's threads and, with {@code gc} true, used heap after
 *       a few full GCs; and how many sockets left for each disconnect reason so far</li>
 * </ul>
 */
@ApplicationScoped
public class SoakHandlers {
    @Inject
    SocketIoServer io;
    @Inject
    SessionRegistry registry;

    /** Room name -> its last number; the object is also the room's lock. Bounded by the driver's room names. */
    private final Map<String, long[]> rooms = new ConcurrentHashMap<>();

    /** Disconnect reason -> how many sockets left for it. */
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();

    private long[] room(String name) {
        return rooms.computeIfAbsent(name, k -> new long[1]);
    }

    void join(@Observes @OnEvent("soak-join") EventContext ev) {
        long[] room = room(ev.arg(0, String.class));
        synchronized (room) {
            ev.socket().join(ev.arg(0, String.class));
            ev.ack(room[0]);
        }
    }

    void leave(@Observes @OnEvent("soak-leave") EventContext ev) {
        long[] room = room(ev.arg(0, String.class));
        synchronized (room) {
            ev.socket().leave(ev.arg(0, String.class));
            ev.ack(room[0]);
        }
    }

    void publish(@Observes @OnEvent("soak-pub") EventContext ev) {
        String name = ev.arg(0, String.class);
        long[] room = room(name);
        long n;
        synchronized (room) {
            n = ++room[0];
            io.to(name).emit("soak-msg", name, n);
        }
        ev.ack(n);
    }

    void disconnected(@Observes @OnDisconnect Disconnection d) {
        reasons.computeIfAbsent(d.reason().toString(), k -> new LongAdder()).increment();
    }

    void echo(@Observes @OnEvent("soak-echo") EventContext ev) {
        ev.ack(ev.arg(0));
    }

    void stats(@Observes @OnEvent("soak-stats") EventContext ev) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("connections", io.connectionCount());
        int sockets = 0;
        int roomCount = 0;
        for (String name : io.namespaces()) {
            Namespace nsp = io.of(name);
            sockets += nsp.sockets().size();
            // every socket's own room is a room too: count the others
            for (String r : nsp.adapter().rooms()) {
                if (!nsp.sockets().containsKey(r)) {
                    roomCount++;
                }
            }
        }
        s.put("sockets", sockets);
        s.put("rooms", roomCount);
        s.put("timers", registry.scheduledTasks());
        if (Boolean.TRUE.equals(ev.arg(0, Boolean.class))) {
            s.put("heapUsedAfterGc", heapAfterGc());
            Map<String, Long> histogram = classHistogram();
            if (lastHistogram != null && !histogram.isEmpty()) {
                s.put("heapGrowthByClass", growth(lastHistogram, histogram));
                s.put("socketeerClassesGrowth", histogram.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("io.socketeer."))
                        .mapToLong(e -> e.getValue() - lastHistogram.getOrDefault(e.getKey(), 0L)).sum());
            }
            lastHistogram = histogram;
        }
        Map<String, Long> byReason = new TreeMap<>();
        reasons.forEach((k, v) -> byReason.put(k, v.sum()));
        s.put("disconnectReasons", byReason);
        s.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        s.put("threadsByKind", threadsByKind());
        ev.ack(s);
    }

    /** The class histogram of the last stats call that ran the GC, for the growth since. */
    private volatile Map<String, Long> lastHistogram;

    /**
     * Bytes per class of the live heap (the {@code GC.class_histogram} diagnostic command, run in this
     * JVM through its MBean); empty when the JVM does not offer it.
     */
    static Map<String, Long> classHistogram() {
        Map<String, Long> bytes = new java.util.HashMap<>();
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            for (String line : String.valueOf(text).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
                }
            }
        } catch (Exception | LinkageError e) {
            return Map.of();
        }
        return bytes;
    }

    /** The 12 classes whose live bytes grew most from {@code before} to {@code after}. */
    static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> top = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** Used heap in bytes after full GCs, taking the lowest of five (a GC may still be finishing references). */
    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    /**
     * Live threads by name with the digits taken out ({@code http-nio-127.0.0.1-#-exec-#},
     * {@code socketeer-timer-#}, ...), so a pool that grew shows which pool it is.
     */
    static Map<String, Integer> threadsByKind() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (t != null) {
                kinds.merge(t.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return kinds;
    }
}
