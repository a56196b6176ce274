package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that stop reading (a stuck consumer: a frozen tab, a dead mobile network) while a live
 * feed flows to their room. The server must not buffer for them without bound: past
 * {@code maxWriteBufferSize} (16 MB here) waiting for one client, its session is closed with
 * {@code transport error}, and a client in the same room that reads gets every chunk, in order.
 * The feed is 2,500 chunks of 16 KiB (40 MB), one every 2 ms (8 MB/s): more than the kernel's socket
 * buffers of the stuck connection can take, and slow enough for the reader to keep up on a loaded
 * two-core machine (it would be closed too if it fell two seconds behind).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowConsumerIT {
    private static final int CHUNKS = 2_500;
    private static final int CHUNK_SIZE = 16_384;
    private static final Pattern SID = Pattern.compile("40\\{\"sid\":\"([^\"]+)\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withOptions("slow-consumer.war", Map.of("maxWriteBufferSize", "16e6",
                "pingInterval", "5000", "pingTimeout", "20000"), SlowConsumerHandlers.class);
    }

    @ArquillianResource
    URL base;

    /** A WebSocket client in the room {@code flood}; returns its socket id. */
    private static String joined(RawWebSocket ws) throws Exception {
        assertTrue(ws.nextText().startsWith("0{\"sid\":"));
        ws.send("40");
        Matcher m = SID.matcher(ws.nextText());
        assertTrue(m.find());
        ws.send("421[\"join\"]");
        assertEquals("431[]", ws.nextStartingWith("431"));
        return m.group(1);
    }

    @Test
    void aWebSocketClientThatStopsReadingIsClosedAndTheOthersGetEverything() throws Exception {
        Endpoints endpoints = Endpoints.of(base);
        RawWebSocket stuck = RawWebSocket.open(endpoints.ws("EIO=4&transport=websocket"));
        RawWebSocket reader = RawWebSocket.open(endpoints.ws("EIO=4&transport=websocket"));
        try {
            String stuckId = joined(stuck);
            joined(reader);
            stuck.stopReading();

            reader.send("422[\"flood\"," + CHUNKS + "," + CHUNK_SIZE + "]");
            assertEquals("432[]", reader.nextStartingWith("432"));
            for (int i = 0; i < CHUNKS; i++) {
                String chunk = reader.nextStartingWith("42[\"chunk\"");
                String expected = "42[\"chunk\"," + i + ",\"";
                assertTrue(chunk.startsWith(expected) && chunk.length() == expected.length() + CHUNK_SIZE + 2,
                        () -> "chunk " + expected + " expected, got " + chunk.substring(0, Math.min(40, chunk.length())));
            }

            assertEquals("transport error", reasonOf(reader, stuckId));
            reader.send("424[\"sockets\"]");
            assertEquals("434[1]", reader.nextStartingWith("434"), "only the reader is left");
        } finally {
            stuck.close();
            reader.close();
        }
    }

    @Test
    void aLongPollingClientThatStopsPollingIsClosed() throws Exception {
        Endpoints endpoints = Endpoints.of(base);
        RawPolling stuck = RawPolling.open(endpoints);
        assertEquals(200, stuck.post("40").statusCode());
        String connect = stuck.get().body();
        Matcher m = SID.matcher(connect);
        assertTrue(m.find(), connect);
        String stuckId = m.group(1);
        assertEquals(200, stuck.post("421[\"join\"]").statusCode());
        String joinedAck = stuck.get().body();
        assertTrue(joinedAck.contains("431[]"), joinedAck); // perhaps after a ping
        // no GET from now on: what the room is sent waits in the session for it

        RawWebSocket reader = RawWebSocket.open(endpoints.ws("EIO=4&transport=websocket"));
        try {
            joined(reader);
            reader.send("422[\"flood\",1500," + CHUNK_SIZE + "]"); // 24.6 MB
            assertEquals("432[]", reader.nextStartingWith("432"));
            for (int i = 0; i < 1500; i++) {
                String chunk = reader.nextStartingWith("42[\"chunk\"");
                String expected = "42[\"chunk\"," + i + ",";
                assertTrue(chunk.startsWith(expected), () -> expected + " expected, got " + chunk.substring(0, 20));
            }
            assertEquals("transport error", reasonOf(reader, stuckId));
            assertEquals(400, stuck.get().statusCode(), "its session is gone: Session ID unknown");
        } finally {
            reader.close();
        }
    }

    /** The reason the server gave for that socket's disconnect, waiting up to 10 s for one. */
    private static String reasonOf(RawWebSocket asker, String id) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int ack = 10; ; ack++) {
            asker.send("42" + ack + "[\"reason\",\"" + id + "\"]");
            String answer = asker.nextStartingWith("43" + ack + "[");
            if (!answer.equals("43" + ack + "[null]")) {
                return answer.substring(("43" + ack + "[\"").length(), answer.length() - 2);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("socket " + id + " still connected after 10 s");
            }
            Thread.sleep(100);
        }
    }
}
