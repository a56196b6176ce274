package io.socketeer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.parser.Json;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        return Deployments.conformance(CdiFeatureHandlers.class);
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
    void webSocketHandlersGetARequestContextOfTheirOwnWhileLongPollingGetsAreHeld() throws Exception {
        // A container thread that took a held (async) polling GET must not lend that request's
        // context to the WebSocket handlers it runs later (Tomcat + Weld: the request is recycled).
        Endpoints endpoints = Endpoints.of(base);
        List<RawWebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sockets.add(RawWebSocket.connected(endpoints));
        }
        Set<String> ids = new HashSet<>();
        int ack = 0;
        for (int round = 0; round < 5; round++) {
            List<RawPolling> polls = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                RawPolling p = RawPolling.open(endpoints);
                polls.add(p);
                held.add(p.getAsync());
            }
            Thread.sleep(100); // the GETs are held now, their threads back in the pool
            for (int n = 0; n < 2; n++) {
                ack++;
                for (RawWebSocket ws : sockets) {
                    ws.send("42" + ack + "[\"request-scoped\"]");
                }
                for (RawWebSocket ws : sockets) {
                    String answer = ws.nextStartingWith("43" + ack + "[");
                    ids.add((String) ((List<?>) Json.parse(answer.substring(2 + String.valueOf(ack).length()))).get(0));
                }
            }
            for (RawPolling p : polls) {
                p.post("1");
            }
            for (CompletableFuture<HttpResponse<String>> get : held) {
                get.get(5, TimeUnit.SECONDS);
            }
        }
        for (RawWebSocket ws : sockets) {
            ws.close();
        }
        assertEquals(5 * 2 * 6, ids.size(), "one request context per event");
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
    void aCatchAllObserverSeesEveryEvent() throws Exception {
        RawWebSocket ws = RawWebSocket.connected(Endpoints.of(base));
        ws.send("42[\"message\",1]");
        ws.nextStartingWith("42[\"message-back\"");
        ws.send("42[\"whatever\"]");
        ws.send("426[\"seen\"]");
        assertEquals("436[[\"message\",\"whatever\",\"seen\"]]", ws.nextStartingWith("436["));
        ws.close();
    }

    @Test
    void observersOfARegexNamespaceSeeEveryChild() throws Exception {
        RawWebSocket ws = RawWebSocket.open(Endpoints.of(base).ws("EIO=4&transport=websocket"));
        ws.nextText();
        ws.send("40/team-42,");
        assertTrue(ws.nextText().startsWith("40/team-42,{\"sid\":\""));
        assertEquals("42/team-42,[\"team-welcome\",\"/team-42\",true]", ws.nextText());
        ws.send("42/team-42,7[\"where\"]");
        assertEquals("43/team-42,7[\"/team-42\"]", ws.nextStartingWith("43/team-42,7"));
        ws.send("40/team-x,");
        assertEquals("44/team-x,{\"message\":\"Invalid namespace\"}", ws.nextText());
        ws.send("40");
        ws.nextStartingWith("40{");
        ws.send("428[\"namespaces-seen\"]");
        String seen = ws.nextStartingWith("438[");
        assertTrue(seen.contains("\"/team-42\"") && seen.contains("\"/\""), seen);
        assertTrue(!seen.contains("team-x"), seen);
        ws.close();
    }

    @Test
    void disconnectingObserversStillSeeTheRooms() throws Exception {
        RawWebSocket leaver = RawWebSocket.connected(Endpoints.of(base));
        leaver.send("421[\"join-room\",\"r-leaving\"]");
        leaver.nextStartingWith("431[");
        String id = socketId(leaver);
        leaver.send("41");
        RawWebSocket observer = RawWebSocket.connected(Endpoints.of(base));
        Thread.sleep(100);
        observer.send("422[\"left-rooms\",\"" + id + "\"]");
        String rooms = observer.nextStartingWith("432[");
        assertTrue(rooms.contains("\"r-leaving\"") && rooms.contains("\"" + id + "\""), rooms);
        leaver.close();
        observer.close();
    }

    @Test
    void packetMiddlewareAndListenersRegisteredInCode() throws Exception {
        RawWebSocket ws = RawWebSocket.open(Endpoints.of(base).ws("EIO=4&transport=websocket"));
        ws.nextText();
        ws.send("40/strict,");
        assertTrue(ws.nextText().startsWith("40/strict,{\"sid\""));
        ws.send("42/strict,1[\"forbidden-thing\",1]");
        assertEquals("42/strict,[\"error\",{\"message\":\"unauthorized event\",\"data\":{\"event\":\"forbidden-thing\"}}]",
                ws.nextText());
        ws.send("42/strict,2[\"echo\",\"a\",{\"b\":1}]");
        assertEquals("43/strict,2[\"a\",{\"b\":1}]", ws.nextText());
        ws.send("42/strict,3[\"first\"]");
        assertEquals("43/strict,3[\"once\"]", ws.nextText());
        ws.send("42/strict,4[\"first\"]");
        ws.send("42/strict,5[\"echo\"]");
        assertEquals("43/strict,5[]", ws.nextText(), "once: the second 'first' got no answer");
        ws.close();
    }

    /** The socket id of a connection made by {@link RawWebSocket#connected}, asked from the server. */
    private static String socketId(RawWebSocket ws) throws Exception {
        ws.send("4291[\"join-room\",\"probe-id\"]");
        List<?> rooms = (List<?>) ((List<?>) Json.parse(ws.nextStartingWith("4391[").substring(4))).get(0);
        for (Object r : rooms) {
            if (!"probe-id".equals(r) && !"r-leaving".equals(r)) {
                return (String) r;
            }
        }
        throw new AssertionError("no socket id in " + rooms);
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
