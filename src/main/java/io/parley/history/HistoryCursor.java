package io.parley.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A point in a history: a message's id, or a time (IRC's {@code timestamp=}). Pages are always read by id: a time
 * becomes the smallest or the largest id of its millisecond, as the bound needs it, so that "after 12:00:00.123"
 * leaves out every message of that millisecond and "before" it too (ids of a UUIDv7 start with their millisecond).
 */
public sealed interface HistoryCursor {

	/** A UUIDv7 as text, any case. */
	Pattern MESSAGE_ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

	/** The bound for "after this point": the id itself, or the last id a millisecond can have. */
	UUID lowerBound();

	/** The bound for "before this point": the id itself, or the first id a millisecond can have. */
	UUID upperBound();

	/** A message id as a client wrote it; empty when it is not one of ours (a UUIDv7). */
	static Optional<HistoryCursor> parseId(String text) {
		return MESSAGE_ID.matcher(text).matches() ? Optional.of(new ById(UUID.fromString(text))) : Optional.empty();
	}

	record ById(UUID id) implements HistoryCursor {

		@Override
		public UUID lowerBound() {
			return this.id;
		}

		@Override
		public UUID upperBound() {
			return this.id;
		}

	}

	record AtTime(Instant time) implements HistoryCursor {

		@Override
		public UUID lowerBound() {
			// version 7, every random bit set; the variant's 10 and the rest ones
			return new UUID((millis() << 16) | 0x7FFFL, 0xBFFF_FFFF_FFFF_FFFFL);
		}

		@Override
		public UUID upperBound() {
			return new UUID((millis() << 16) | 0x7000L, 0x8000_0000_0000_0000L);
		}

		/** Clamped to the 48 bits a UUIDv7 has for it: a time before 1970 or after 10889 is the first or last. */
		private long millis() {
			return Math.max(0, Math.min(this.time.toEpochMilli(), (1L << 48) - 1));
		}

	}

}
