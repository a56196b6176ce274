package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.parser.Json;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Handlers as CDI observers: request scope, async observers, ordered middleware, failures. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CdiHandlersIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.conformance();
    }

    @ArquillianResource
    URL base;

    @Test
    void eachEventRunsInARequestContextOfItsOwn() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(Endpoints.of(base));
        ws.send("421[\"request-scoped\"]");
        String first = (String) ((List<?>) Json.parse(ws.nextStartingWith("431[").substring(3))).get(0);
        ws.send("422[\"request-scoped\"]");
        String second = (String) ((List<?>) Json.parse(ws.nextStartingWith("432[").substring(3))).get(0);
        assertEquals(36, first.length());
        assertNotEquals(first, second, "a new request context per event");
        ws.close();
    }

    @Test
    void asyncObserversAnswerFromAnotherThread() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(Endpoints.of(base));
        ws.send("423[\"async-echo\",\"x\"]");
        List<?> ack = (List<?>) Json.parse(ws.nextStartingWith("433[").substring(3));
        assertEquals("async", ack.get(0));
        assertEquals("x", ack.get(2));
        ws.close();
    }

    @Test
    void middlewareRunsInPriorityOrderAndPreparesTheSocket() throws Exception {
        RawWebSocket ws = RawWebSocket.open(Endpoints.of(base).ws("EIO=4&transport=websocket"));
        ws.nextText();
        ws.send("40/guarded,{\"token\":\"secret\"}");
        assertTrue(ws.nextText().startsWith("40/guarded,{\"sid\":\""));
        assertEquals("42/guarded,[\"welcome\",\"admin\",[\"first\",\"guard\"]]", ws.nextText());
        ws.close();
    }

    @Test
    void aHandlerFailureDoesNotEndTheSession() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(Endpoints.of(base));
        ws.send("42[\"throw\"]");
        ws.send("425[\"message-with-ack\",\"after\"]");
        assertEquals("435[\"after\"]", ws.nextStartingWith("435["));
        assertNull(ws.closeCode(100));
        ws.close();
    }
}
