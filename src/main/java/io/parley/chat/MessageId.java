package io.parley.chat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.f4b6a3.uuid.factory.standard.TimeOrderedEpochFactory;

/**
 * A chat event's id: a UUIDv7 (RFC 9562), unique for all time and across nodes without coordination, and
 * ordered by time. Within one millisecond a node's ids still grow (the random part counts up by one), so
 * paging a history by id never skips or repeats an event sent in the same millisecond.
 */
public record MessageId(UUID value) implements Comparable<MessageId> {

	/**
	 * The random part comes from a fast generator, not the library's default SecureRandom: an id needs to be
	 * unique, not secret (it is shown to every reader), and drawing from SecureRandom at every new millisecond
	 * cost a chat message about a tenth of its CPU (issue 14's profile).
	 */
	private static final Supplier<UUID> IDS = generator(System::currentTimeMillis);

	/**
	 * A new id, greater than every id made before it on this node (one factory, which counts up within a
	 * millisecond); its time is now. An event's id is made by the core; others take one as a bound (a replay up
	 * to now).
	 */
	public static MessageId next() {
		return new MessageId(IDS.get());
	}

	/**
	 * Ids from {@code wallClockMillis}, each greater than the one before. The library alone is not enough for that:
	 * it fills the 12 bits after the millisecond with the wall clock's sub-millisecond fraction, and a wall clock
	 * may step back (a VM, NTP); it then kept the millisecond but took the earlier fraction, and ids of one burst
	 * interleaved with those of a moment before (a history page in the wrong order, seen in CI). So the library is
	 * given whole milliseconds that never go back: within one, only its counter moves.
	 */
	static Supplier<UUID> generator(LongSupplier wallClockMillis) {
		AtomicLong lastMillis = new AtomicLong();
		TimeOrderedEpochFactory factory = TimeOrderedEpochFactory.builder()
			.withTimeFunction(() -> lastMillis.accumulateAndGet(wallClockMillis.getAsLong(), Math::max))
			.withIncrementPlus1()
			.withFastRandom()
			.build();
		return factory::create;
	}

	/** The millisecond the id was made in: a UUIDv7's first 48 bits. */
	public Instant time() {
		return Instant.ofEpochMilli(this.value.getMostSignificantBits() >>> 16);
	}

	@Override
	public int compareTo(MessageId other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
