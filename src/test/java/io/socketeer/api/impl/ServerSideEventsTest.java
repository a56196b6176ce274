package io.socketeer.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketeer.adapter.AdapterHost;
import io.socketeer.adapter.InMemoryAdapter;
import io.socketeer.adapter.RequestTimeoutException;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.ServerSideEvent;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Events from other nodes (what a cluster adapter hands to its namespace) and their answers. */
class ServerSideEventsTest {
    private final List<String> seen = new ArrayList<>();
    private final Handlers handlers = new Handlers() {
        @Override
        public void serverSideEvent(ServerSideEvent event) {
            seen.add("observer " + event.event() + " " + event.args().list());
        }
    };

    /** A server whose namespaces' adapters fail serverSideEmitWithAck with a timeout after one answer. */
    private SocketIoServerImpl server() {
        EngineOptions engine = EngineOptions.builder().build();
        return new SocketIoServerImpl(new SocketIoOptions(engine, 2_000, Set.of(), 10), io.socketeer.engineio.Engines.scheduler(),
                handlers, ServerFixture.MAPPER, host -> new InMemoryAdapter(host) {
                    @Override
                    public CompletionStage<List<List<Object>>> serverSideEmitWithAck(List<Object> packet, Duration timeout) {
                        return CompletableFuture.failedFuture(new RequestTimeoutException(
                                "timeout reached: only 1 responses received out of 2", List.of(List.of("pong"))));
                    }
                });
    }

    @Test
    void listenersThenObserversGetTheEventAndOneAnswerGoesBack() {
        SocketIoServerImpl io = server();
        io.sockets().on("hello", ev -> {
            seen.add("listener " + ev.arg(0, String.class) + " " + ev.arg(1, Integer.class));
            assertTrue(ev.hasAck());
            ev.ack("first");
            ev.ack("second");
        });
        io.sockets().on("other", ev -> seen.add("wrong listener"));
        List<Object> answers = new ArrayList<>();
        ((AdapterHost) io.sockets()).onServerSideEmit(List.of("hello", "world", 2), answers::add);
        assertEquals(List.of("listener world 2", "observer hello [world, 2]"), seen);
        assertEquals(List.of("first"), answers, "one answer, as the reference server's callback");
    }

    @Test
    void withoutAnAnswerAskedForAckDoesNothing() {
        SocketIoServerImpl io = server();
        boolean[] hasAck = {true};
        io.sockets().on("note", ev -> {
            hasAck[0] = ev.hasAck();
            ev.ack("ignored");
        });
        ((AdapterHost) io.sockets()).onServerSideEmit(List.of("note"), null);
        assertFalse(hasAck[0]);
    }

    @Test
    void somethingThatIsNotAnEventIsIgnored() {
        SocketIoServerImpl io = server();
        ((AdapterHost) io.sockets()).onServerSideEmit(List.of(), null);
        ((AdapterHost) io.sockets()).onServerSideEmit(List.of(42, "x"), null);
        assertEquals(List.of(), seen);
    }

    @Test
    void aTimeoutOfTheOtherNodesIsAnAckTimeoutWithTheAnswersThatCame() {
        SocketIoServerImpl io = server();
        ExecutionException e = assertThrows(ExecutionException.class, () -> io.sockets()
                .serverSideEmitWithAck(Duration.ofSeconds(1), "ping").toCompletableFuture().get());
        AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, e.getCause());
        assertEquals(1, timeout.responses().size());
        assertEquals("pong", timeout.responses().get(0).get(0));
    }
}
