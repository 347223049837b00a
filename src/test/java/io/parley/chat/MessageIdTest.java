package io.parley.chat;

import java.util.ArrayList;
import java.util.List;

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

}
