package io.socketeer.it.cluster;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ClusterTests} over a Redis stream with sharded Pub/Sub for requests and answers: the Socketeer
 * nodes with {@code socketeer.adapter=redis-streams} and {@code socketeer.redis.sharded=true}, the
 * Node.js node with {@code @socket.io/redis-streams-adapter}'s {@code useShardedPubSub: true}.
 */
class ShardedStreamsClusterIT extends ClusterTests {
    @Deployment(name = "a", testable = false)
    static WebArchive nodeA() {
        return node("streams-sharded-a.war", "redis-streams", Map.of("socketeer.redis.sharded", "true"));
    }

    @Deployment(name = "b", testable = false)
    static WebArchive nodeB() {
        return node("streams-sharded-b.war", "redis-streams", Map.of("socketeer.redis.sharded", "true"));
    }

    @BeforeAll
    static void startShardedStreamsNodeJs() {
        nodeJs = NodeClusterNode.start("cluster-node.js", RedisServer.shared().uri(), "streams-sharded");
    }
}
