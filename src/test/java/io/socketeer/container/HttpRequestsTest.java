package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HttpRequests}: the query as the protocol reads it, and the strings a session keeps. */
class HttpRequestsTest {
    @Test
    void queryTakesTheFirstValueOfEachKeyDecoded() {
        assertEquals(Map.of("EIO", "4", "transport", "polling", "t", "a b", "x", "", "sid", "é"),
                HttpRequests.query("EIO=4&transport=polling&t=a+b&&x&sid=%C3%A9&EIO=3"));
        assertEquals(Map.of(), HttpRequests.query(null));
        assertEquals(Map.of("bad", "%zz"), HttpRequests.query("bad=%zz"));
    }

    @Test
    void commonKeysAndValuesAreKeptOnce() {
        Map<String, String> a = HttpRequests.query(new String("EIO=4&transport=websocket&name=x"));
        Map<String, String> b = HttpRequests.query(new String("EIO=4&transport=websocket&name=x"));
        String key = a.keySet().stream().filter("transport"::equals).findFirst().orElseThrow();
        assertSame(key, b.keySet().stream().filter("transport"::equals).findFirst().orElseThrow());
        assertSame(a.get("transport"), b.get("transport"));
        assertSame(a.get("EIO"), b.get("EIO"));
        assertEquals("x", a.get("name"));
    }

    @Test
    void headerNamesAreLowerCaseAndCommonOnesShared() {
        String name = HttpRequests.headerName(new String("Sec-WebSocket-Key"));
        assertEquals("sec-websocket-key", name);
        assertSame(name, HttpRequests.headerName("SEC-WEBSOCKET-KEY"));
        assertEquals("x-custom", HttpRequests.headerName("X-Custom"));
    }
}
