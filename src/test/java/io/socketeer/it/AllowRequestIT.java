package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests refused before any session exists, over raw HTTP: an {@code Origin} that
 * {@code socketeer.cors.origin} does not list (403 {@code {"code":4,"message":"Origin not allowed"}},
 * a WebSocket upgrade 400 with the message, as the reference server answers refused upgrades), and
 * an {@code @OnAllowRequest} observer's refusal (its message in the same shapes; an observer that
 * fails refuses too). Listed origins, the server's own origin and requests without {@code Origin}
 * (clients other than browsers) pass. A WebSocket client connected all along keeps being served.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AllowRequestIT {
    private static final String ALLOWED = "https://app.example.com";
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withOptions("allow-request.war", Map.of("cors.origin", ALLOWED), AllowRequestHandlers.class);
    }

    @ArquillianResource
    URL base;

    private RawWebSocket bystander;
    private int echoes;

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = RawWebSocket.open(Endpoints.of(base).ws("EIO=4&transport=websocket"));
        assertTrue(bystander.nextText().startsWith("0{"));
        bystander.send("40");
        assertTrue(bystander.nextText().startsWith("40{\"sid\":"));
        assertBystanderServed();
    }

    @AfterEach
    void closeBystander() throws Exception {
        assertBystanderServed();
        bystander.close();
    }

    private void assertBystanderServed() throws Exception {
        int id = ++echoes;
        bystander.send("42" + id + "[\"echo\"," + id + "]");
        assertEquals("43" + id + "[" + id + "]", bystander.nextStartingWith("43" + id + "["));
    }

    private String path() {
        return Endpoints.of(base).path();
    }

    private String host() {
        return "127.0.0.1:" + base.getPort();
    }

    private String polling(String query, String origin) throws Exception {
        return HandshakeErrorsIT.rawHttp(base.getPort(), "GET " + path() + "/?EIO=4&transport=polling" + query
                + " HTTP/1.1\r\nHost: " + host() + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    private String upgrade(String query, String origin) throws Exception {
        return HandshakeErrorsIT.rawHttp(base.getPort(), "GET " + path() + "/?EIO=4&transport=websocket" + query
                + " HTTP/1.1\r\nHost: " + host() + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    }

    private static int status(String response) {
        Matcher m = STATUS.matcher(response);
        assertTrue(m.find(), response);
        return Integer.parseInt(m.group(1));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void anOriginTheCorsOptionDoesNotListIsRefused() throws Exception {
        String polling = polling("", "https://evil.example.net");
        assertEquals(403, status(polling), polling);
        assertEquals("{\"code\":4,\"message\":\"Origin not allowed\"}", body(polling));
        assertTrue(!polling.toLowerCase().contains("access-control-allow-origin"), polling);

        String upgrade = upgrade("", "https://evil.example.net");
        assertEquals(400, status(upgrade), upgrade);
        assertEquals("Origin not allowed", body(upgrade));
    }

    @Test
    void listedOriginsTheServersOwnAndNoOriginPass() throws Exception {
        String listed = polling("", ALLOWED);
        assertEquals(200, status(listed), listed);
        assertTrue(body(listed).startsWith("0{\"sid\":"), listed);
        assertTrue(listed.contains("Access-Control-Allow-Origin: " + ALLOWED), listed);

        String own = polling("", "http://" + host());
        assertEquals(200, status(own), own);
        String none = polling("", null);
        assertEquals(200, status(none), none);

        assertEquals(101, status(upgrade("", ALLOWED)));
        assertEquals(101, status(upgrade("", null)));
    }

    @Test
    void anAllowRequestObserverRefusesWithItsMessage() throws Exception {
        String polling = polling("&token=bad", ALLOWED);
        assertEquals(403, status(polling), polling);
        assertEquals("{\"code\":4,\"message\":\"invalid token\"}", body(polling));

        String upgrade = upgrade("&token=bad", null);
        assertEquals(400, status(upgrade), upgrade);
        assertEquals("invalid token", body(upgrade));

        String good = polling("&token=good", null);
        assertEquals(200, status(good), good);
        assertTrue(body(good).startsWith("0{\"sid\":"), good);
    }

    @Test
    void anAllowRequestObserverThatFailsRefuses() throws Exception {
        String polling = polling("&token=boom", null);
        assertEquals(403, status(polling), polling);
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", body(polling));
    }
}
