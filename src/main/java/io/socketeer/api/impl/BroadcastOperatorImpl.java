package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.adapter.BroadcastOptions;
import io.socketeer.api.AckTimeoutException;
import io.socketeer.api.Arguments;
import io.socketeer.api.RemoteSocket;
import io.socketeer.parser.Packet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** An immutable broadcast on one namespace: rooms, except rooms and flags; every modifier copies. */
class BroadcastOperatorImpl extends BroadcastModifiers {
    final BroadcastTarget nsp;

    BroadcastOperatorImpl(BroadcastTarget nsp, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        super(rooms, except, flags);
        this.nsp = nsp;
    }

    @Override
    BroadcastOperatorImpl with(Set<String> newRooms, Set<String> newExcept, BroadcastFlags newFlags) {
        return new BroadcastOperatorImpl(nsp, newRooms, newExcept, newFlags);
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
        // as the reference server: done when every node has said how many clients it sent to
        // (servers[0] of servers[1]) and that many answers came
        int[] expected = {0};
        int[] servers = {0, -1};
        Runnable check = () -> {
            synchronized (responses) {
                if (servers[1] >= 0 && servers[0] >= servers[1] && responses.size() >= expected[0]) {
                    result.complete(List.copyOf(responses));
                }
            }
        };
        ScheduledFuture<?> timer = nsp.server().scheduler().schedule(() -> {
            synchronized (responses) {
                nsp.server().ackTimedOut();
                result.completeExceptionally(new AckTimeoutException("operation has timed out: "
                        + responses.size() + " of " + expected[0] + " clients answered", List.copyOf(responses)));
            }
        }, flags.timeout().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
        nsp.adapter().broadcastWithAck(Packet.event(nsp.name(), event, Arrays.asList(args)), options(),
                count -> {
                    synchronized (responses) {
                        expected[0] += count;
                        servers[0]++;
                    }
                    check.run();
                },
                answer -> {
                    responses.add(new ArgumentsImpl(answer, nsp.server().mapper()));
                    check.run();
                });
        CompletionStage<Integer> serverCount = flags.local() ? CompletableFuture.completedFuture(1)
                : nsp.adapter().serverCount();
        serverCount.exceptionally(e -> 1).thenAccept(n -> {
            synchronized (responses) {
                servers[1] = n;
            }
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
