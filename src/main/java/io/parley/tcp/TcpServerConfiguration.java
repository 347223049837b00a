package io.parley.tcp;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.parley.chat.LineCommands;

/**
 * The executors every listener shares, and the line-protocol listeners as Spring Integration flows: each one
 * NET server connection factory shared by an inbound adapter (frames to its {@link ChatListener}) and an outbound
 * adapter (bytes from each session's writer, addressed by {@code ip_connectionId}); {@link ListenerBeans} makes
 * them. The plain listener and the TLS one are alike but for their factories.
 * <p>
 * Connection tasks are virtual threads when Boot has them on ({@code spring.threads.virtual.enabled} on a
 * JVM that has them), and pooled platform threads otherwise.
 */
@Configuration(proxyBeanMethods = false)
@Import(TcpServerConfiguration.LineListeners.class)
class TcpServerConfiguration {

	/** Accept loops and one reader per connection, for the connection's life. */
	@Bean
	TaskExecutor tcpConnectionExecutor(Environment environment) {
		return perTaskExecutor("parley-conn-", environment);
	}

	/** Session writers: a task per session with output waiting, ending when its queue is empty. */
	@Bean
	TaskExecutor sessionWriterExecutor(Environment environment) {
		return perTaskExecutor("parley-send-", environment);
	}

	/**
	 * Tasks here block on sockets for as long as a client likes, so no fixed pool would do: a virtual thread
	 * each, or else a platform pool that grows with the load and lets idle threads go.
	 */
	private static TaskExecutor perTaskExecutor(String prefix, Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
			executor.setVirtualThreads(true);
			return executor;
		}
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(Integer.MAX_VALUE);
		executor.setQueueCapacity(0);
		executor.setKeepAliveSeconds(60);
		return executor;
	}

	/**
	 * The line-protocol listeners: the plain one unless {@code parley.tcp.enabled=false}, the TLS one
	 * ({@code parley.tcp.tls.*}) when enabled; both feed the same protocol, so a TLS session is a line session
	 * like any other.
	 */
	static class LineListeners implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			ListenerBeans.register(registry, environment, "line", "parley.tcp", LineCommands.class, TcpProperties.class);
		}

	}

}
