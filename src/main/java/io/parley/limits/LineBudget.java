package io.parley.limits;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One session's allowance of lines, as fake lag: a client over its allowance is slowed down, not refused. The
 * budget decides what becomes of each line ({@link Verdict}); the transport does the waiting. Taken from and
 * charged by the thread handling the session's lines alone (one at a time).
 * <p>
 * The allowance is a token bucket ({@code burst} lines, refilled at {@code rate} a second) kept as the time its
 * next line would be due at the steady rate (GCRA): a line may be handled once that time is no more than the
 * burst ahead of the clock. A line that must wait starts, or continues, a spell of being held back; a spell
 * ends with the first line that needs no wait (the client fell behind its allowance). A client held back
 * without a break for longer than {@code maxLag} is far ahead for long, a flood rather than a paste, and cut.
 */
public final class LineBudget {

	/** What becomes of a line. */
	public sealed interface Verdict {

		/** Handle it now. */
		record Now() implements Verdict {
		}

		/** Handle it at {@code nanoTime} ({@link System#nanoTime()}); it is paid for already. */
		record ResumeAt(long nanoTime) implements Verdict {
		}

		/** Do not handle it: the client has been far ahead for too long ({@code BYE flooding}). */
		record Cut() implements Verdict {
		}

	}

	private static final Verdict NOW = new Verdict.Now();

	private static final Verdict CUT = new Verdict.Cut();

	private final long lineNanos;

	private final long burstNanos;

	private final long maxLagNanos;

	private final LongSupplier clock;

	/** When the next line is due at the steady rate; at most the burst ahead of the clock, but for debt. */
	private long dueNanos;

	/** When the present spell of waits began; meaningless while {@link #held} is false. */
	private long heldSinceNanos;

	private boolean held;

	LineBudget(LimitProperties.Messages limits, LongSupplier clock) {
		this.lineNanos = Duration.ofSeconds(1).toNanos() / limits.rate();
		this.burstNanos = this.lineNanos * limits.burst();
		this.maxLagNanos = limits.maxLag().toNanos();
		this.clock = clock;
		this.dueNanos = clock.getAsLong();
	}

	/** Takes one line from the allowance. */
	public Verdict take() {
		long now = this.clock.getAsLong();
		long allowedAt = add(now, 1) - this.burstNanos;
		if (allowedAt - now <= 0) {
			this.held = false;
			return NOW;
		}
		if (!this.held) {
			this.held = true;
			this.heldSinceNanos = now;
		}
		return (allowedAt - this.heldSinceNanos > this.maxLagNanos) ? CUT : new Verdict.ResumeAt(allowedAt);
	}

	/**
	 * Charges {@code lines} more to the allowance for what the line being handled costs beyond one line (a
	 * message to four targets costs four); the session's next lines wait for it.
	 */
	public void charge(int lines) {
		if (lines > 0) {
			add(this.clock.getAsLong(), lines);
		}
	}

	/** Moves the due time {@code lines} on from now or from where it is, whichever is later; returns it. */
	private long add(long now, int lines) {
		long from = (this.dueNanos - now > 0) ? this.dueNanos : now;
		this.dueNanos = from + lines * this.lineNanos;
		return this.dueNanos;
	}

}
