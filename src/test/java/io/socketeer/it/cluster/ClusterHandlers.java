package io.socketeer.it.cluster;

import io.socketeer.api.Arguments;
import io.socketeer.api.EventContext;
import io.socketeer.api.RemoteSocket;
import io.socketeer.api.SocketIoServer;
import io.socketeer.cdi.OnEvent;
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

    /** {@code disconnect-room(room)}: disconnects (and closes) the sockets of the room on every node. */
    void disconnectRoom(@Observes @OnEvent(value = "disconnect-room", namespace = NSP) EventContext ev) {
        io.of(NSP).in(ev.arg(0, String.class)).disconnectSockets(true);
        ev.ack();
    }

    /** {@code ask(room)}: {@code question} with acks to the room on every node; acks the answers, sorted. */
    void ask(@Observes @OnEvent(value = "ask", namespace = NSP) EventContext ev) {
        io.of(NSP).to(ev.arg(0, String.class)).timeout(Duration.ofSeconds(3)).emitWithAck("question")
                .whenComplete((answers, error) -> {
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
                });
    }

    /** {@code server-count()}: the number of nodes. */
    void serverCount(@Observes @OnEvent(value = "server-count", namespace = NSP) EventContext ev) {
        io.of(NSP).adapter().serverCount().whenComplete((n, error) -> ev.ack(error != null ? -1 : n));
    }
}
