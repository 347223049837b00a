package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

import com.github.f4b6a3.uuid.UuidCreator;
import com.github.f4b6a3.uuid.util.UuidUtil;

/**
 * A chat event's id: a UUIDv7 (RFC 9562), unique for all time and across nodes without coordination, and
 * ordered by time. Within one millisecond a node's ids still grow (the random part counts up by one), so
 * paging a history by id never skips or repeats an event sent in the same millisecond.
 */
public record MessageId(UUID value) implements Comparable<MessageId> {

	/**
	 * A new id, greater than every id made before it on this node; its time is now. An event's id is made by the
	 * core; others take one as a bound (a replay up to now).
	 */
	public static MessageId next() {
		return new MessageId(UuidCreator.getTimeOrderedEpochPlus1());
	}

	/** The millisecond the id was made in. */
	public Instant time() {
		return UuidUtil.getInstant(this.value);
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
