package io.socketeer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.Namespace;
import io.socketeer.api.Socket;
import io.socketeer.api.SocketIoServer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AdminStats without a container: JNDI has no managed scheduler here (as on Tomcat), so it runs
 * on a thread of its own, which {@code stop()} ends. The server is a stub that records emits.
 */
class AdminStatsTest {
    /** One recorded emit: namespace, event, arguments. Only volatile emits are recorded: any other fails. */
    record Emit(String nsp, String event, Object[] args) {
    }

    final BlockingQueue<Emit> emits = new LinkedBlockingQueue<>();
    final Map<String, Socket> admins = new ConcurrentHashMap<>();
    final AdminStats stats = new AdminStats();

    AdminStatsTest() {
        stats.io = stub(SocketIoServer.class, (name, args) -> switch (name) {
            case "of" -> namespace((String) args[0]);
            case "namespaces" -> Set.of("/", AdminNamespace.NAME);
            case "connectionCount" -> 3;
            case "fetchSockets" -> CompletableFuture.completedFuture(List.of());
            default -> throw new UnsupportedOperationException(name);
        });
        stats.config = new DemoConfig() {
            @Override
            public long statsIntervalSeconds() {
                return 1;
            }
        };
    }

    @AfterEach
    void stop() {
        stats.stop();
    }

    @Test
    void emitsVolatileStatsToAdminOnItsOwnThreadAndStopsIt() throws Exception {
        admins.put("a1", stub(Socket.class, (name, args) -> {
            throw new UnsupportedOperationException(name);
        }));
        stats.start(new Object());
        assertTrue(threadAlive(), "a thread of its own when JNDI has no managed scheduler");

        Emit emit = emits.poll(5, TimeUnit.SECONDS);
        assertNotNull(emit, "no stats within 5 s at an interval of 1 s");
        assertEquals(AdminNamespace.NAME, emit.nsp());
        assertEquals(AdminStats.EVENT, emit.event());
        AdminStats.Stats s = (AdminStats.Stats) emit.args()[0];
        assertEquals(1, s.interval());
        assertEquals(3, s.connections());
        assertEquals(Map.of("/", 0, AdminNamespace.NAME, 1), s.sockets());
        assertEquals(List.of(Map.of("name", ChatRooms.LOBBY, "users", 0)), s.rooms());
        assertTrue(Math.abs(System.currentTimeMillis() - s.time()) < 5_000, String.valueOf(s.time()));

        stats.stop();
        for (int i = 0; i < 100 && threadAlive(); i++) {
            Thread.sleep(20);
        }
        assertFalse(threadAlive(), "stop() ends its thread");
    }

    @Test
    void sendsNothingWhileNoAdminIsConnected() {
        stats.tick(1);
        assertTrue(emits.isEmpty(), emits.toString());
    }

    private Namespace namespace(String nsp) {
        return stub(Namespace.class, (name, args) -> switch (name) {
            case "sockets" -> AdminNamespace.NAME.equals(nsp) ? admins : Map.of();
            case "volatile_" -> operator(nsp);        // a plain emit() would throw: volatile is required
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private BroadcastOperator operator(String nsp) {
        return stub(BroadcastOperator.class, (name, args) -> {
            if (!name.equals("emit")) {
                throw new UnsupportedOperationException(name);
            }
            emits.add(new Emit(nsp, (String) args[0], (Object[]) args[1]));
            return null;
        });
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("socketeer-demo-stats") && t.isAlive());
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return type.getSimpleName() + " stub";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return answer.answer(method.getName(), args == null ? new Object[0] : args);
            }
        });
    }
}
