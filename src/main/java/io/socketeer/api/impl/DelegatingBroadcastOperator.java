package io.socketeer.api.impl;

import io.socketeer.api.Arguments;
import io.socketeer.api.BroadcastOperator;
import io.socketeer.api.RemoteSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A broadcast operator that is a namespace, a dynamic namespace or the server: every method applies
 * to {@link #all()}, the operator on all of its sockets.
 */
interface DelegatingBroadcastOperator extends BroadcastOperator {
    /** The operator on every socket. */
    BroadcastOperator all();

    @Override
    default BroadcastOperator to(String... rooms) {
        return all().to(rooms);
    }

    @Override
    default BroadcastOperator in(String... rooms) {
        return all().in(rooms);
    }

    @Override
    default BroadcastOperator to(Collection<String> rooms) {
        return all().to(rooms);
    }

    @Override
    default BroadcastOperator except(String... rooms) {
        return all().except(rooms);
    }

    @Override
    default BroadcastOperator local() {
        return all().local();
    }

    @Override
    default BroadcastOperator volatile_() {
        return all().volatile_();
    }

    @Override
    default BroadcastOperator compress(boolean compress) {
        return all().compress(compress);
    }

    @Override
    default BroadcastOperator timeout(Duration timeout) {
        return all().timeout(timeout);
    }

    @Override
    default void emit(String event, Object... args) {
        all().emit(event, args);
    }

    @Override
    default CompletionStage<List<Arguments>> emitWithAck(String event, Object... args) {
        return all().emitWithAck(event, args);
    }

    @Override
    default CompletionStage<List<RemoteSocket>> fetchSockets() {
        return all().fetchSockets();
    }

    @Override
    default void socketsJoin(String... rooms) {
        all().socketsJoin(rooms);
    }

    @Override
    default void socketsLeave(String... rooms) {
        all().socketsLeave(rooms);
    }

    @Override
    default void disconnectSockets(boolean close) {
        all().disconnectSockets(close);
    }
}
