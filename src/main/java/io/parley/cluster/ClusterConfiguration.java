package io.parley.cluster;

import java.util.UUID;
import java.util.concurrent.Executors;

import io.lettuce.core.ClientOptions;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.integration.channel.PublishSubscribeChannel;

import io.parley.chat.RemoteDelivery;

/**
 * Cluster mode (issue 22), only with {@code parley.cluster.enabled=true}: the presence in Redis (which is also the
 * {@link io.parley.chat.ClusterLink} the chat core asks) and the bridge of chat events.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("parley.cluster.enabled")
class ClusterConfiguration {

	private final String nodeId;

	ClusterConfiguration(ClusterProperties properties) {
		this.nodeId = properties.nodeId().isBlank() ? UUID.randomUUID().toString() : properties.nodeId();
	}

	/**
	 * Without Redis a command fails at once instead of waiting in Lettuce's buffer for a reconnect: an event is
	 * published under its room's lock, which must not wait for Redis to come back.
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer clusterRedisFailsFast() {
		return builder -> builder.clientOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
	}

	@Bean
	ClusterPresence clusterPresence(ClusterProperties properties, StringRedisTemplate redis, RemoteDelivery delivery) {
		return new ClusterPresence(this.nodeId, properties, redis, delivery);
	}

	@Bean
	ClusterBridge clusterBridge(ClusterProperties properties, StringRedisTemplate redis, RemoteDelivery delivery,
			ClusterPresence presence, @Qualifier("chatEvents") PublishSubscribeChannel chatEvents) {
		ClusterBridge bridge = new ClusterBridge(this.nodeId, properties.channel(), redis, delivery, presence);
		// subscribed for the context's whole life, as LocalDelivery is: the quits of shutdown must reach the others
		chatEvents.subscribe(bridge);
		return bridge;
	}

	/** One thread hands received events over, one at a time: the channel's order is the order delivered. */
	@Bean
	RedisMessageListenerContainer clusterEventsListener(RedisConnectionFactory redis, ClusterBridge bridge,
			ClusterProperties properties) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(redis);
		container.setTaskExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "parley-cluster-events")));
		container.addMessageListener(bridge, new ChannelTopic(properties.channel()));
		return container;
	}

}
