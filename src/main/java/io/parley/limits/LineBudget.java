package io.parley.limits;

import java.time.Duration;

import io.github.bucket4j.Bucket;

/**
 * One session's allowance of lines: a token bucket, and the refusals in a row that tell a flood from a
 * client that is only a little too fast. Taken from by the session's reader thread alone.
 */
public final class LineBudget {

	/** What becomes of a line. */
	public enum Verdict {

		/** Handle it. */
		TAKEN,
		/** Drop it and say so ({@code ERR rate-limited}). */
		REFUSED,
		/** Drop it and cut the session off ({@code BYE flooding}). */
		FLOODING

	}

	private final Bucket bucket;

	private final int cutAfter;

	private int refusedInARow;

	LineBudget(LimitProperties.Messages limits) {
		this.bucket = Bucket.builder()
			.addLimit(limit -> limit.capacity(limits.burst()).refillGreedy(limits.rate(), Duration.ofSeconds(1)))
			.build();
		this.cutAfter = limits.cutAfter();
	}

	public Verdict take() {
		if (this.bucket.tryConsume(1)) {
			this.refusedInARow = 0;
			return Verdict.TAKEN;
		}
		return (++this.refusedInARow >= this.cutAfter) ? Verdict.FLOODING : Verdict.REFUSED;
	}

}
