package io.socketeer.it.cluster;

import static io.socketeer.it.client.Values.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socketeer.it.client.TestClient;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterTests} with the classic Redis adapter (Pub/Sub, {@code createAdapter} on the Node.js
 * node), plus what only the classic protocol has ({@code @socket.io/redis-emitter}) and the nginx
 * configuration of server-config/cluster.
 */
class ClusterIT extends ClusterTests {
    @Deployment(name = "a", testable = false)
    static WebArchive nodeA() {
        return node("cluster-a.war", false);
    }

    @Deployment(name = "b", testable = false)
    static WebArchive nodeB() {
        return node("cluster-b.war", false);
    }

    @BeforeAll
    static void startClassicNodeJs() {
        nodeJs = NodeClusterNode.start("cluster-node.js", RedisServer.shared().uri(), "classic");
    }

    /** allRooms exists in the classic protocol only (the Node.js sharded adapter answers its own rooms). */
    @Test
    void allRoomsListsTheRoomsOfEveryNode() {
        List<TestClient> all = threeClients();
        List<String> expected = new java.util.ArrayList<>();
        for (TestClient c : all) {
            String r = room("all") + "-" + all.indexOf(c);
            c.emitWithAck("join", r);
            expected.add(r);
        }
        expected.sort(null);
        String prefix = room("all");
        for (TestClient c : all) {
            assertJsonEquals(List.of(expected), c.emitWithAck("all-rooms", prefix), "allRooms from " + c);
        }
    }

    @Test
    void theRedisEmitterReachesSocketeerClients() {
        String r = room("e");
        List<TestClient> all = threeClientsIn(r);
        TestClient n = all.get(2);
        n.emitWithAck("emitter", r, "emitted", new byte[] {7});
        for (TestClient c : all) {
            assertJsonEquals(List.of("emitted", new byte[] {7}), c.next("news"), c + " receives the emitter's event");
        }
    }

    /**
     * server-config/cluster/nginx.conf in front of Socketeer node A and a Node.js socket.io server on
     * the same path: 20 clients, each from its own 127.0.0.x address, connect by long-polling and
     * upgrade to WebSocket; each stays on one node throughout, and both nodes get clients.
     */
    @Test
    void behindNginxEachClientStaysOnItsNodeThroughItsUpgrade() throws Exception {
        String path = baseA.getPath() + (baseA.getPath().endsWith("/") ? "" : "/") + "socket.io/";
        try (NodeClusterNode other = NodeClusterNode.start("sticky-node.js", path);
             Nginx nginx = Nginx.start(List.of(baseA.getPort(), other.port()), path)) {
            ProcessBuilder pb = new ProcessBuilder("node", new File("src/test/node/sticky-clients.js").getAbsolutePath(),
                    "http://127.0.0.1:" + nginx.port(), path, "20");
            pb.environment().put("NODE_PATH", NodeClusterNode.modules().getAbsolutePath());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            }
            assertEquals(true, p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "sticky-clients.js ended");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) io.socketeer.parser.Json.parse(
                    out.substring(out.lastIndexOf('\n') + 1));
            java.util.Set<Object> nodes = new java.util.TreeSet<>();
            for (Map<String, Object> r : results) {
                assertEquals(null, r.get("error"), "client " + r + "; nginx: " + nginx.log());
                assertEquals(r.get("polling"), r.get("websocket"), "one node through the upgrade: " + r);
                nodes.add(r.get("polling"));
            }
            assertEquals(20, results.size());
            assertEquals(java.util.Set.of("node", "socketeer"), nodes, "both nodes got clients: " + results);
        }
    }
}
