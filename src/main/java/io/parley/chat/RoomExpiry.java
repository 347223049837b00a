package io.parley.chat;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes stored rooms nobody has been in for {@code parley.rooms.expire-after} (never, by default): at start and
 * then at most hourly. A room with members is never touched; its clock starts again when its last member leaves.
 */
@Component
class RoomExpiry {

	private static final Logger log = LoggerFactory.getLogger(RoomExpiry.class);

	private final RoomStore store;

	private final RoomDirectory rooms;

	private final Duration expireAfter;

	private final TaskScheduler timers;

	RoomExpiry(RoomStore store, RoomDirectory rooms, RoomProperties properties,
			@Qualifier("sessionTimers") TaskScheduler timers) {
		this.store = store;
		this.rooms = rooms;
		this.expireAfter = properties.expireAfter();
		this.timers = timers;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.expireAfter.isZero() || this.expireAfter.isNegative()) {
			return;
		}
		Duration every = (this.expireAfter.compareTo(Duration.ofHours(1)) < 0) ? this.expireAfter : Duration.ofHours(1);
		this.timers.scheduleWithFixedDelay(this::sweep, Instant.now(), every);
	}

	void sweep() {
		for (String room : this.store.unusedSince(Instant.now().minus(this.expireAfter))) {
			if (this.rooms.find(room).isEmpty() && this.store.delete(room)) {
				log.info("room {} expired: nobody was in it for {}", room, this.expireAfter);
			}
		}
	}

}
