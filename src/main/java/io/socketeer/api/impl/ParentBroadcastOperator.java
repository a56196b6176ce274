package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.RemoteSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** A broadcast on a dynamic namespace: the same operation on each child. Immutable. */
final class ParentBroadcastOperator extends BroadcastModifiers {
    private final ParentNamespaceImpl parent;

    ParentBroadcastOperator(ParentNamespaceImpl parent, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        super(rooms, except, flags);
        this.parent = parent;
    }

    private List<BroadcastOperatorImpl> perChild() {
        List<BroadcastOperatorImpl> ops = new ArrayList<>();
        for (NamespaceImpl child : parent.childrenImpl()) {
            ops.add(new BroadcastOperatorImpl(child, rooms, except, flags));
        }
        return ops;
    }

    @Override
    ParentBroadcastOperator with(Set<String> r, Set<String> e, BroadcastFlags f) {
        return new ParentBroadcastOperator(parent, r, e, f);
    }

    @Override
    public void emit(String event, Object... args) {
        NamespaceImpl.checkEventName(event);
        for (BroadcastOperatorImpl op : perChild()) {
            op.emit(event, args);
        }
    }

    /** One answer per socket of every child; on timeout, the answers of all children that came. */
    @Override
    public CompletionStage<List<Arguments>> emitWithAck(String event, Object... args) {
        NamespaceImpl.checkEventName(event);
        if (flags.timeout() == null) {
            throw new IllegalStateException("a broadcast with acknowledgements needs timeout(Duration) first");
        }
        List<CompletableFuture<List<Arguments>>> parts = new ArrayList<>();
        for (BroadcastOperatorImpl op : perChild()) {
            parts.add(op.emitWithAck(event, args).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).handle((v, e) -> {
            List<Arguments> answers = new ArrayList<>();
            boolean timedOut = false;
            for (CompletableFuture<List<Arguments>> p : parts) {
                if (p.isCompletedExceptionally()) {
                    timedOut = true;
                    try {
                        p.join();
                    } catch (CompletionException ex) {
                        if (ex.getCause() instanceof AckTimeoutException t) {
                            answers.addAll(t.responses());
                        }
                    }
                } else {
                    answers.addAll(p.join());
                }
            }
            if (timedOut) {
                throw new AckTimeoutException("operation has timed out: " + answers.size()
                        + " clients answered", answers);
            }
            return List.copyOf(answers);
        });
    }

    @Override
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        List<CompletableFuture<List<RemoteSocket>>> parts = new ArrayList<>();
        for (BroadcastOperatorImpl op : perChild()) {
            parts.add(op.fetchSockets().toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<RemoteSocket> all = new ArrayList<>();
            for (CompletableFuture<List<RemoteSocket>> p : parts) {
                all.addAll(p.join());
            }
            return List.copyOf(all);
        });
    }

    @Override
    public void socketsJoin(String... more) {
        perChild().forEach(op -> op.socketsJoin(more));
    }

    @Override
    public void socketsLeave(String... less) {
        perChild().forEach(op -> op.socketsLeave(less));
    }

    @Override
    public void disconnectSockets(boolean close) {
        perChild().forEach(op -> op.disconnectSockets(close));
    }
}
