package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxiesTest {
    @SuppressWarnings("unchecked")
    private static List<String> proxyOf(List<String> original) {
        return (List<String>) Proxy.newProxyInstance(ProxiesTest.class.getClassLoader(), new Class<?>[] {List.class},
                (proxy, method, args) -> Proxies.objectMethodOrDelegate(proxy, method, args, original, "Test"));
    }

    @Test
    void passesCallsToTheOriginal() {
        List<String> original = new ArrayList<>();
        List<String> proxy = proxyOf(original);
        assertTrue(proxy.add("a"));
        proxy.add("b");
        assertEquals(List.of("a", "b"), original);
        assertEquals("b", proxy.get(1));
        assertEquals(2, proxy.size());
    }

    @Test
    void throwsWhatTheOriginalThrows() {
        List<String> proxy = proxyOf(new ArrayList<>());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> proxy.get(3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> proxyOf(List.of("x")).add("y"));
    }

    @Test
    void objectMethodsAreTheProxysOwn() {
        List<String> original = new ArrayList<>(List.of("a"));
        List<String> proxy = proxyOf(original);
        List<String> other = proxyOf(original);
        assertEquals(proxy, proxy);
        assertNotEquals(proxy, other, "identity, not the original's equals");
        assertNotEquals(proxy, original);
        assertEquals(System.identityHashCode(proxy), proxy.hashCode());
        assertEquals("Test[[a]]", proxy.toString());
        assertSame("a", proxy.get(0));
    }
}
