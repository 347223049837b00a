package io.parley.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.f4b6a3.uuid.util.UuidUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids are UUIDv7, strictly growing even within one millisecond, and carry their own time. */
class MessageIdTest {

	@Test
	void idsGrowStrictlyAndTellTheirMillisecond() {
		List<MessageId> ids = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			ids.add(MessageId.next());
		}
		for (int i = 1; i < ids.size(); i++) {
			assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
		}
		// many ids share a millisecond at this pace: the order above held within one, not only across
		assertThat(ids.stream().map(MessageId::time).distinct().count()).isLessThan(ids.size());
		for (MessageId id : ids.subList(0, 1000)) {
			assertThat(id.value().version()).isEqualTo(7);
			assertThat(id.time()).isEqualTo(UuidUtil.getInstant(id.value()));
		}
	}

	@Test
	void idsKeepGrowingWhenTheWallClockStepsBack() {
		// a burst, a step back of half a second (NTP, a VM), more of the burst, a step back of an hour, more
		long t = 1_780_000_000_000L;
		long[] clock = { t, t, t + 1, t - 500, t - 500, t + 1, t - 3_600_000, t + 2 };
		int[] tick = { 0 };
		Supplier<UUID> ids = MessageId.generator(() -> clock[Math.min(tick[0]++ / 10, clock.length - 1)]);
		List<UUID> made = new ArrayList<>();
		for (int i = 0; i < clock.length * 10; i++) {
			made.add(ids.get());
		}
		for (int i = 1; i < made.size(); i++) {
			assertThat(new MessageId(made.get(i))).as("id %d", i).isGreaterThan(new MessageId(made.get(i - 1)));
		}
		// the time an id tells is its millisecond, never one the clock went back to
		assertThat(UuidUtil.getInstant(made.get(made.size() - 1)).toEpochMilli()).isEqualTo(t + 2);
	}

}
