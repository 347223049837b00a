package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/** A line to many sessions is encoded once per shared encoder, however many sessions speak it. */
class DeliveryTest {

	@Test
	void aRoomLineIsEncodedOncePerProtocolNotOncePerMember() {
		CountingEncoder line = new CountingEncoder("line");
		CountingEncoder irc = new CountingEncoder("irc");
		Delivery delivery = new Delivery(new Reply.RoomMessage("lobby", "ann", "hi", false, Instant.now()), 1);
		for (int member = 0; member < 200; member++) {
			CountingEncoder encoder = (member % 3 == 0) ? irc : line;
			assertThat(new String(delivery.bytesFor(encoder), StandardCharsets.UTF_8)).isEqualTo(encoder.name);
		}
		assertThat(line.encoded).hasValue(1);
		assertThat(irc.encoded).hasValue(1);
		// and the same bytes, not copies
		assertThat(delivery.bytesFor(line)).isSameAs(delivery.bytesFor(line));
	}

	private static final class CountingEncoder implements ReplyEncoder {

		private final String name;

		private final AtomicInteger encoded = new AtomicInteger();

		CountingEncoder(String name) {
			this.name = name;
		}

		@Override
		public byte[] encode(Reply reply) {
			this.encoded.incrementAndGet();
			return this.name.getBytes(StandardCharsets.UTF_8);
		}

	}

}
