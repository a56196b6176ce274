package io.socketeer.adapter;

import io.socketeer.engineio.EnginePacket;
import io.socketeer.parser.Packet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Rooms kept in memory on this node: room to socket ids and socket id to rooms. A broadcast is
 * encoded once and the same frames are handed to every recipient. Thread-safe: rooms are updated
 * with atomic per-key operations, and an empty room disappears.
 */
public class InMemoryAdapter implements Adapter {
    protected final AdapterHost nsp;
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();

    public InMemoryAdapter(AdapterHost nsp) {
        this.nsp = nsp;
    }

    @Override
    public void addAll(String socketId, Set<String> newRooms) {
        // both sets start with a table of 2, not 16: a socket is in one or two rooms, and most rooms
        // are a socket's own, with one member
        Set<String> mine = sids.computeIfAbsent(socketId, k -> ConcurrentHashMap.newKeySet(1));
        for (String room : newRooms) {
            if (mine.add(room)) {
                boolean[] created = {false};
                rooms.compute(room, (k, members) -> {
                    Set<String> m = members;
                    if (m == null) {
                        m = ConcurrentHashMap.newKeySet(1);
                        created[0] = true;
                    }
                    m.add(socketId);
                    return m;
                });
                if (created[0]) {
                    roomCreated(room);
                }
                nsp.roomJoined(room, socketId);
            }
        }
    }

    /**
     * A room got its first local socket (a socket's own room included). Called after the change, on
     * the thread that made it; for a cluster adapter that listens per room.
     */
    protected void roomCreated(String room) {
    }

    /** A room lost its last local socket. */
    protected void roomDeleted(String room) {
    }

    /** Whether a room is some local socket's own room (named by its id). */
    protected boolean isSocketRoom(String room) {
        return sids.containsKey(room);
    }

    @Override
    public void del(String socketId, String room) {
        Set<String> mine = sids.get(socketId);
        if (mine != null && mine.remove(room)) {
            removeFromRoom(room, socketId);
            nsp.roomLeft(room, socketId);
        } else {
            removeFromRoom(room, socketId);
        }
    }

    @Override
    public void delAll(String socketId) {
        Set<String> mine = sids.remove(socketId);
        if (mine == null) {
            return;
        }
        for (String room : mine) {
            removeFromRoom(room, socketId);
            nsp.roomLeft(room, socketId);
        }
    }

    private void removeFromRoom(String room, String socketId) {
        boolean[] deleted = {false};
        rooms.computeIfPresent(room, (k, members) -> {
            members.remove(socketId);
            deleted[0] = members.isEmpty();
            return deleted[0] ? null : members;
        });
        if (deleted[0]) {
            roomDeleted(room);
        }
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        Set<String> mine = sids.get(socketId);
        return mine == null ? Set.of() : Set.copyOf(mine);
    }

    @Override
    public Set<String> sockets(Set<String> inRooms) {
        Set<String> ids = new HashSet<>();
        forEachTarget(new BroadcastOptions(inRooms, Set.of(), BroadcastFlags.NONE), s -> ids.add(s.id()));
        return ids;
    }

    /** Whether a local socket is in this room (a cluster adapter skips messages for other rooms). */
    protected boolean hasRoom(String room) {
        return rooms.containsKey(room);
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        List<EnginePacket> frames = nsp.encode(packet);
        BroadcastFlags flags = opts.flags();
        forEachTarget(opts, socket -> socket.deliver(packet, frames, flags));
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<List<Object>> ack) {
        long id = nsp.nextAckId();
        Packet withId = new Packet(packet.type(), packet.nsp(), id, packet.data());
        List<EnginePacket> frames = nsp.encode(withId);
        BroadcastFlags flags = opts.flags();
        int[] count = {0};
        forEachTarget(opts, socket -> {
            socket.expectAck(id, ack);
            socket.deliver(withId, frames, flags);
            count[0]++;
        });
        clientCount.accept(count[0]);
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> out = new ArrayList<>();
        forEachTarget(opts, s -> out.add(s.details()));
        return CompletableFuture.completedFuture(Collections.unmodifiableList(out));
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> newRooms) {
        List<String> ids = new ArrayList<>();
        forEachTarget(opts, s -> ids.add(s.id()));
        for (String id : ids) {
            addAll(id, newRooms);
        }
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> oldRooms) {
        List<String> ids = new ArrayList<>();
        forEachTarget(opts, s -> ids.add(s.id()));
        for (String id : ids) {
            for (String room : oldRooms) {
                del(id, room);
            }
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        List<LocalSocket> targets = new ArrayList<>();
        forEachTarget(opts, targets::add);
        for (LocalSocket s : targets) {
            s.disconnect(close);
        }
    }

    /**
     * Calls {@code action} once for each local socket the options select: in any of the rooms (or
     * all), not in any except room.
     */
    protected void forEachTarget(BroadcastOptions opts, Consumer<LocalSocket> action) {
        Set<String> except = exceptIds(opts.except());
        if (opts.rooms().isEmpty()) {
            for (String id : sids.keySet()) {
                if (!except.contains(id)) {
                    LocalSocket s = nsp.localSocket(id);
                    if (s != null) {
                        action.accept(s);
                    }
                }
            }
            return;
        }
        Set<String> seen = opts.rooms().size() > 1 ? new HashSet<>() : null;
        for (String room : opts.rooms()) {
            Set<String> members = rooms.get(room);
            if (members == null) {
                continue;
            }
            for (String id : members) {
                if (except.contains(id) || (seen != null && !seen.add(id))) {
                    continue;
                }
                LocalSocket s = nsp.localSocket(id);
                if (s != null) {
                    action.accept(s);
                }
            }
        }
    }

    private Set<String> exceptIds(Set<String> exceptRooms) {
        if (exceptRooms.isEmpty()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (String room : exceptRooms) {
            Set<String> members = rooms.get(room);
            if (members != null) {
                ids.addAll(members);
            }
        }
        return ids;
    }
}
