package io.parley.account;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;


/**
 * Runs hashes on the hashing pool in two lanes: {@link Lane#KNOWN} (a login from an address the account knows)
 * goes ahead of {@link Lane#OTHER} (strangers, unknown names, registrations). Each lane may have
 * {@code parley.accounts.hash-queue} hashes waiting; past that a hash is refused (the caller answers
 * {@code server-busy}), so strangers filling theirs leave the owners' lane free.
 */
@Component
class PasswordHashing {

	/**
	 * The longest a login waits for its hash: far beyond a full queue's wait at the default cost, and a bound
	 * for a task the pool dropped at shutdown, which never completes.
	 */
	static final Duration MAX_WAIT = Duration.ofMinutes(2);

	/** Lanes in the order their hashes run. */
	enum Lane {

		KNOWN, OTHER

	}

	private final ThreadPoolTaskExecutor executor;

	private final int perLane;

	private final AtomicInteger[] waiting = { new AtomicInteger(), new AtomicInteger() };

	private final AtomicLong sequence = new AtomicLong();

	PasswordHashing(ThreadPoolTaskExecutor passwordHashExecutor, AccountProperties properties) {
		this.executor = passwordHashExecutor;
		this.perLane = properties.hashQueue();
	}

	/** Runs a hash on the pool and waits for it; empty when its lane is full. */
	<T> Optional<T> run(Lane lane, Supplier<T> work) {
		AtomicInteger inLane = this.waiting[lane.ordinal()];
		// anything else on the pool's queue (the pool is a bean others may use) counts against strangers too
		if (inLane.incrementAndGet() > this.perLane
				|| (lane == Lane.OTHER && this.executor.getQueueSize() >= this.perLane)) {
			inLane.decrementAndGet();
			return Optional.empty();
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		HashTask task = new HashTask(lane.ordinal(), this.sequence.incrementAndGet(), () -> {
			inLane.decrementAndGet();
			try {
				result.complete(work.get());
			}
			catch (RuntimeException | Error ex) {
				result.completeExceptionally(ex);
			}
		});
		try {
			this.executor.execute(task);
		}
		catch (TaskRejectedException ex) {
			inLane.decrementAndGet();
			return Optional.empty();
		}
		try {
			return Optional.of(result.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			// a task dropped by the pool's shutdown is never run: the caller is told "busy" instead of waiting for ever
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Where a task goes in the pool's queue: by lane, then first come first served; other tasks last. */
	static long order(Runnable task) {
		return (task instanceof HashTask hash) ? (hash.lane * (Long.MAX_VALUE / 4)) + hash.sequence : Long.MAX_VALUE;
	}

	record HashTask(int lane, long sequence, Runnable work) implements Runnable {

		@Override
		public void run() {
			this.work.run();
		}

	}

}
