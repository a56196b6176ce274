package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.engineio.EngineOptions;
import io.socketeer.engineio.EngineServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a held GET is completed, and on which thread (the Payara race in the class comment). */
class ServletPollExchangeTest {
    /** A request/response pair of proxies that records what the exchange does with them. */
    private static final class FakeGet {
        final Map<String, Object> attributes = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final CompletableFuture<Thread> completedOn = new CompletableFuture<>();
        final CompletableFuture<Thread> startedFrom = new CompletableFuture<>();
        volatile long completedAt;
        final HttpServletRequest request;
        final HttpServletResponse response;

        FakeGet() {
            AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {AsyncContext.class}, (p, m, args) -> switch (m.getName()) {
                        case "complete" -> {
                            completedAt = System.nanoTime();
                            completedOn.complete(Thread.currentThread());
                            yield null;
                        }
                        case "start" -> {
                            startedFrom.complete(Thread.currentThread());
                            Thread t = new Thread((Runnable) args[0], "container-thread");
                            t.start();
                            yield null;
                        }
                        default -> null;
                    });
            request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                        case "startAsync" -> async;
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "isAsyncStarted" -> !completedOn.isDone();
                        default -> null;
                    });
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> switch (m.getName()) {
                        case "getOutputStream" -> out;
                        case "getHeader" -> "text/plain; charset=UTF-8";
                        default -> null;
                    });
        }
    }

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-timer"));
    private final EngineServer engine = new EngineServer(EngineOptions.defaults(), timers);

    @AfterEach
    void noGrace() {
        ServletPollExchange.completionGrace(Duration.ZERO);
        timers.shutdownNow();
    }

    @Test
    void anAnswerBeforeTheGetsThreadLeftIsWrittenByThatThreadAsItLeaves() throws Exception {
        FakeGet get = new FakeGet();
        ServletPollExchange exchange = new ServletPollExchange(get.request, get.response, engine);
        exchange.hold();
        Thread other = new Thread(() -> exchange.sendPayload("2"), "emitter");
        other.start();
        other.join();
        assertNull(get.completedOn.getNow(null), "not completed while the GET's thread is in the servlet");
        exchange.left();
        assertEquals(Thread.currentThread(), get.completedOn.getNow(null));
        assertEquals("2", get.body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerAfterTheGetsThreadLeftIsCompletedAtOnceWithoutGrace() throws Exception {
        FakeGet get = new FakeGet();
        ServletPollExchange exchange = new ServletPollExchange(get.request, get.response, engine);
        exchange.hold();
        exchange.left();
        Thread other = new Thread(() -> exchange.sendPayload("3"), "emitter");
        other.start();
        other.join();
        assertEquals(other, get.completedOn.getNow(null));
        assertEquals("3", get.body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withAGraceAnEarlyAnswerWaitsUntilItHasPassed() throws Exception {
        ServletPollExchange.completionGrace(Duration.ofMillis(200));
        FakeGet get = new FakeGet();
        ServletPollExchange exchange = new ServletPollExchange(get.request, get.response, engine);
        exchange.hold();
        exchange.left();
        long leftAt = System.nanoTime();
        exchange.sendPayload("3");
        Thread on = get.completedOn.get(5, TimeUnit.SECONDS);
        assertEquals("container-thread", on.getName(), "completed through AsyncContext.start");
        assertEquals("engine-timer", get.startedFrom.getNow(null).getName(),
                "the grace waits on the engine's timer thread, not on a thread of its own");
        assertTrue(get.completedAt - leftAt >= TimeUnit.MILLISECONDS.toNanos(200),
                "not before the grace has passed: " + (get.completedAt - leftAt) / 1_000_000 + " ms");
        assertEquals("3", get.body.toString(StandardCharsets.UTF_8));
    }
}
