package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.RemoteSocket;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** An immutable broadcast: rooms, except rooms and flags; every modifier copies. */
class BroadcastOperatorImpl implements BroadcastOperator {
    final BroadcastTarget nsp;
    final Set<String> rooms;
    final Set<String> except;
    final BroadcastFlags flags;

    BroadcastOperatorImpl(BroadcastTarget nsp, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        this.nsp = nsp;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    BroadcastOperatorImpl with(Set<String> newRooms, Set<String> newExcept, BroadcastFlags newFlags) {
        return new BroadcastOperatorImpl(nsp, newRooms, newExcept, newFlags);
    }

    private static Set<String> plus(Set<String> set, Collection<String> more) {
        Set<String> s = new HashSet<>(set);
        s.addAll(more);
        return Collections.unmodifiableSet(s);
    }

    @Override
    public BroadcastOperator to(String... more) {
        return to(Arrays.asList(more));
    }

    @Override
    public BroadcastOperator in(String... more) {
        return to(Arrays.asList(more));
    }

    @Override
    public BroadcastOperator to(Collection<String> more) {
        return with(plus(rooms, more), except, flags);
    }

    @Override
    public BroadcastOperator except(String... more) {
        return with(rooms, plus(except, Arrays.asList(more)), flags);
    }

    @Override
    public BroadcastOperator local() {
        return with(rooms, except, flags.withLocal());
    }

    @Override
    public BroadcastOperator volatile_() {
        return with(rooms, except, flags.withVolatile());
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return with(rooms, except, flags.withCompress(compress));
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return with(rooms, except, flags.withTimeout(timeout));
    }

    BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, flags);
    }

    @Override
    public void emit(String event, Object... args) {
        NamespaceImpl.checkEventName(event);
        nsp.adapter().broadcast(Packet.event(nsp.name(), event, Arrays.asList(args)), options());
    }

    @Override
    public CompletionStage<List<Arguments>> emitWithAck(String event, Object... args) {
        NamespaceImpl.checkEventName(event);
        if (flags.timeout() == null) {
            throw new IllegalStateException("a broadcast with acknowledgements needs timeout(Duration) first");
        }
        CompletableFuture<List<Arguments>> result = new CompletableFuture<>();
        List<Arguments> responses = Collections.synchronizedList(new ArrayList<>());
        int[] expected = {-1};
        Runnable check = () -> {
            synchronized (responses) {
                if (expected[0] >= 0 && responses.size() >= expected[0]) {
                    result.complete(List.copyOf(responses));
                }
            }
        };
        ScheduledFuture<?> timer = nsp.server().scheduler().schedule(() -> {
            synchronized (responses) {
                int expectedCount = Math.max(expected[0], 0);
                result.completeExceptionally(new AckTimeoutException("operation has timed out: "
                        + responses.size() + " of " + expectedCount + " clients answered", List.copyOf(responses)));
            }
        }, flags.timeout().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
        nsp.adapter().broadcastWithAck(Packet.event(nsp.name(), event, Arrays.asList(args)), options(),
                count -> {
                    synchronized (responses) {
                        expected[0] = Math.max(expected[0], 0) + count;
                    }
                    check.run();
                },
                answer -> {
                    responses.add(new ArgumentsImpl(answer, nsp.server().mapper()));
                    check.run();
                });
        return result;
    }

    @Override
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return nsp.adapter().fetchSockets(options()).thenApply(list -> {
            List<RemoteSocket> out = new ArrayList<>(list.size());
            for (var d : list) {
                out.add(new RemoteSocketImpl(nsp, d));
            }
            return Collections.unmodifiableList(out);
        });
    }

    @Override
    public void socketsJoin(String... more) {
        nsp.adapter().addSockets(options(), Set.of(more));
    }

    @Override
    public void socketsLeave(String... less) {
        nsp.adapter().delSockets(options(), Set.of(less));
    }

    @Override
    public void disconnectSockets(boolean close) {
        nsp.adapter().disconnectSockets(options(), close);
    }
}
