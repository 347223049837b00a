package io.parley.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.stereotype.Component;

import io.parley.chat.ChatEvent;
import io.parley.system.ParleyMetrics;

/**
 * Keeps every room and private message: a subscriber of {@code chatEvents} that only puts the event on a bounded
 * queue and returns, so the room's lock and the sender's reader never wait for the disk. One writer on its own
 * executor ({@code historyWriterExecutor}) takes what is queued, up to {@code batch-size} at a time, and commits it
 * in one transaction, after letting the batch grow for at most {@code commit-interval} (a reader waiting for it cuts
 * that short). A crash loses what was queued and not yet committed: at most {@code commit-interval} (100 ms by
 * default) and the time of the batch being written ({@code parley.history.write} measures it).
 * <p>
 * When the queue is full (the database cannot keep up, or is gone), a new message is not kept: chat goes on, the
 * loss is counted ({@code parley.history.dropped{reason=queue-full}}) and logged at most once a minute. Stopping
 * (shutdown, after the sessions have said goodbye) writes what is still queued before the database closes.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class HistoryWriter implements MessageHandler, SmartLifecycle, Ordered {

	private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

	private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** How often a growing batch looks whether it is full: the chat's threads never wake the writer. */
	private static final long GATHER_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final BlockingQueue<ChatEvent> queue;

	private final HistoryStore store;

	private final PublishSubscribeChannel chatEvents;

	private final TaskExecutor executor;

	private final ParleyMetrics metrics;

	private final int batchSize;

	/** Room lines as they are queued, for the replay on join. */
	private final RecentRoomLines recent;

	/**
	 * Messages taken onto the queue, and of those the ones written (or given up on): what a read waits for. Every
	 * publishing thread adds to the first and only a read sums it, so it is striped (a {@link LongAdder}): one
	 * counter that each event loop wrote for every message moved its cache line between the cores each time.
	 */
	private final LongAdder accepted = new LongAdder();

	private final AtomicLong processed = new AtomicLong();

	private final Object progress = new Object();

	/** Where a batch waits to grow ({@link #gatherAfter}), and what a reader wakes. */
	private final Object wake = new Object();

	private final AtomicInteger readersWaiting = new AtomicInteger();

	private final long commitIntervalNanos;

	private volatile long lastDropLogNanos = System.nanoTime() - LOG_EVERY_NANOS;

	private volatile boolean running;

	/** Counted down when the write loop has written the last of the queue after a stop. */
	private volatile CountDownLatch finished = new CountDownLatch(0);

	HistoryWriter(HistoryStore store, @Qualifier("chatEvents") PublishSubscribeChannel chatEvents,
			@Qualifier("historyWriterExecutor") TaskExecutor executor, HistoryProperties properties,
			ParleyMetrics metrics, RecentRoomLines recent) {
		this.recent = recent;
		this.store = store;
		this.chatEvents = chatEvents;
		this.executor = executor;
		this.metrics = metrics;
		this.batchSize = properties.batchSize();
		this.commitIntervalNanos = properties.commitInterval().toNanos();
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		metrics.historyQueue(this.queue, BlockingQueue::size);
	}

	/**
	 * On the publishing thread, under the room's lock: the event onto the queue, or a count of the loss. Nothing is
	 * looked up here: the event carries what the store needs (a private message, whether its parties were guests).
	 */
	@Override
	public void handleMessage(Message<?> message) {
		Object payload = message.getPayload();
		if (!(payload instanceof ChatEvent.RoomMessage) && !(payload instanceof ChatEvent.PrivateMessage)) {
			return;
		}
		ChatEvent event = (ChatEvent) payload;
		if (this.queue.offer(event)) {
			this.accepted.increment();
			if (event instanceof ChatEvent.RoomMessage m) {
				this.recent.add(m);
			}
			return;
		}
		this.metrics.historyDropped("queue-full", 1);
		long now = System.nanoTime();
		if (now - this.lastDropLogNanos >= LOG_EVERY_NANOS) {
			this.lastDropLogNanos = now;
			log.warn("history queue full ({} messages): new messages are not kept until the writer catches up "
					+ "(counted in parley.history.dropped)", this.queue.size());
		}
	}

	/**
	 * Waits, at most {@code max}, until every message queued before this call is written: a client then reads back
	 * what it has just seen. False when the writer did not catch up in time (the page may miss the newest lines).
	 */
	boolean awaitWritten(Duration max) {
		long target = this.accepted.sum();
		if (this.processed.get() >= target) {
			return true;
		}
		long deadline = System.nanoTime() + max.toNanos();
		this.readersWaiting.incrementAndGet();
		synchronized (this.wake) {
			this.wake.notifyAll(); // a batch that waits to grow is written now
		}
		try {
			return awaitProcessed(target, deadline);
		}
		finally {
			this.readersWaiting.decrementAndGet();
		}
	}

	private boolean awaitProcessed(long target, long deadline) {
		synchronized (this.progress) {
			while (this.processed.get() < target) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !this.running) {
					return this.processed.get() >= target;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.progress, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	private void writeLoop() {
		try {
			drainWhileRunning();
		}
		finally {
			this.finished.countDown();
		}
	}

	private void drainWhileRunning() {
		List<ChatEvent> batch = new ArrayList<>(this.batchSize);
		while (this.running || !this.queue.isEmpty()) {
			try {
				ChatEvent first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				gatherAfter(System.nanoTime());
				this.queue.drainTo(batch, this.batchSize - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				if (!this.running) {
					Thread.interrupted();
					continue; // stopping: what is queued is still written
				}
			}
			finally {
				batch.clear();
			}
		}
	}

	/**
	 * Lets a batch grow before it is written: until {@code batch-size} messages wait, {@code commit-interval} has
	 * passed since its first arrived, a reader waits for it, or the writer stops. A commit costs the same for one
	 * message as for hundreds (on H2 with {@code WRITE_DELAY=0} it writes the changed pages to the file, about a
	 * millisecond of CPU), and without the wait a writer just ahead of the chat committed every few messages.
	 */
	private void gatherAfter(long firstNanos) {
		long deadline = firstNanos + this.commitIntervalNanos;
		synchronized (this.wake) {
			while (this.queue.size() < this.batchSize - 1 && this.readersWaiting.get() == 0 && this.running) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				try {
					// woken by a reader; new messages do not wake it (the chat's thread only queues), it looks again
					TimeUnit.NANOSECONDS.timedWait(this.wake, Math.min(left, GATHER_LOOK_NANOS));
				}
				catch (InterruptedException ex) {
					// the batch in hand is written now, not lost; the flag is not set again, as H2 closes its file
					// when a thread with it set does I/O (the write loop's own wait sees the next interrupt)
					return;
				}
			}
		}
	}

	private void write(List<ChatEvent> batch) {
		long start = System.nanoTime();
		try {
			this.store.insert(batch);
			this.metrics.historyWritten(batch.size(), System.nanoTime() - start);
		}
		catch (DataAccessException ex) {
			// the batch is given up, not retried: a database that is gone would otherwise hold the queue for ever
			this.metrics.historyDropped("write-failed", batch.size());
			this.recent.clear(); // a replay must not show what a page will never read
			log.error("history: {} messages could not be written ({})", batch.size(), ex.getMessage());
		}
		finally {
			this.processed.addAndGet(batch.size());
			synchronized (this.progress) {
				this.progress.notifyAll();
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.finished = new CountDownLatch(1);
		this.executor.execute(this::writeLoop);
		this.chatEvents.subscribe(this);
	}

	/** Stops taking messages, then writes what is queued (waiting for it, up to half a minute). */
	@Override
	public void stop() {
		this.chatEvents.unsubscribe(this);
		this.running = false;
		try {
			if (!this.finished.await(30, TimeUnit.SECONDS)) {
				log.warn("history: {} messages still queued at shutdown were not written", this.queue.size());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * First of the channel's subscribers (ordered ones come before the others, such as {@code LocalDelivery}): a
	 * line is queued here before any member receives it, so a member that reads history right after the live line
	 * finds it counted by {@link #awaitWritten} (after delivery, a quick reader sometimes read an empty page).
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the sessions have said goodbye (their phase is the highest) and before the database closes. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
