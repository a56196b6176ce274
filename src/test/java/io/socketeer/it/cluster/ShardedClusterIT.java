package io.socketeer.it.cluster;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ClusterTests} over Redis 7's sharded Pub/Sub: the Socketeer nodes with
 * {@code socketeer.redis.sharded=true}, the Node.js node with {@code createShardedAdapter}
 * (subscription mode {@code dynamic}, the default of both).
 */
class ShardedClusterIT extends ClusterTests {
    @Deployment(name = "a", testable = false)
    static WebArchive nodeA() {
        return node("sharded-a.war", true);
    }

    @Deployment(name = "b", testable = false)
    static WebArchive nodeB() {
        return node("sharded-b.war", true);
    }

    @BeforeAll
    static void startShardedNodeJs() {
        nodeJs = NodeClusterNode.start("cluster-node.js", RedisServer.shared().uri(), "sharded");
    }
}
