package io.socketeer.it.eio3;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientKind;
import io.socketeer.it.client.ConnectError;
import io.socketeer.it.client.Received;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Socket.IO v2 clients ({@code allowEIO3}): the official socket.io-client 2.5.0 on Node.js and
 * {@code io.socket:socket.io-client} 1.0.2 in Java, over long-polling, WebSocket and the upgrade,
 * next to socket.io-client 4.8.1 and the Java client 2.1.2 in the same room. Their pings keep them
 * connected (pingInterval 300 ms, pingTimeout 1000 ms here); binary travels both ways in v3's
 * framing; a namespace's query is its auth payload; the socket ids are the ones the v2 clients
 * compute themselves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class Eio3IT {
    private static final String UPGRADE = "polling,websocket";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withOptions("eio3.war", Map.of("allowEIO3", "true", "pingInterval", "300",
                "pingTimeout", "1000"), Eio3Handlers.class);
    }

    @ArquillianResource
    URL base;

    private final String tag = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    /** The Socket.IO v2 clients over each way to connect. */
    static Stream<Object[]> legacyClients() {
        return Stream.of(new Object[] {ClientKind.NODE_V2, "polling"}, new Object[] {ClientKind.NODE_V2, "websocket"},
                new Object[] {ClientKind.NODE_V2, UPGRADE}, new Object[] {ClientKind.JAVA_V1, "polling"},
                new Object[] {ClientKind.JAVA_V1, "websocket"}, new Object[] {ClientKind.JAVA_V1, UPGRADE});
    }

    private TestClient connect(ClientKind kind, String transport, String nsp, Map<String, String> auth) {
        return TestClients.connect(kind, transport, Endpoints.of(base), nsp, auth);
    }

    private TestClient connect(ClientKind kind, String transport) {
        return connect(kind, transport, "/", Map.of());
    }

    @Test
    void v2AndV4ClientsShareARoom() {
        String room = "room-" + tag;
        List<TestClient> clients = new ArrayList<>();
        legacyClients().forEach(a -> clients.add(connect((ClientKind) a[0], (String) a[1])));
        clients.add(connect(ClientKind.NODE, "websocket"));
        clients.add(connect(ClientKind.JAVA, "polling"));
        for (TestClient c : clients) {
            c.emitWithAck("join", room);
        }
        Set<String> texts = new LinkedHashSet<>();
        for (TestClient c : clients) {
            String text = "hello from " + c.kind() + " " + c.transport();
            texts.add(text);
            c.emitWithAck("say", room, text);
        }
        for (TestClient c : clients) {
            Set<String> got = new LinkedHashSet<>();
            for (int i = 0; i < clients.size(); i++) {
                got.add((String) c.next("said").get(0));
            }
            assertEquals(texts, got, c + " in " + room);
            c.assertNothing("said");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("legacyClients")
    void theSocketIdIsTheOneTheV2ClientComputes(ClientKind kind, String transport) {
        TestClient c = connect(kind, transport);
        List<Object> me = c.emitWithAck("whoami");
        assertEquals(c.id(), me.get(0), "the server's id of " + c);
        String expectedTransport = UPGRADE.equals(transport) ? null : transport;
        if (expectedTransport != null) {
            assertEquals(expectedTransport, me.get(1));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("legacyClients")
    void binaryTravelsBothWays(ClientKind kind, String transport) {
        TestClient c = connect(kind, transport);
        byte[] small = {0, 1, 2, (byte) 255};
        byte[] large = new byte[70_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        List<Object> args = List.of("bin", small, Map.of("nested", large, "n", 42));
        assertJsonEquals(args, c.emitWithAck("echo", args.toArray()));
        c.emitWithAck("echo-event", args.toArray());
        assertJsonEquals(args, c.next("echoed"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("legacyClients")
    void aNamespaceQueryIsTheAuthPayload(ClientKind kind, String transport) {
        ConnectError refused = assertThrows(ConnectError.class,
                () -> connect(kind, transport, Eio3Handlers.PRIVATE, Map.of("token", "wrong")));
        assertEquals("not authorized", refused.getMessage());
        TestClient c = connect(kind, transport, Eio3Handlers.PRIVATE, Map.of("token", Eio3Handlers.TOKEN));
        List<Object> me = c.emitWithAck("whoami");
        assertEquals(c.id(), me.get(0));
        assertTrue(((String) me.get(0)).startsWith(Eio3Handlers.PRIVATE + "#"), "v2 socket id " + me.get(0));
        assertJsonEquals(Map.of("token", Eio3Handlers.TOKEN), me.get(2));
    }

    /** Several heartbeats (pingInterval + pingTimeout is 1.3 s here) go by; the clients stay. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("legacyClients")
    void theClientsPingsKeepItConnected(ClientKind kind, String transport) throws Exception {
        TestClient c = connect(kind, transport);
        Thread.sleep(3_000);
        assertTrue(c.connected(), () -> c + " disconnected: connection closed " + c.connectionClosed() + ", "
                + c.connectionCloseReason() + "; " + c.disconnectReason());
        c.sync();
    }

    @Test
    void aServerDisconnectReachesAV2Client() {
        TestClient c = connect(ClientKind.NODE_V2, UPGRADE);
        c.emitWithAck("kick");
        assertEquals("io server disconnect", c.disconnectReason());
    }

    /**
     * The bytes on the wire, by hand over HTTP: the handshake answers a length-prefixed payload with
     * the main namespace's CONNECT, a binary POST (as socket.io-client 2.x over XHR sends a binary
     * event) is read, and the binary answer comes back as a binary payload.
     */
    @Test
    void longPollingPayloadsAreFramedAsInEngineIoV3() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Endpoints e = Endpoints.of(base);
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(e.http("EIO=3&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, open.statusCode());
        Matcher m = Pattern.compile("^(\\d+):(0\\{\"sid\":\"([^\"]+)\".*\\})2:40$").matcher(open.body());
        assertTrue(m.matches(), open.body());
        assertEquals(Integer.parseInt(m.group(1)), m.group(2).length());
        String sid = m.group(3);
        // 451-["echo",{"_placeholder":true,"num":0}] with ack id 7, then its attachment [9, 8, 7]
        byte[] body = concat(record(0, "451-7[\"echo\",{\"_placeholder\":true,\"num\":0}]".getBytes(StandardCharsets.UTF_8)),
                record(1, new byte[] {4, 9, 8, 7}));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(e.http("EIO=3&transport=polling&sid=" + sid))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, post.statusCode(), post.body());
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(e.http("EIO=3&transport=polling&sid=" + sid))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        assertEquals("application/octet-stream", answer.headers().firstValue("Content-Type").orElse(""));
        byte[] expected = concat(record(0, "461-7[{\"_placeholder\":true,\"num\":0}]".getBytes(StandardCharsets.UTF_8)),
                record(1, new byte[] {4, 9, 8, 7}));
        assertEquals(HexFormat.of().formatHex(expected),
                HexFormat.of().formatHex(answer.body()));
    }

    /** One record of a v3 binary payload: 0 (text) or 1 (binary), the length's digits as bytes, 255, the data. */
    private static byte[] record(int kind, byte[] data) {
        String digits = Integer.toString(data.length);
        byte[] r = new byte[digits.length() + 2 + data.length];
        r[0] = (byte) kind;
        for (int i = 0; i < digits.length(); i++) {
            r[i + 1] = (byte) (digits.charAt(i) - '0');
        }
        r[digits.length() + 1] = (byte) 255;
        System.arraycopy(data, 0, r, digits.length() + 2, data.length);
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
