package io.parley.history;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.parley.system.ParleyMetrics;

/**
 * Retention: every {@code parley.history.purge-interval}, messages older than {@code parley.history.retention}, and
 * a room's older than its newest {@code room-cap}, are deleted, whole chunks of about {@code purge-batch} messages at
 * a time (each delete a short transaction on a range of the index {@code history_chunk_target}, so the writer never
 * waits long), target by target, on a thread of its own. Kept offline messages go with their message.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class HistoryPurge implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HistoryPurge.class);

	private final HistoryStore store;

	private final HistoryProperties properties;

	private final ParleyMetrics metrics;

	private ScheduledExecutorService scheduler;

	private final RecentRoomLines recent;

	HistoryPurge(HistoryStore store, HistoryProperties properties, ParleyMetrics metrics, RecentRoomLines recent) {
		this.recent = recent;
		this.store = store;
		this.properties = properties;
		this.metrics = metrics;
	}

	/** Deletes what is past retention, and a room's messages past its cap; returns how many messages. */
	long purge() {
		UUID retained = new HistoryCursor.AtTime(Instant.now().minus(this.properties.retention())).upperBound();
		long total = 0;
		// target by target on history_chunk_target: each delete a range of it, at most purge-batch long
		for (String target = this.store.nextTarget(null); target != null; target = this.store.nextTarget(target)) {
			UUID bound = boundOf(target, retained);
			if (!this.store.hasMessagesBefore(target, bound)) {
				continue; // nothing old here: no write transaction for it
			}
			int deleted;
			do {
				deleted = this.store.purgeBefore(target, bound, this.properties.purgeBatch());
				total += deleted;
			}
			while (deleted > 0 && this.store.hasMessagesBefore(target, bound));
		}
		this.metrics.historyPurged(total);
		if (total > 0) {
			this.recent.clear(); // a quiet room's last lines in memory may be among them
			log.info("history: {} messages older than {}{} purged", total, this.properties.retention(),
					(this.properties.roomCap() > 0) ? " or past a room's newest " + this.properties.roomCap() : "");
		}
		return total;
	}

	/** The later of the retention's bound and, for a room with a cap, the cap's: what is before it goes. */
	private UUID boundOf(String target, UUID retained) {
		if (this.properties.roomCap() == 0 || !target.startsWith("#")) {
			return retained;
		}
		UUID capped = this.store.capBound(target, this.properties.roomCap());
		return (capped != null && HistoryStore.compareIds(capped, retained) > 0) ? capped : retained;
	}

	private void purgeQuietly() {
		try {
			purge();
		}
		catch (DataAccessException ex) {
			log.error("history purge failed ({}); next try in {}", ex.getMessage(), this.properties.purgeInterval());
		}
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "parley-history-purge");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.properties.purgeInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
