package io.socketeer.adapter;

import java.util.Set;

/**
 * Who a broadcast or utility request is for: the sockets in any of {@code rooms} (every socket of
 * the namespace when empty), minus those in any of {@code except}.
 *
 * @param rooms  target rooms; empty for all sockets
 * @param except rooms whose sockets are left out (a socket id is a room too)
 * @param flags  modifiers
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, BroadcastFlags flags) {
    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }

    /** Every socket of the namespace. */
    public static BroadcastOptions all() {
        return new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE);
    }
}
