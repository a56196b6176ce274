package io.socketeer.adapter;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What a cluster adapter waits for from the other nodes, by request id: the client counts and acks
 * of its broadcasts with acks (kept until their timeout), and the answers to its requests
 * (fetchSockets, allRooms, serverSideEmit with acks; failed with a {@link RequestTimeoutException}
 * after theirs). Shared by the cluster adapters whatever their protocol.
 */
public final class ClusterRequests {
    private final ScheduledExecutorService scheduler;
    private final Map<String, AckRequest> acks = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record AckRequest(IntConsumer clientCount, Consumer<List<Object>> ack) {
    }

    private record Pending(CompletableFuture<?> done, Consumer<Map<String, Object>> onAnswer) {
    }

    /** @param scheduler runs the timeouts */
    public ClusterRequests(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** A broadcast with acks was sent: its counts and acks are taken for {@code timeout}. */
    public void expectAcks(String requestId, IntConsumer clientCount, Consumer<List<Object>> ack, Duration timeout) {
        acks.put(requestId, new AckRequest(clientCount, ack));
        scheduler.schedule(() -> acks.remove(requestId), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this node sent the broadcast with acks {@code requestId} (and still takes its answers). */
    public boolean expectsAcks(String requestId) {
        return acks.containsKey(requestId);
    }

    /**
     * Passes an answer on: a client count or a client's ack (its one argument) of a broadcast with
     * acks, else an answer to a request. Answers to nothing this node waits for are dropped.
     */
    public void answer(String requestId, Map<String, Object> answer, boolean clientCount, boolean clientAck) {
        AckRequest ack = acks.get(requestId);
        if (ack != null) {
            if (clientCount && answer.get("clientCount") instanceof Number count) {
                ack.clientCount().accept(count.intValue());
            } else if (clientAck) {
                ack.ack().accept(Arrays.asList(answer.get("packet"))); // one argument per client, as in Node.js
            }
            return;
        }
        Pending p = pending.get(requestId);
        if (p != null) {
            p.onAnswer().accept(answer);
        }
    }

    /**
     * Waits for the answers to request {@code requestId}: {@code onAnswer} takes each and completes
     * {@code done}; after {@code timeout} it fails with a {@link RequestTimeoutException} holding
     * {@code answersSoFar}.
     */
    public <T> void await(String requestId, CompletableFuture<T> done, Consumer<Map<String, Object>> onAnswer,
                          Duration timeout, Supplier<String> timeoutMessage,
                          Supplier<List<List<Object>>> answersSoFar) {
        pending.put(requestId, new Pending(done, onAnswer));
        var timer = scheduler.schedule(
                () -> done.completeExceptionally(new RequestTimeoutException(timeoutMessage.get(), answersSoFar.get())),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((r, e) -> {
            pending.remove(requestId);
            timer.cancel(false);
        });
    }

    /** Forgets everything; with {@code fail}, the requests still waiting fail first. */
    public void clear(boolean fail) {
        if (fail) {
            for (Pending p : pending.values()) {
                p.done().completeExceptionally(new IllegalStateException("adapter closed"));
            }
        }
        pending.clear();
        acks.clear();
    }
}
