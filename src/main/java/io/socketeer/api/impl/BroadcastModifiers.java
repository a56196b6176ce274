package io.socketeer.api.impl;

import io.socketeer.adapter.BroadcastFlags;
import io.socketeer.api.BroadcastOperator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The immutable part of a broadcast operator: rooms, except rooms and flags, and the modifiers that
 * return a copy with one of them changed.
 */
abstract class BroadcastModifiers implements BroadcastOperator {
    final Set<String> rooms;
    final Set<String> except;
    final BroadcastFlags flags;

    BroadcastModifiers(Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    /** A copy of this operator with these rooms, except rooms and flags. */
    abstract BroadcastOperator with(Set<String> newRooms, Set<String> newExcept, BroadcastFlags newFlags);

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
}
