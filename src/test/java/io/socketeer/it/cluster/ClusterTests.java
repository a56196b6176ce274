package io.socketeer.it.cluster;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static io.socketeer.it.client.Values.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socketeer.it.Deployments;
import io.socketeer.it.Endpoints;
import io.socketeer.it.client.ClientKind;
import io.socketeer.it.client.ClientSetup;
import io.socketeer.it.client.TestClient;
import io.socketeer.it.client.TestClients;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A cluster of three nodes linked by a real Redis server: two Socketeer nodes (two applications with
 * the Redis adapter in the container under test) and one Node.js node (socket.io 4.8 with
 * {@code @socket.io/redis-adapter} 8.3), with official clients connected to each. Every operation
 * is started on a Socketeer node and on the Node.js node, and must reach the sockets of all three.
 * Run by {@link ClusterIT} (the classic adapter) and {@link ShardedClusterIT} (Redis 7 sharded
 * Pub/Sub), which deploy the two Socketeer nodes as "a" and "b" and start the Node.js node.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ClusterTests {
    static final String NSP = ClusterHandlers.NSP;
    static NodeClusterNode nodeJs;

    /**
     * A Socketeer node: the library, the Redis adapter and its jars, {@link ClusterHandlers};
     * {@code sharded}: socketeer.redis.sharded.
     */
    static WebArchive node(String name, boolean sharded) {
        return node(name, "redis", Map.of("socketeer.redis.sharded", Boolean.toString(sharded)));
    }

    /** A Socketeer node with {@code socketeer.adapter=<adapter>} and more context parameters. */
    static WebArchive node(String name, String adapter, Map<String, String> params) {
        StringBuilder more = new StringBuilder();
        params.forEach((k, v) -> more.append("  <context-param><param-name>").append(k).append("</param-name><param-value>")
                .append(v).append("</param-value></context-param>\n"));
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param><param-name>socketeer.adapter</param-name><param-value>%s</param-value></context-param>
                  <context-param><param-name>socketeer.redis.uri</param-name><param-value>%s</param-value></context-param>
                  <context-param><param-name>socketeer.redis.requestsTimeout</param-name><param-value>3000</param-value></context-param>
                %s</web-app>
                """.formatted(adapter, RedisServer.shared().uri(), more);
        WebArchive war = Deployments.library(name)
                .addPackage("io.socketeer.adapter.redis")
                .addClasses(ClusterHandlers.class)
                .setWebXML(new StringAsset(webXml));
        String libs = System.getProperty("socketeer.redisLibs", "target/redis-libs");
        File[] jars = new File(libs).listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no Lettuce and msgpack jars in " + libs + " (the build copies them)");
        }
        for (File jar : jars) {
            war.addAsLibrary(jar);
        }
        return Deployments.forContainer(war);
    }

    /** A failed test says whether the Node.js node still ran, and if not how it ended. */
    @RegisterExtension
    static final TestExecutionExceptionHandler NODE_STATE = (context, failure) -> {
        if (nodeJs == null) {
            throw failure;
        }
        throw new AssertionError(failure.getMessage() + " [" + nodeJs.state() + "]", failure);
    };

    @ArquillianResource
    @OperateOnDeployment("a")
    URL baseA;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL baseB;

    @AfterAll
    static void stopNodeJs() {
        if (nodeJs != null) {
            nodeJs.close();
        }
    }

    /** See {@link Deployments#stopPayaraProcesses}: the cluster tests deploy two nodes. */
    @AfterAll
    static void stopPayaraNodes() {
        Deployments.stopPayaraProcesses("/deployments/cluster-", "/deployments/sharded-", "/deployments/streams-");
    }

    @AfterEach
    void closeClients() {
        TestClients.closeAll();
    }

    private final String tag = Long.toString(System.nanoTime(), 36);

    String room(String name) {
        return name + "-" + tag;
    }

    /** One client on each node: Node.js client on A (WebSocket), Java client on B (polling), Node.js client on the Node.js node. */
    List<TestClient> threeClients() {
        TestClient a = TestClients.connect(ClientKind.NODE, ClientSetup.WEBSOCKET, Endpoints.of(baseA), NSP, Map.of());
        TestClient b = TestClients.connect(ClientKind.JAVA, ClientSetup.POLLING, Endpoints.of(baseB), NSP, Map.of());
        TestClient n = TestClients.connect(ClientKind.NODE, ClientSetup.WEBSOCKET, nodeJs.endpoints(), NSP, Map.of());
        return List.of(a, b, n);
    }

    List<TestClient> threeClientsIn(String room) {
        List<TestClient> all = threeClients();
        for (TestClient c : all) {
            c.emitWithAck("join", room);
        }
        return all;
    }

    private static List<String> sortedIds(List<TestClient> clients) {
        List<String> ids = new ArrayList<>();
        for (TestClient c : clients) {
            ids.add(c.id());
        }
        ids.sort(null);
        return ids;
    }

    @Test
    void theThreeNodesCountEachOther() {
        for (TestClient c : threeClients()) {
            assertJsonEquals(List.of(3), c.emitWithAck("server-count"), "server count seen from " + c);
        }
    }

    @Test
    void aRoomBroadcastWithBinaryReachesEveryNodeFromEveryNode() {
        String r = room("r");
        List<TestClient> all = threeClientsIn(r);
        TestClient outsider = TestClients.connect(ClientKind.NODE, ClientSetup.WEBSOCKET, nodeJs.endpoints(), NSP, Map.of());
        for (TestClient from : all) {
            String text = "from " + from;
            byte[] bytes = {1, 2, (byte) 255, (byte) all.indexOf(from)};
            from.emitWithAck("shout", r, text, bytes, Map.of("n", 1.5, "list", List.of(1, "two")));
            for (TestClient to : all) {
                assertJsonEquals(List.of(text, bytes, Map.of("n", 1.5, "list", List.of(1, "two"))), to.next("news"),
                        to + " receives what " + from + " sent");
            }
        }
        outsider.assertNothing("news");
    }

    @Test
    void fetchSocketsSeesTheSocketsOfEveryNode() {
        String r = room("f");
        List<TestClient> all = threeClientsIn(r);
        for (TestClient c : all) {
            assertJsonEquals(List.of(sortedIds(all)), c.emitWithAck("fetch", r), "fetchSockets from " + c);
        }
    }

    @Test
    void socketsJoinMovesTheSocketsOfEveryNode() {
        List<TestClient> all = threeClients();
        for (TestClient from : all) {
            String r = room("j" + all.indexOf(from));
            String joined = room("joined" + all.indexOf(from));
            for (TestClient c : all) {
                c.emitWithAck("join", r);
            }
            from.emitWithAck("sockets-join", r, joined);
            awaitAck(from, List.of(sortedIds(all)), "after socketsJoin from " + from, "fetch", joined);
        }
    }

    @Test
    void socketsLeaveMovesTheSocketsOfEveryNode() {
        List<TestClient> all = threeClients();
        for (TestClient from : all) {
            String r = room("l" + all.indexOf(from));
            String gone = room("gone" + all.indexOf(from));
            for (TestClient c : all) {
                c.emitWithAck("join", r);
                c.emitWithAck("join", gone);
            }
            assertJsonEquals(List.of(sortedIds(all)), from.emitWithAck("fetch", gone));
            from.emitWithAck("sockets-leave", r, gone);
            awaitAck(from, List.of(List.of()), "after socketsLeave from " + from, "fetch", gone);
        }
    }

    @Test
    void aRemoteSocketOnAnotherNodeCanBeEmittedTo() {
        String r = room("t");
        List<TestClient> all = threeClientsIn(r);
        for (TestClient from : all) {
            String text = "told by " + from;
            assertJsonEquals(List.of(3), from.emitWithAck("tell", r, text));
            for (TestClient c : all) {
                assertJsonEquals(List.of(text), c.next("told"), c + " told through its RemoteSocket by " + from);
            }
        }
    }

    @Test
    void broadcastWithAcksCollectsTheAnswersOfEveryNode() {
        String r = room("ask");
        List<TestClient> all = threeClientsIn(r);
        for (TestClient c : all) {
            c.answerAcks("question", "answer of " + c.id());
        }
        List<String> expected = new ArrayList<>();
        for (TestClient c : all) {
            expected.add("answer of " + c.id());
        }
        expected.sort(null);
        for (TestClient from : all) {
            assertJsonEquals(List.of(expected), from.emitWithAck("ask", r), "acks collected by " + from);
        }
    }

    @Test
    void serverSideEmitWithAcksIsAnsweredByEveryOtherNode() {
        List<TestClient> all = threeClients();
        TestClient a = all.get(0);
        TestClient b = all.get(1);
        TestClient n = all.get(2);
        assertJsonEquals(List.of(List.of("java got from a", "node got from a")), a.emitWithAck("say-hello", "from a"));
        assertJsonEquals(List.of(List.of("java got from b", "node got from b")), b.emitWithAck("say-hello", "from b"));
        assertJsonEquals(List.of(List.of("java got from n", "java got from n")), n.emitWithAck("say-hello", "from n"));
    }

    @Test
    void serverSideEmitReachesTheOtherNodesOnly() {
        List<TestClient> all = threeClients();
        String note = room("note");
        all.get(0).emitWithAck("send-note", note);
        awaitNote(all.get(1), note);
        awaitNote(all.get(2), note);
        assertEquals(false, List.of(note).equals(all.get(0).emitWithAck("last-note")), "A does not get its own note");
        String fromNode = room("note-n");
        all.get(2).emitWithAck("send-note", fromNode);
        awaitNote(all.get(0), fromNode);
        awaitNote(all.get(1), fromNode);
    }

    private static void awaitNote(TestClient c, String expected) {
        awaitAck(c, List.of(expected), "the node of " + c + " received the note", "last-note");
    }

    /**
     * Emits until the ack is {@code expected} (5 s at most): for what another node does when a
     * message reaches it through Redis, which no answer to this client waits for.
     */
    private static void awaitAck(TestClient c, List<?> expected, String message, String event, Object... args) {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        List<Object> last;
        do {
            last = c.emitWithAck(event, args);
            if (plain(expected).equals(plain(last))) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        assertJsonEquals(expected, last, message);
    }

    @Test
    void duringARedisOutageEachNodeServesItsClientsAndClusterTrafficResumesAfterIt() {
        String r = room("o");
        List<TestClient> all = threeClientsIn(r);
        TestClient a = all.get(0);
        TestClient b = all.get(1);
        RedisServer.shared().stop();
        try {
            a.emitWithAck("shout", r, "during the outage");
            assertJsonEquals(List.of("during the outage"), a.next("news"), "A still delivers to its own clients");
            b.emitWithAck("join", room("o2"));
            b.assertNothingFor("news", java.time.Duration.ofMillis(300));
        } finally {
            RedisServer.shared().resume();
        }
        for (TestClient from : all) {
            awaitClusterTraffic(from, r, all);
        }
    }

    /** Broadcasts from {@code from} until every client receives it (20 s at most: nodes reconnect). */
    private static void awaitClusterTraffic(TestClient from, String r, List<TestClient> all) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        for (int attempt = 0; ; attempt++) {
            String text = "after the outage, from " + from + ", " + attempt;
            from.emitWithAck("shout", r, text);
            boolean everyone = true;
            for (TestClient c : all) {
                everyone &= receives(c, text, java.time.Duration.ofMillis(500));
            }
            if (everyone) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cluster traffic from " + from + " did not resume within 20 s of Redis' return");
            }
        }
    }

    /** Whether {@code c} receives {@code news(text)} within {@code wait}, skipping older news. */
    private static boolean receives(TestClient c, String text, java.time.Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            var got = c.poll("news", java.time.Duration.ofNanos(left));
            if (got.isEmpty()) {
                return false;
            }
            if (List.of(text).equals(got.get().args())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void disconnectSocketsReachesEveryNode() {
        String r = room("d");
        List<TestClient> all = threeClientsIn(r);
        TestClient driverA = TestClients.connect(ClientKind.NODE, ClientSetup.WEBSOCKET, Endpoints.of(baseA), NSP, Map.of());
        driverA.emitWithAck("disconnect-room", r);
        for (TestClient c : all) {
            assertEquals("io server disconnect", c.disconnectReason(), c + " disconnected by node A");
        }
        List<TestClient> again = threeClientsIn(room("d2"));
        TestClient driverN = TestClients.connect(ClientKind.NODE, ClientSetup.WEBSOCKET, nodeJs.endpoints(), NSP, Map.of());
        driverN.emitWithAck("disconnect-room", room("d2"));
        for (TestClient c : again) {
            assertEquals("io server disconnect", c.disconnectReason(), c + " disconnected by the Node.js node");
        }
        driverA.sync();
        driverN.sync();
    }
}
