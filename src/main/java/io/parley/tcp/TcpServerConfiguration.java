package io.parley.tcp;

import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

import io.parley.system.ParleyMetrics;

/**
 * The threads every listener shares ("Threads" in docs/architecture.md): the event loops, which own the
 * sockets; the chat workers, which handle what the loops read (commands may wait for a password hash or the
 * database, which a loop must never do); and the writers of sessions whose transport writes by blocking (none of
 * the TCP listeners: their send queues drain on the loops). Each protocol declares its listeners with
 * {@link ListenerBeans}.
 * <p>
 * Workers and writers are virtual threads when Boot has them on ({@code spring.threads.virtual.enabled} on a JVM
 * that has them), and otherwise platform threads from pools that grow with the load up to a ceiling and shrink
 * back after it ({@code parley.threads.*}, {@link PlatformPool}).
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TcpServerConfiguration.class);

	@Bean
	EventLoops eventLoops(ThreadProperties threads, TcpProperties tcp, Environment environment) {
		if (environment.containsProperty("parley.threads.max-readers")) {
			log.warn("parley.threads.max-readers is deprecated and ignored: connections have no reader thread of "
					+ "their own any more (the event loops read them all); parley.threads.max-workers bounds the "
					+ "threads that handle what they send");
		}
		int loops = (threads.eventLoops() > 0) ? threads.eventLoops() : Runtime.getRuntime().availableProcessors();
		return new EventLoops(loops, tcp.readBufferBytes());
	}

	/**
	 * Chat workers: a task per connection while it has frames read and not yet handled, ending when it has none.
	 * On platform threads a frame that finds the pool at its ceiling waits on its loop and is tried again, and
	 * its client is not read meanwhile.
	 */
	@Bean
	TaskExecutor chatWorkers(Environment environment, ThreadProperties threads, ParleyMetrics metrics) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return virtualThreads("parley-chat-");
		}
		return PlatformPool.create("workers", "parley-chat-", "parley.threads.max-workers", threads.coreWorkers(),
				threads.maxWorkers(), threads.keepAlive(), metrics, task -> {
					throw new RejectedExecutionException("no chat worker free (parley.threads.max-workers)");
				});
	}

	/**
	 * Writers for sessions whose transport's writes block (an in-memory one in the tests; none of the TCP
	 * listeners, whose send queues drain on the event loops): a task per session with output waiting. A writer
	 * refused at the platform pool's ceiling closes its session ({@code SendQueue} cannot write to it). Also
	 * where a session is closed from a timer when its transport has no thread of its own.
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

	/** Tasks here may wait (a hash, a slow client): a virtual thread each costs next to nothing. */
	private static TaskExecutor virtualThreads(String prefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setVirtualThreads(true);
		return executor;
	}

}
