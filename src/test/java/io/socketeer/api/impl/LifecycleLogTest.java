package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineSession;
import io.socketeer.engineio.Engines;
import io.socketeer.engineio.FakePollExchange;
import io.socketeer.engineio.FakeWebSocket;
import io.socketeer.engineio.WebSocketTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle log ({@code io.socketeer.lifecycle} at FINE): one client followed by its sid and socket id. */
class LifecycleLogTest extends ServerFixture {
    private final Logger logger = Logger.getLogger("io.socketeer.lifecycle");
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (lines) {
                lines.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void listen() {
        before = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
        logger.setLevel(before);
    }

    private List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Test
    void oneClientFromHandshakeThroughUpgradeToCloseCanBeFollowed() {
        io.of("/admin").use(hs -> hs.reject("not authorized"));
        FakePollExchange first = new FakePollExchange();
        EngineSession session = io.engine().handshakePolling(Engines.request(EngineOptions.POLLING), first);
        first.awaitPayload();
        String sid = session.id();
        io.engine().polling(sid).beginPost();
        io.engine().polling(sid).onData("40\u001e40/admin,");
        String socket = handlers.nextConnected().id();
        FakeWebSocket conn = new FakeWebSocket();
        WebSocketTransport ws = io.engine().upgrade(sid, conn);
        ws.onText("2probe");
        conn.nextText();
        ws.onText("5");
        ws.onText("41");
        handlers.nextDisconnection();
        ws.onText("1");
        Engines.eventually(() -> lines().size() >= 6);
        assertEquals(List.of(
                "handshake sid=" + sid + " transport=polling protocol=4 remote=127.0.0.1",
                "connect sid=" + sid + " socket=" + socket + " nsp=/ recovered=false",
                "connect_error sid=" + sid + " nsp=/admin message=not authorized",
                "upgrade sid=" + sid + " transport=websocket",
                "disconnect sid=" + sid + " socket=" + socket + " nsp=/ reason=client namespace disconnect",
                "close sid=" + sid + " reason=transport close"), lines());
    }
}
