package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TyrusIdleTimeout} on a real Tyrus 2.1.5 (standalone, on Grizzly; Payara 6 has 2.1.5 with
 * Payara's patches), driven by the JDK's WebSocket client. The test's endpoint counts the
 * idle-timeout tasks Tyrus gives the session's scheduler, by putting a counter in front of it before
 * {@code TyrusIdleTimeout.install} does its part, as {@code WebSocketEndpoint.onOpen} does; and, on a
 * server of its own, the tasks the container's scheduler gets once the proxy is in the container.
 */
class TyrusIdleTimeoutTest {
    private static final BlockingQueue<Session> OPENED = new LinkedBlockingQueue<>();
    private static Server server;

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnOpen
        public void open(Session session) throws ReflectiveOperationException {
            AtomicInteger scheduled = new AtomicInteger();
            Field field = Reflection.declared(session.getClass(), "service");
            field.set(session, counting((ScheduledExecutorService) field.get(session), scheduled));
            session.getUserProperties().put("scheduled", scheduled);
            boolean install = session.getRequestParameterMap().containsKey("install");
            session.getUserProperties().put("installed", install && TyrusIdleTimeout.install(session));
            session.setMaxIdleTimeout(0);
            OPENED.add(session);
        }

        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    /** A JDK WebSocket client that keeps what it receives and how it ended. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final WebSocket socket;
        final Session session;

        Client(String query) throws InterruptedException {
            this(server.getPort(), "/echo" + query);
        }

        Client(int port, String pathAndQuery) throws InterruptedException {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), this)
                    .join();
            session = OPENED.poll(10, TimeUnit.SECONDS);
            assertNotNull(session, "the endpoint opened");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        /** Sends {@code n} messages one after the other, each after the echo of the one before. */
        void echo(int n) throws InterruptedException {
            for (int i = 0; i < n; i++) {
                socket.sendText("m" + i, true).join();
                assertEquals("m" + i, received.poll(10, TimeUnit.SECONDS));
            }
        }

        int scheduled() {
            return ((AtomicInteger) session.getUserProperties().get("scheduled")).get();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TyrusServers.start(Echo.class);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void withoutItTyrusSchedulesAnIdleTimeoutTaskForEveryFrameEvenWithTheTimeoutOff() throws Exception {
        Client client = new Client("");
        assertEquals(Boolean.FALSE, client.session.getUserProperties().get("installed"));
        int before = client.scheduled();
        client.echo(50);
        assertTrue(client.scheduled() - before >= 50, "one per frame at least: " + (client.scheduled() - before));
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void withItNoneIsScheduledWhileTheIdleTimeoutIsOff() throws Exception {
        Client client = new Client("?install");
        assertEquals(Boolean.TRUE, client.session.getUserProperties().get("installed"));
        client.echo(50);
        assertEquals(0, client.scheduled());
        assertTrue(client.session.isOpen());
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        assertTrue(client.closed.get(10, TimeUnit.SECONDS).startsWith("close"));
    }

    @Test
    void anIdleTimeoutSetLaterStillClosesAnIdleSession() throws Exception {
        Client client = new Client("?install");
        assertEquals(Boolean.TRUE, client.session.getUserProperties().get("installed"));
        client.echo(3);
        client.session.setMaxIdleTimeout(300);
        String end = client.closed.get(10, TimeUnit.SECONDS);
        assertFalse(client.session.isOpen(), end);
        assertTrue(client.scheduled() > 0);
    }

    @Test
    void installsOnceAndLeavesOtherSessionsAlone() throws Exception {
        Client client = new Client("?install");
        Object installed = Reflection.inherited(client.session.getClass(), "service").get(client.session);
        assertTrue(TyrusIdleTimeout.install(client.session), "installed before");
        assertSame(installed, Reflection.inherited(client.session.getClass(), "service").get(client.session), "not twice");
        Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> null);
        assertFalse(TyrusIdleTimeout.install(other));
        assertFalse(TyrusIdleTimeout.installInContainer(new Object()));
        assertFalse(TyrusIdleTimeout.installInContainer(null));
        client.echo(1);
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    /** An endpoint that turns the idle timeout off (or sets it from {@code ?timeout=ms}) and does nothing else. */
    @ServerEndpoint("/plain")
    public static class Plain {
        @OnOpen
        public void open(Session session) {
            List<String> timeout = session.getRequestParameterMap().get("timeout");
            session.setMaxIdleTimeout(timeout == null ? 0 : Long.parseLong(timeout.get(0)));
            OPENED.add(session);
        }

        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    @Test
    void inTheContainerItDropsEvenTheTasksOfTheSessionConstructor() throws Exception {
        Server own = TyrusServers.start(Plain.class);
        int port = own.getPort();
        try {
            Client first = new Client(port, "/plain");
            Object container = first.session.getContainer();
            // a counter between the container's scheduler and what TyrusIdleTimeout puts in front of it
            Method getter = container.getClass().getMethod("getScheduledExecutorService");
            ScheduledExecutorService tyrus = (ScheduledExecutorService) getter.invoke(container);
            Field field = Reflection.inherited(container.getClass(), "scheduledExecutorService");
            AtomicInteger scheduled = new AtomicInteger();
            field.set(container, counting(tyrus, scheduled));
            Client counted = new Client(port, "/plain");
            assertTrue(scheduled.get() >= 1, "the constructor's task, without it: " + scheduled.get());

            assertTrue(TyrusIdleTimeout.installInContainer(container));
            Object installed = getter.invoke(container);
            assertTrue(TyrusIdleTimeout.installInContainer(container));
            assertSame(installed, getter.invoke(container), "not twice");
            int before = scheduled.get();
            Client client = new Client(port, "/plain");
            assertSame(installed, Reflection.inherited(client.session.getClass(), "service").get(client.session));
            assertTrue(TyrusIdleTimeout.install(client.session), "has the container's");
            assertSame(installed, Reflection.inherited(client.session.getClass(), "service").get(client.session), "no second proxy");
            client.echo(50);
            assertEquals(before, scheduled.get(), "none, the constructor's included");
            assertTrue(client.session.isOpen());

            // the task is the session's to keep when its idle timeout is on
            Client idle = new Client(port, "/plain?timeout=300");
            idle.echo(2);
            String end = idle.closed.get(10, TimeUnit.SECONDS);
            assertFalse(idle.session.isOpen(), end);
            assertTrue(scheduled.get() > before);
            for (Client c : List.of(first, counted, client)) {
                c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            }
        } finally {
            own.stop();
        }
    }

    /** A scheduler in front of Tyrus's that counts the idle-timeout tasks it is given. */
    private static ScheduledExecutorService counting(ScheduledExecutorService tyrus, AtomicInteger scheduled) {
        return (ScheduledExecutorService) Proxy.newProxyInstance(TyrusIdleTimeoutTest.class.getClassLoader(),
                new Class<?>[] {ScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule")
                            && args[0].getClass().getName().endsWith("TyrusSession$IdleTimeoutCommand")) {
                        scheduled.incrementAndGet();
                    }
                    try {
                        return method.invoke(tyrus, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

}
