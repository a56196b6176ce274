package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.WebSocketConnection;
import io.socketeer.it.RawWebSocket;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TyrusConnection} on a real Tyrus 2.1.5 (standalone, on Grizzly; Payara 6 has 2.1.5 with
 * Payara's patches), read by the JDK's WebSocket client: the frames it builds itself are what a
 * client reads, of every header length; a burst is kept until its last frame (or {@code WRITE_AT}
 * bytes), in order; a close writes what is kept first; a failed write is reported.
 */
class TyrusConnectionTest {
    private static final BlockingQueue<Session> OPENED = new LinkedBlockingQueue<>();
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static Server server;

    @ServerEndpoint("/quiet")
    public static class Quiet {
        @OnOpen
        public void open(Session session) {
            session.setMaxIdleTimeout(0);
            OPENED.add(session);
        }
    }

    /**
     * A JDK WebSocket client ({@link RawWebSocket}) and the server's session and connection to it.
     * Each client names itself in its query string and takes the session of that name, so a session
     * another test left behind is never taken for this one's.
     */
    private static final class Client {
        final RawWebSocket socket;
        final Session session;
        final WebSocketConnection connection;

        Client() throws Exception {
            String name = "client=" + CLIENTS.incrementAndGet();
            socket = RawWebSocket.open(URI.create("ws://127.0.0.1:" + server.getPort() + "/quiet?" + name))
                    .autoPong(false);
            session = opened(name);
            assertTrue(session.isOpen(), "the session of " + name + " is still open");
            connection = TyrusConnection.connection(session);
        }

        private static Session opened(String name) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> others = new ArrayList<>();
            while (true) {
                Session s = OPENED.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertNotNull(s, "the endpoint opened " + name + " within 10 s (other sessions: " + others + ")");
                if (name.equals(s.getQueryString())) {
                    return s;
                }
                others.add(s.getQueryString() + (s.isOpen() ? " open" : " closed"));
            }
        }

        Object next() throws InterruptedException {
            return socket.next();
        }
    }

    /** What a send reported: nothing yet, done, or its failure. */
    private static final class Outcome implements WebSocketConnection.SendCallback {
        final CompletableFuture<Throwable> result = new CompletableFuture<>();

        @Override
        public void done(Throwable failure) {
            result.complete(failure);
        }

        Throwable await() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TyrusServers.start(Quiet.class);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String text(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + i % 26));
        }
        return b.toString();
    }

    @Test
    void onTyrusItWritesFramesItself() throws Exception {
        Client client = new Client();
        assertInstanceOf(TyrusConnection.class, client.connection);
        client.socket.close();
    }

    @Test
    void framesOfEveryHeaderLengthReachTheClientAsSent() throws Exception {
        Client client = new Client();
        // payload lengths around the 7-bit, 16-bit and 64-bit length forms, text in UTF-8
        for (int length : new int[] {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
            String message = text(length);
            Outcome sent = new Outcome();
            client.connection.sendText(message, false, sent);
            assertNull(sent.await());
            assertEquals(message, client.next(), "text of " + length);
            byte[] data = new byte[length];
            Arrays.fill(data, (byte) (length % 251));
            Outcome binary = new Outcome();
            client.connection.sendBinary(data, false, binary);
            assertNull(binary.await());
            assertArrayEquals(data, (byte[]) client.next(), "binary of " + length);
        }
        String wide = "é€😀 ünïcödé";
        Outcome sent = new Outcome();
        client.connection.sendText(wide, false, sent);
        assertNull(sent.await());
        assertEquals(wide, client.next());
        client.socket.close();
    }

    @Test
    void aBurstIsKeptUntilItsLastFrameAndArrivesInOrder() throws Exception {
        Client client = new Client();
        List<Outcome> kept = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Outcome o = new Outcome();
            if (i % 5 == 4) {
                client.connection.sendBinary(new byte[] {(byte) i, 1, 2}, true, o);
            } else {
                client.connection.sendText("42[\"tick\"," + i + "]", true, o);
            }
            assertTrue(o.result.isDone(), "a kept frame is done at once");
            assertNull(o.await());
            kept.add(o);
        }
        assertNull(client.socket.poll(200), "nothing written before the burst's last frame");
        Outcome last = new Outcome();
        client.connection.sendText("last", false, last);
        assertNull(last.await());
        for (int i = 0; i < 50; i++) {
            Object m = client.next();
            if (i % 5 == 4) {
                assertArrayEquals(new byte[] {(byte) i, 1, 2}, (byte[]) m);
            } else {
                assertEquals("42[\"tick\"," + i + "]", m);
            }
        }
        assertEquals("last", client.next());
        client.socket.close();
    }

    @Test
    void aLongBurstIsWrittenOnceItHoldsWriteAtBytes() throws Exception {
        Client client = new Client();
        String frame = text(5000);
        int frames = TyrusConnection.WRITE_AT / frame.length() + 3;
        for (int i = 0; i < frames; i++) {
            Outcome o = new Outcome();
            client.connection.sendText(i + frame, true, o);
            assertNull(o.await());
        }
        // the burst has not ended, but what passed WRITE_AT is out
        for (int i = 0; i < TyrusConnection.WRITE_AT / frame.length(); i++) {
            assertEquals(i + frame, client.next());
        }
        Outcome last = new Outcome();
        client.connection.sendText("last", false, last);
        assertNull(last.await());
        for (int i = TyrusConnection.WRITE_AT / frame.length(); i < frames; i++) {
            assertEquals(i + frame, client.next());
        }
        assertEquals("last", client.next());
        client.socket.close();
    }

    @Test
    void aCloseInTheMiddleOfABurstWritesWhatIsKeptFirst() throws Exception {
        Client client = new Client();
        for (int i = 0; i < 3; i++) {
            Outcome o = new Outcome();
            client.connection.sendText("kept " + i, true, o);
            assertNull(o.await());
        }
        client.connection.close(4000, "bye");
        for (int i = 0; i < 3; i++) {
            assertEquals("kept " + i, client.next());
        }
        assertEquals(4000, client.socket.closeCode(10_000));
    }

    @Test
    void aSendOnAClosedSessionReportsTheFailure() throws Exception {
        Client client = new Client();
        client.session.close();
        assertEquals(1000, client.socket.closeCode(10_000));
        Outcome sent = new Outcome();
        client.connection.sendText("too late", false, sent);
        assertNotNull(sent.await(), "the failure");
    }
}
