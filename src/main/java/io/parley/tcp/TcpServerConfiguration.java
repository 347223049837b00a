package io.parley.tcp;

import java.util.concurrent.RejectedExecutionException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

import io.parley.system.ParleyMetrics;

/**
 * The executors every listener shares: the connections' readers (the TCP transport's), and the sessions'
 * writers, which {@link io.parley.session.SendQueue} runs its drains on. Each protocol declares its listeners
 * with {@link ListenerBeans} (the line protocol in {@code io.parley.line}, IRC in {@code io.parley.irc}).
 * <p>
 * Connection tasks are virtual threads when Boot has them on ({@code spring.threads.virtual.enabled} on a
 * JVM that has them), and otherwise platform threads from pools that grow with the load up to a ceiling and
 * shrink back after it ({@code parley.threads.*}, {@link PlatformPool}).
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	/**
	 * Accept loops and one reader per connection, for the connection's life. A connection past the platform
	 * pool's ceiling is turned away by its listener ({@link ChatListeners#refuse}).
	 */
	@Bean
	TaskExecutor tcpConnectionExecutor(Environment environment, ThreadProperties threads, ParleyMetrics metrics,
			ObjectProvider<ChatListeners> listeners) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return virtualThreads("parley-conn-");
		}
		// the listeners are looked up at the first refusal: they are made with this executor
		return PlatformPool.create("readers", "parley-conn-", "parley.threads.max-readers", 0,
				threads.maxReaders(), threads.keepAlive(), metrics, connection -> listeners.getObject().refuse(connection));
	}

	/**
	 * Session writers: a task per session with output waiting, ending when its queue is empty. A writer refused
	 * at the platform pool's ceiling closes its session ({@code SendQueue} cannot write to it).
	 */
	@Bean
	TaskExecutor sessionWriterExecutor(Environment environment, ThreadProperties threads, ParleyMetrics metrics) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return virtualThreads("parley-send-");
		}
		return PlatformPool.create("writers", "parley-send-", "parley.threads.max-writers",
				threads.coreWriters(), threads.maxWriters(), threads.keepAlive(), metrics, writer -> {
					throw new RejectedExecutionException("no session writer free (parley.threads.max-writers)");
				});
	}

	/** Tasks here block on sockets for as long as a client likes: a virtual thread each costs next to nothing. */
	private static TaskExecutor virtualThreads(String prefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setVirtualThreads(true);
		return executor;
	}

}
