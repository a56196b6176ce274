package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The soak test (issue 7): official Node.js clients churn for a while ({@code src/test/node/soak.js}:
 * connecting over polling with upgrade, WebSocket only and polling only, joining and leaving rooms,
 * publishing to rooms and echoing with acks, disconnecting cleanly, and faults: connections closed
 * without DISCONNECT, TCP connections destroyed, clients that freeze and raw polling clients that go
 * silent, both closed by the server's heartbeat), against {@link SoakHandlers} with pingInterval
 * 1000 ms and pingTimeout 2000 ms, so silent clients are gone within the run.
 *
 * <p>Asserted: no room broadcast a member should have got is lost, duplicated or out of order, no
 * ack is lost, clean clients are not disconnected (but see {@link #HEARTBEAT_REASONS}), every silent client's session is gone, the server counted a {@code ping timeout} for
 * each frozen or silent client; after the run, with only the driver's observer connected: one
 * connection, one socket, no room, no more timers than at the baseline (taken after a warm-up
 * round), and no more threads than at the baseline once the pools that grow with load and shrink
 * when idle are set aside: the container's request threads (Tomcat's executor: at most
 * {@code maxThreads}, idle ones end after 60 s, which a CI run does not wait for; Payara's
 * {@code http-thread-pool} and its {@code AsyncContext.start} threads: 175 -> 200 and 5 -> 7 in one
 * CI run) and
 * Socketeer's {@code socketeer-close} threads (at most 4, end after 10 s idle); the rest may differ
 * by 2 (the JVM starts service threads on its own, e.g. {@code Attach Listener} when a tool
 * attaches). Heap after GC: asserted within +16 MB of the baseline. The baseline is taken after the
 * warm-up round, so classes, JIT code and the pools' first buffers are already there; what a run
 * of a few hundred clients leaks per session (a kept session object is 10-70 KB with its buffers)
 * would exceed 16 MB after the thousands of sessions of the run, while GC noise (a few MB: the
 * container's caches, unreclaimed soft references) stays below. Everywhere, the live bytes of
 * Socketeer's own classes ({@code io.socketeer.*}, from class histograms of the server's JVM at the
 * baseline and after) may grow by 1 MB at most. On Payara Micro only that is asserted, and the total
 * is printed: its Grizzly keeps per-connection objects of the run's connections (TCPNIOConnection,
 * SocketChannelImpl, filter chain state, async write queues: +54 MB after a 35 s run on
 * 2026-11-28), none of them Socketeer's.
 *
 * <p>Sizes: {@code -Dsoak.seconds} (default 35), {@code -Dsoak.clients} (250), {@code -Dsoak.rooms}
 * (20), {@code -Dsoak.think} (ms between a client's actions, {@code 300-900}), {@code -Dsoak.warmup}
 * (8 s), {@code -Dsoak.idle} (seconds to wait, once the clients are gone, before the baseline and
 * the last figures: 0 here, 70 in {@code src/bench/soak.sh} so that Tomcat's idle request threads
 * end too). The summary is written to
 * {@code target/soak/soak-<time>.json} and printed. Runs in every container profile; alone, e.g.:
 * {@code mvn -B verify -Ptomcat -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SoakIT {
    private static final long HEAP_TOLERANCE = 16L << 20;
    /** How much the live bytes of {@code io.socketeer.*} classes may grow (the handlers' room counters). */
    private static final long SOCKETEER_CLASSES_TOLERANCE = 1L << 20;
    private static final int THREAD_TOLERANCE = 2;
    /**
     * What a clean client may be disconnected for when the machine stalls it or the server past the
     * heartbeat (pingTimeout 2000 ms): closed by the server ({@code transport close}), its polling
     * request refused once the server closed it ({@code transport error}), no ping in time
     * ({@code ping timeout}). Seen for about 1 in 3,000 clients, all polling-only, on a 2-core
     * machine at load 8-10 (not yet explained); tolerated up to 0.5 % of the clients (at least 2).
     */
    private static final List<String> HEARTBEAT_REASONS = List.of("ping timeout", "transport close", "transport error");
    /** Pools that grow with load and end their idle threads on their own (see the class comment). */
    private static final Predicate<String> POOLS = name -> name.matches("http-.*-exec-#") // Tomcat's executor
            || name.equals("http-thread-pool::http-listener(#)") // Payara's request threads
            || name.equals("glassfish-web-async-thread-#") // Payara's AsyncContext.start threads
            || name.equals("socketeer-close");

    @Deployment(testable = false)
    static WebArchive deployment() {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param><param-name>socketeer.pingInterval</param-name><param-value>1000</param-value></context-param>
                  <context-param><param-name>socketeer.pingTimeout</param-name><param-value>2000</param-value></context-param>
                  <context-param><param-name>socketeer.connectTimeout</param-name><param-value>10000</param-value></context-param>
                </web-app>
                """;
        return Deployments.forContainer(Deployments.library("soak.war")
                .addClasses(SoakHandlers.class)
                .setWebXML(new StringAsset(webXml)));
    }

    @ArquillianResource
    URL base;

    @Test
    void churnLeavesNothingBehindAndLosesNothing() throws Exception {
        int seconds = Integer.getInteger("soak.seconds", 35);
        int clients = Integer.getInteger("soak.clients", 250);
        int idle = Integer.getInteger("soak.idle", 0);
        int warmup = Integer.getInteger("soak.warmup", 8);
        Endpoints e = Endpoints.of(base);
        long started = System.nanoTime();
        String out = NodeClients.run("soak.js", warmup + seconds + 2L * idle + 240, e.origin(), e.path(),
                "--seconds", String.valueOf(seconds), "--clients", String.valueOf(clients), "--idle", String.valueOf(idle),
                "--warmup", String.valueOf(warmup), "--rooms", System.getProperty("soak.rooms", "20"),
                "--think", System.getProperty("soak.think", "300-900"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        File dir = new File("target/soak");
        dir.mkdirs();
        File summaryFile = new File(dir, "soak-" + System.currentTimeMillis() + ".json");
        Files.writeString(summaryFile.toPath(), out, StandardCharsets.UTF_8);
        System.out.println("SoakIT: " + ms + " ms, summary in " + summaryFile + ": " + out);

        JsonObject s;
        try (JsonReader r = Json.createReader(new StringReader(out))) {
            s = r.readObject();
        }
        JsonObject faults = s.getJsonObject("faults");
        JsonObject baseline = s.getJsonObject("baseline");
        JsonObject after = s.getJsonObject("after");

        // the run did what it says
        assertTrue(s.getInt("clientsServed") >= clients, "clients served: " + s.getInt("clientsServed"));
        assertTrue(s.getInt("upgrades") > 0 && s.getInt("eventsChecked") > 0 && s.getInt("echoes") > 0, out);
        for (String kind : List.of("close", "drop", "freeze", "silent")) {
            assertTrue(faults.getInt(kind) > 0, "no fault of kind " + kind + ": " + faults);
        }

        // nothing lost
        assertEquals(0, s.getInt("eventsLost"), "events lost; errors: " + s.get("errors"));
        assertEquals(0, s.getJsonObject("warmup").getInt("eventsLost"), "events lost in the warm-up round: " + s.get("warmup"));
        assertEquals(0, s.getInt("duplicates"), "duplicates; errors: " + s.get("errors"));
        assertEquals(0, s.getInt("unexpected"), "events for rooms not joined; errors: " + s.get("errors"));
        assertEquals(0, s.getInt("acksLost"), "acks lost; errors: " + s.get("errors"));
        assertEquals(0, s.getInt("connectErrors"), "connect errors; errors: " + s.get("errors"));
        int unexpectedDisconnects = 0;
        for (Map.Entry<String, jakarta.json.JsonValue> reason : s.getJsonObject("unexpectedDisconnects").entrySet()) {
            assertTrue(HEARTBEAT_REASONS.contains(reason.getKey()), "clean clients disconnected: " + s.get("unexpectedDisconnects"));
            unexpectedDisconnects += ((jakarta.json.JsonNumber) reason.getValue()).intValue();
        }
        assertTrue(unexpectedDisconnects <= Math.max(2, s.getInt("clientsServed") / 200),
                "clean clients disconnected: " + s.get("unexpectedDisconnects") + "; errors: " + s.get("errors"));
        assertEquals(faults.getInt("silent"), s.getInt("silentGoneConfirmed"), "silent sessions gone; errors: " + s.get("errors"));
        long pingTimeouts = count(after, "ping timeout") - count(baseline, "ping timeout");
        assertTrue(pingTimeouts >= faults.getInt("freeze") + faults.getInt("silent"),
                "ping timeouts " + pingTimeouts + " for " + faults);

        // nothing left behind
        assertEquals(1, after.getInt("connections"), "only the observer: " + after);
        assertEquals(1, after.getInt("sockets"), "only the observer: " + after);
        assertEquals(0, after.getInt("rooms"), "rooms: " + after);
        assertTrue(after.getInt("timers") <= baseline.getInt("timers"), "timers: " + baseline + " -> " + after);
        int threadsBefore = threadsBesidesPools(baseline);
        int threadsAfter = threadsBesidesPools(after);
        assertTrue(threadsAfter <= threadsBefore + THREAD_TOLERANCE, "threads besides the pools "
                + threadsBefore + " -> " + threadsAfter + ": " + baseline.get("threadsByKind") + " -> " + after.get("threadsByKind"));
        long heapBefore = baseline.getJsonNumber("heapUsedAfterGc").longValue();
        long heapAfter = after.getJsonNumber("heapUsedAfterGc").longValue();
        String grown = "heap after GC " + heapBefore + " -> " + heapAfter + "; grown most: " + after.get("heapGrowthByClass");
        assertTrue(after.containsKey("socketeerClassesGrowth"), "no class histogram from the server: " + after);
        assertTrue(after.getJsonNumber("socketeerClassesGrowth").longValue() < SOCKETEER_CLASSES_TOLERANCE,
                "Socketeer's own objects grew by " + after.get("socketeerClassesGrowth") + " bytes; " + grown);
        if ("payara".equals(System.getProperty("arquillian.launch"))) {
            // Payara Micro's Grizzly keeps per-connection objects (TCPNIOConnection, SocketChannelImpl,
            // filter chain state, async write queues) of the run's connections after the clients are
            // gone: tens of MB here, none of it Socketeer's (checked above, with the registry). Reported.
            System.out.println("SoakIT on Payara: " + grown);
        } else {
            assertTrue(heapAfter - heapBefore < HEAP_TOLERANCE, grown);
        }
    }

    private static long count(JsonObject stats, String reason) {
        JsonObject reasons = stats.getJsonObject("disconnectReasons");
        return reasons.containsKey(reason) ? reasons.getJsonNumber(reason).longValue() : 0;
    }

    private static int threadsBesidesPools(JsonObject stats) {
        int n = 0;
        for (Map.Entry<String, jakarta.json.JsonValue> kind : stats.getJsonObject("threadsByKind").entrySet()) {
            if (!POOLS.test(kind.getKey())) {
                n += ((jakarta.json.JsonNumber) kind.getValue()).intValue();
            }
        }
        return n;
    }
}
