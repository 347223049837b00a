package io.parley.history;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The history writer's executor: one platform thread of its own, whatever the chat's threads are, so a slow disk
 * holds up nothing but the history.
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

}
