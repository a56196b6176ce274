package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.socketeer.it.RawWebSocket;
import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UndertowUnmask} on a standalone Undertow 2.3.23 (WildFly 39's), with direct buffers as
 * WildFly's: the JDK's client masks every frame it sends, and the endpoint, which receives in parts
 * as Socketeer's does on Undertow, echoes each message whole. Every message must come back as sent:
 * those of {@link UndertowUnmask#TAKE_OVER_FROM} bytes and more unmasked by Socketeer, the others by
 * Undertow.
 */
class UndertowUnmaskTest {
    private static final BlockingQueue<Boolean> INSTALLED = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> CLOSED = new LinkedBlockingQueue<>();
    private static Undertow server;
    private static DeploymentManager deployment;
    private static int port;

    /** Echoes each message, received in parts, once it is whole. */
    public static class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            INSTALLED.add(UndertowUnmask.install(session));
            StringBuilder text = new StringBuilder();
            ByteArrayOutputStream binary = new ByteArrayOutputStream();
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                text.append(part);
                if (last) {
                    session.getAsyncRemote().sendText(text.toString());
                    text.setLength(0);
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
                byte[] b = new byte[part.remaining()];
                part.get(b);
                binary.writeBytes(b);
                if (last) {
                    session.getAsyncRemote().sendBinary(ByteBuffer.wrap(binary.toByteArray()));
                    binary.reset();
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            CLOSED.add(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(UndertowUnmaskTest.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("unmask")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, new WebSocketDeploymentInfo()
                        .setBuffers(new DefaultByteBufferPool(true, 16_384))
                        .addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build()));
        deployment = Servlets.defaultContainer().addDeployment(info);
        deployment.deploy();
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(deployment.start()).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        deployment.stop();
        deployment.undeploy();
    }

    private static RawWebSocket open() throws Exception {
        RawWebSocket ws = RawWebSocket.open(URI.create("ws://127.0.0.1:" + port + "/echo"));
        assertEquals(Boolean.TRUE, INSTALLED.poll(5, TimeUnit.SECONDS), "installed on Undertow");
        return ws;
    }

    @Test
    void binaryMessagesOfEveryLengthFormComeBackAsSent() throws Exception {
        RawWebSocket ws = open();
        try {
            Random random = new Random(3);
            for (int n : new int[] {0, 1, 3, 7, 8, 9, 17, 125, 126, 127, UndertowUnmask.TAKE_OVER_FROM - 1,
                UndertowUnmask.TAKE_OVER_FROM, 1_000, 16_383, 16_384, 16_385, 65_535,
                65_536, 65_537, 300_001}) {
                byte[] sent = new byte[n];
                random.nextBytes(sent);
                ws.sendInFrames(sent);
                assertArrayEquals(sent, (byte[]) ws.next(), n + " bytes");
            }
        } finally {
            ws.close();
        }
    }

    @Test
    void textMessagesComeBackAsSent() throws Exception {
        RawWebSocket ws = open();
        try {
            for (int n : new int[] {0, 1, 5, 40, 10_000, 70_000}) {
                String sent = "42[\"é😀\"," + "x".repeat(n) + "]";
                ws.sendInFrames(sent);
                assertEquals(sent, ws.next(), n + " more chars");
            }
        } finally {
            ws.close();
        }
    }

    @Test
    void aMessageInSeveralFramesKeepsUndertowsUnmaskingAndComesBackWhole() throws Exception {
        RawWebSocket ws = open();
        try {
            byte[] a = new byte[70_001];
            byte[] b = new byte[13];
            byte[] c = new byte[20_000];
            Random random = new Random(5);
            random.nextBytes(a);
            random.nextBytes(b);
            random.nextBytes(c);
            ws.sendInFrames(a, b, c);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(a);
            whole.writeBytes(b);
            whole.writeBytes(c);
            assertArrayEquals(whole.toByteArray(), (byte[]) ws.next());
            ws.sendInFrames("42[\"part one ", "é and ", "two\"]");
            assertEquals("42[\"part one é and two\"]", ws.next());
            byte[] after = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            ws.sendInFrames(after);
            assertArrayEquals(after, (byte[]) ws.next(), "a whole frame after the fragments");
        } finally {
            ws.close();
        }
    }

    /** Through the listener, though too small for its unmasking to be taken over. */
    @Test
    void aCloseFrameKeepsItsCodeAndReason() throws Exception {
        RawWebSocket ws = open();
        CLOSED.clear();
        ws.close(4321, "bye, é");
        assertEquals("4321 bye, é", CLOSED.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aSessionThatIsNotUndertowsIsLeftAlone() {
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> null);
        assertFalse(UndertowUnmask.install(session));
    }
}
