package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handshake over HTTP, and the exact status and JSON body of every refused request. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HandshakeErrorsIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance();
    }

    @ArquillianResource
    URL base;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(Endpoints.of(base).http(query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pollingHandshakeOpensASession() throws Exception {
        HttpResponse<String> r = get("EIO=4&transport=polling");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; charset=UTF-8", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}"), r.body());
    }

    @Test
    void unsupportedProtocolVersion() throws Exception {
        HttpResponse<String> r = get("EIO=3&transport=polling");
        assertEquals(400, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", r.body());
    }
}
