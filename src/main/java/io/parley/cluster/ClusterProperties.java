package io.parley.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cluster mode (issue 22), {@code parley.cluster.*}: off by default, and then nothing of this package runs. Redis
 * itself is Spring Boot's {@code spring.data.redis.*} (host, port, password).
 *
 * @param enabled whether this node joins a cluster through Redis
 * @param nodeId this node's name in the cluster's presence; empty: a random one at each start (a restarted node is
 * a new node, and its old self expires)
 * @param channel the Redis pub/sub channel every chat event travels on; one channel, so one order for all nodes
 * @param presenceTimeout how long a node that stops refreshing its presence (killed, cut from Redis) still counts;
 * after it, its users are seen to quit
 * @param presenceRefresh how often this node compares its users with what it last wrote, and writes the change
 */
@ConfigurationProperties("parley.cluster")
public record ClusterProperties(boolean enabled, @DefaultValue("") String nodeId,
		@DefaultValue("parley:events") String channel, @DefaultValue("30s") Duration presenceTimeout,
		@DefaultValue("1s") Duration presenceRefresh) {
}
