package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link TomcatConnection} against a hand-written endpoint that behaves as Tomcat's does where it
 * matters: sends complete at once, and turning batching off on a closed session throws
 * {@link IllegalStateException} (Tomcat's empty flush: "Message will not be sent because the
 * WebSocket session has been closed").
 */
class TomcatConnectionTest {

    /** The asynchronous endpoint of one session. */
    static final class Remote implements RemoteEndpoint.Async {
        final List<String> sent = new ArrayList<>();
        boolean batching;
        boolean closed;

        @Override
        public void sendText(String text, SendHandler handler) {
            sent.add(text);
            handler.onResult(new SendResult());
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            sent.add("binary " + data.remaining() + (batching ? " batched" : " alone"));
            handler.onResult(new SendResult());
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {
            if (batching && !allowed && closed) {
                throw new IllegalStateException("Message will not be sent because the WebSocket session has been closed");
            }
            batching = allowed;
        }

        @Override
        public boolean getBatchingAllowed() {
            return batching;
        }

        @Override
        public void flushBatch() {
            throw new UnsupportedOperationException("blocks in Tomcat; TomcatConnection must not call it");
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeout) {
        }

        @Override
        public Future<Void> sendText(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendPing(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendPong(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }
    }

    /** A session that only has what TomcatConnection uses: its asynchronous endpoint and user properties. */
    static Session session(Remote remote) {
        Map<String, Object> properties = new HashMap<>();
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getUserProperties" -> {
                        if (remote.closed) {
                            // as Tomcat's WsSession.checkState
                            throw new IllegalStateException("The WebSocket session has been closed");
                        }
                        yield properties;
                    }
                    case "isOpen" -> !remote.closed;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aBurstIsBatchedFlushedAndBatchingTurnedOffAgain() {
        Remote remote = new Remote();
        List<Throwable> done = new ArrayList<>();
        TomcatConnection c = new TomcatConnection(session(remote), handler -> handler.onResult(new SendResult()));
        c.sendText("a", true, done::add);
        assertEquals(true, remote.batching);
        c.sendText("b", false, done::add);
        assertEquals(List.of("a", "b"), remote.sent);
        assertEquals(false, remote.batching);
        assertEquals(2, done.size());
        assertNull(done.get(0));
        assertNull(done.get(1));
    }

    /**
     * Found by the 64 KiB binary echo benchmark: an attachment behind its header packet went through
     * Tomcat's batch, which copies it into an 8 KiB buffer and writes that 8 times. A large frame now
     * ends the batch (flushed first, so the order stays) and goes out alone; small bursts batch again.
     */
    @Test
    void aLargeFrameEndsTheBatchAndGoesOutAlone() {
        Remote remote = new Remote();
        List<Throwable> done = new ArrayList<>();
        TomcatConnection c = new TomcatConnection(session(remote), handler -> {
            remote.sent.add("flush");
            handler.onResult(new SendResult());
        });
        c.sendText("451-0[{\"_placeholder\":true,\"num\":0}]", true, done::add);
        c.sendBinary(new byte[65_536], false, done::add);
        assertEquals(List.of("451-0[{\"_placeholder\":true,\"num\":0}]", "flush", "binary 65536 alone"), remote.sent);
        assertEquals(false, remote.batching);

        remote.sent.clear();
        c.sendText("a", true, done::add);
        c.sendBinary(new byte[10], true, done::add);
        c.sendBinary(new byte[TomcatConnection.LARGE_FRAME], true, done::add);
        c.sendText("b", true, done::add);
        c.sendText("c", false, done::add);
        assertEquals(List.of("a", "binary 10 batched", "flush", "binary 4096 alone", "b", "c", "flush"), remote.sent);
        assertEquals(false, remote.batching);
        assertEquals(7, done.size());
        done.forEach(e -> assertNull(e));
    }

    /**
     * Found by the soak test: the session closed while a burst's flush was being written; turning
     * batching off then threw from Tomcat's completion thread, which ended that thread, and the
     * burst's last send never completed. It now completes with the failure.
     */
    @Test
    void aSessionClosedDuringTheFlushCompletesTheBurstWithAFailure() {
        Remote remote = new Remote();
        List<Throwable> done = new ArrayList<>();
        TomcatConnection c = new TomcatConnection(session(remote), handler -> {
            remote.closed = true; // the client went away while the flush was written
            handler.onResult(new SendResult());
        });
        c.sendText("a", true, done::add);
        c.sendText("b", false, done::add);
        assertEquals(2, done.size());
        assertNull(done.get(0));
        assertInstanceOf(IllegalStateException.class, done.get(1));
    }

    /**
     * Found by the demo's browser test on Tomcat: a late polling POST carrying a close packet closed
     * the session after its WebSocket had closed; the close asked the closed Tomcat session for its
     * user properties, which threw out of the servlet (HTTP 500). A close of a closed session is
     * now nothing.
     */
    @Test
    void closingAClosedSessionDoesNotThrow() {
        Remote remote = new Remote();
        TomcatConnection c = new TomcatConnection(session(remote), handler -> handler.onResult(new SendResult()));
        remote.closed = true;
        c.close(1000, "");
    }
}
