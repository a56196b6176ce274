package io.socketeer.it.cluster;

import io.socketeer.api.Arguments;
import io.socketeer.api.EventContext;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.ServerSideEvent;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
import io.socketeer.cdi.OnServerSideEmit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespace {@code /cluster} of each Socketeer node of {@link ClusterIT}; src/test/node/cluster-node.js
 * answers the same events on the Node.js node, so a test can drive any node through a client
 * connected to it.
 */
@ApplicationScoped
public class ClusterHandlers {
    static final String NSP = "/cluster";

    @Inject
    SocketIoServer io;

    void sync(@Observes @OnEvent(value = "sync", namespace = NSP) EventContext ev) {
        ev.ack();
    }

    /** {@code whoami()}: "socketeer" (src/test/node/sticky-node.js answers "node"). */
    void whoami(@Observes @OnEvent(value = "whoami", namespace = NSP) EventContext ev) {
        ev.ack("socketeer");
    }

    /** {@code set(key, value)}: puts into the socket's data. */
    void set(@Observes @OnEvent(value = "set", namespace = NSP) EventContext ev) {
        ev.socket().data().put(ev.arg(0, String.class), ev.arg(1));
        ev.ack();
    }

    /** {@code state()}: {id, recovered, rooms (sorted), data} of the socket. */
    void state(@Observes @OnEvent(value = "state", namespace = NSP) EventContext ev) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", ev.socket().id());
        out.put("recovered", ev.socket().recovered());
        out.put("rooms", new java.util.TreeSet<>(ev.socket().rooms()).stream().toList());
        out.put("data", java.util.Map.copyOf(ev.socket().data()));
        ev.ack(out);
    }

    /** {@code join(room)}. */
    void join(@Observes @OnEvent(value = "join", namespace = NSP) EventContext ev) {
        ev.socket().join(ev.arg(0, String.class));
        ev.ack();
    }

    /** {@code shout(room, ...args)}: {@code news} with the arguments, to the room on every node. */
    void shout(@Observes @OnEvent(value = "shout", namespace = NSP) EventContext ev) {
        List<Object> args = ev.args().list();
        io.of(NSP).to(ev.arg(0, String.class)).emit("news", args.subList(1, args.size()).toArray());
        ev.ack();
    }

    /** {@code fetch(room)}: the ids of the sockets in the room on every node, sorted. */
    void fetch(@Observes @OnEvent(value = "fetch", namespace = NSP) EventContext ev) {
        io.of(NSP).in(ev.arg(0, String.class)).fetchSockets().whenComplete((sockets, error) -> {
            if (error != null) {
                ev.ack("failed: " + error);
                return;
            }
            List<String> ids = new ArrayList<>();
            for (RemoteSocket s : sockets) {
                ids.add(s.id());
            }
            ids.sort(null);
            ev.ack(ids);
        });
    }

    /** {@code sockets-join(room, newRoom)}. */
    void socketsJoin(@Observes @OnEvent(value = "sockets-join", namespace = NSP) EventContext ev) {
        io.of(NSP).in(ev.arg(0, String.class)).socketsJoin(ev.arg(1, String.class));
        ev.ack();
    }

    /** {@code sockets-leave(room, oldRoom)}. */
    void socketsLeave(@Observes @OnEvent(value = "sockets-leave", namespace = NSP) EventContext ev) {
        io.of(NSP).in(ev.arg(0, String.class)).socketsLeave(ev.arg(1, String.class));
        ev.ack();
    }

    /** {@code tell(room, text)}: fetchSockets, then {@code told(text)} to each socket found, one by one. */
    void tell(@Observes @OnEvent(value = "tell", namespace = NSP) EventContext ev) {
        String text = ev.arg(1, String.class);
        io.of(NSP).in(ev.arg(0, String.class)).fetchSockets().whenComplete((sockets, error) -> {
            if (error != null) {
                ev.ack("failed: " + error);
                return;
            }
            for (RemoteSocket s : sockets) {
                s.emit("told", text);
            }
            ev.ack(sockets.size());
        });
    }

    /** {@code disconnect-room(room)}: disconnects (and closes) the sockets of the room on every node. */
    void disconnectRoom(@Observes @OnEvent(value = "disconnect-room", namespace = NSP) EventContext ev) {
        io.of(NSP).in(ev.arg(0, String.class)).disconnectSockets(true);
        ev.ack();
    }

    /** {@code ask(room)}: {@code question} with acks to the room on every node; acks the answers, sorted. */
    void ask(@Observes @OnEvent(value = "ask", namespace = NSP) EventContext ev) {
        io.of(NSP).to(ev.arg(0, String.class)).timeout(Duration.ofSeconds(3)).emitWithAck("question")
                .whenComplete((answers, error) -> ackFirstArguments(ev, answers, error));
    }

    /** The last {@code note} another node sent with serverSideEmit (without acks). */
    private volatile String lastNote = "none";

    /** {@code hello(text)} from another node (with acks): answers {@code java got <text>}. */
    void hello(@Observes @OnServerSideEmit(value = "hello", namespace = NSP) ServerSideEvent ev) {
        ev.ack("java got " + ev.arg(0, String.class));
    }

    void note(@Observes @OnServerSideEmit(value = "note", namespace = NSP) ServerSideEvent ev) {
        lastNote = ev.arg(0, String.class) + (ev.hasAck() ? " (ack asked)" : "");
    }

    /** {@code say-hello(text)}: serverSideEmitWithAck to the other nodes; acks their answers, sorted. */
    void sayHello(@Observes @OnEvent(value = "say-hello", namespace = NSP) EventContext ev) {
        io.of(NSP).serverSideEmitWithAck(Duration.ofSeconds(3), "hello", ev.arg(0, String.class))
                .whenComplete((answers, error) -> ackFirstArguments(ev, answers, error));
    }

    /** {@code send-note(text)}: serverSideEmit without acks. */
    void sendNote(@Observes @OnEvent(value = "send-note", namespace = NSP) EventContext ev) {
        io.of(NSP).serverSideEmit("note", ev.arg(0, String.class));
        ev.ack();
    }

    /** {@code last-note()}: the last note this node received. */
    void lastNote(@Observes @OnEvent(value = "last-note", namespace = NSP) EventContext ev) {
        ev.ack(lastNote);
    }

    /** {@code all-rooms(prefix)}: the rooms of every node whose names start with prefix, sorted. */
    void allRooms(@Observes @OnEvent(value = "all-rooms", namespace = NSP) EventContext ev) {
        String prefix = ev.arg(0, String.class);
        io.of(NSP).adapter().allRooms().whenComplete((rooms, error) -> {
            if (error != null) {
                ev.ack("failed: " + error);
                return;
            }
            ev.ack(rooms.stream().filter(r -> r.startsWith(prefix)).sorted().toList());
        });
    }

    /** {@code server-count()}: the number of nodes. */
    void serverCount(@Observes @OnEvent(value = "server-count", namespace = NSP) EventContext ev) {
        io.of(NSP).adapter().serverCount().whenComplete((n, error) -> ev.ack(error != null ? -1 : n));
    }

    /** Acks the first argument of each answer, sorted, or {@code failed: <error>}. */
    private static void ackFirstArguments(EventContext ev, List<Arguments> answers, Throwable error) {
        if (error != null) {
            ev.ack("failed: " + error);
            return;
        }
        List<String> out = new ArrayList<>();
        for (Arguments a : answers) {
            out.add(String.valueOf(a.get(0)));
        }
        out.sort(null);
        ev.ack(out);
    }
}
