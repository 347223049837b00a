package io.parley.history;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The history writer's executor: one platform thread of its own, whatever the chat's threads are, so a slow disk
 * holds up nothing but the history; and the rooms' last lines kept for the replay on join.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class HistoryConfiguration {

	@Bean
	ThreadPoolTaskExecutor historyWriterExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("parley-history-");
		// closing the context must not interrupt the write loop: the writer's own stop() ends it once the queue is
		// written (the pool does not wait for it: no await-termination)
		executor.setWaitForTasksToCompleteOnShutdown(true);
		// a lifecycle stop waits for the pool's running tasks: it must come after the writer's, which ends the loop
		executor.setPhase(Integer.MAX_VALUE - 2000);
		return executor;
	}

	/**
	 * The rooms' last lines for the replay on join; none in cluster mode, where the other nodes' lines of a room
	 * reach the database without passing this node's writer.
	 */
	@Bean
	RecentRoomLines recentRoomLines(HistoryProperties properties,
			@Value("${parley.cluster.enabled:false}") boolean cluster) {
		int perRoom = (cluster || properties.joinReplay() == 0) ? 0 : properties.joinReplay() + 1;
		return new RecentRoomLines(perRoom, properties.replayMemory().toBytes());
	}

}
