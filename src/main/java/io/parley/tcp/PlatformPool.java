package io.parley.tcp;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.parley.system.ParleyMetrics;

/**
 * A pool of platform threads for tasks that block on sockets (a connection's reader, a session's writer): a new
 * task goes to an idle thread if one waits, else to a new thread, up to a ceiling ({@code parley.threads.*}); past
 * it the task is refused, counted ({@code parley.threads.refused}) and logged, at most one line per pool every
 * ten seconds. A thread idle for the keep-alive ends, down to none, so the pool shrinks back after the load.
 * <p>
 * The keep-alive is short on purpose (issue 23): idle threads wait last-in first-out, so the ones a burst added
 * only end once no burst has reached that deep for a whole keep-alive. With the minute it was, bursts that came
 * more often than once a minute (each full GC pause left one) kept every thread the biggest burst had made, and
 * the pool only ever grew under steady traffic.
 */
final class PlatformPool {

	private static final Logger log = LoggerFactory.getLogger(PlatformPool.class);

	private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

	private PlatformPool() {
	}

	/**
	 * @param pool the pool's name in metrics and logs ({@code readers}, {@code writers})
	 * @param coreThreads threads started for the first tasks even while others are idle, so that a steady load
	 * holds this many rather than however many its last burst needed; they too end after the keep-alive
	 * @param setting the key of its ceiling, for the log line
	 * @param refuse what a refused task gets; it may throw to refuse the caller instead
	 */
	static ThreadPoolTaskExecutor create(String pool, String threadPrefix, String setting,
			int coreThreads, int maxThreads,
			Duration keepAlive, ParleyMetrics metrics, Consumer<Runnable> refuse) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(threadPrefix);
		executor.setCorePoolSize(coreThreads);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setMaxPoolSize(maxThreads);
		// no queue: a task waits for no thread, as it may block on its socket for as long as a client likes
		executor.setQueueCapacity(0);
		executor.setKeepAliveSeconds((int) Math.max(1, keepAlive.toSeconds()));
		executor.setRejectedExecutionHandler(refusal(pool, setting, maxThreads, metrics, refuse));
		metrics.pooledThreads(pool, executor, ThreadPoolTaskExecutor::getPoolSize);
		return executor;
	}

	private static RejectedExecutionHandler refusal(String pool, String setting, int maxThreads, ParleyMetrics metrics,
			Consumer<Runnable> refuse) {
		AtomicLong nextWarning = new AtomicLong(System.nanoTime());
		AtomicLong refusedSinceWarning = new AtomicLong();
		return (task, executor) -> {
			metrics.threadsRefused(pool);
			long refused = refusedSinceWarning.incrementAndGet();
			long now = System.nanoTime();
			long next = nextWarning.get();
			if (now - next >= 0 && nextWarning.compareAndSet(next, now + WARN_EVERY_NANOS)) {
				refusedSinceWarning.addAndGet(-refused);
				log.warn("The {} pool is at its ceiling of {} threads ({}): {} task(s) refused", pool, maxThreads,
						setting, refused);
			}
			refuse.accept(task);
		};
	}

}
