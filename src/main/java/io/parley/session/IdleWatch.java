package io.parley.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import io.parley.limits.LimitProperties;
import io.parley.protocol.Reply;

/**
 * Pings a session that has been quiet for {@code parley.limits.idle.ping-after}, and ends it when nothing
 * comes back within {@code timeout} of that ping. Checks run on the sessions' timer thread, so no thread waits on a
 * quiet client; a session is never ended without having been pinged first, however late the scheduler runs.
 * <p>
 * Only sessions whose clients answer pings by themselves are watched, unless the operator turns on
 * {@code parley.limits.idle.ping-line-clients}: a human on {@code nc} who only reads would otherwise be cut
 * off for not typing. A peer that is gone is found by TCP keep-alive ({@code parley.limits.idle.keep-alive.*}).
 */
@Component
public class IdleWatch {

	private final TaskScheduler scheduler;

	private final LimitProperties.Idle limits;

	public IdleWatch(@Qualifier("sessionTimers") TaskScheduler scheduler, LimitProperties properties) {
		this.scheduler = scheduler;
		this.limits = properties.idle();
	}

	/** Watches {@code session} if its client answers pings by itself or line clients are to be pinged too. */
	public void watch(Session session, boolean clientAnswersPings) {
		if (!clientAnswersPings && !this.limits.pingLineClients()) {
			return;
		}
		Duration period = min(this.limits.pingAfter(), this.limits.timeout());
		Check check = new Check(session, this.limits.pingAfter().toMillis(), this.limits.timeout().toMillis());
		check.task = this.scheduler.scheduleAtFixedRate(check, Instant.now().plus(period), period);
		session.idleCheck(check.task);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** One session's watch; runs on one scheduler thread at a time (fixed rate never overlaps itself). */
	private static final class Check implements Runnable {

		private final Session session;

		private final long pingAfter;

		private final long timeout;

		private volatile ScheduledFuture<?> task;

		/** When the unanswered ping went out, or 0 when the session has been heard from since. */
		private long pingedAt;

		Check(Session session, long pingAfter, long timeout) {
			this.session = session;
			this.pingAfter = pingAfter;
			this.timeout = timeout;
		}

		@Override
		public void run() {
			if (this.session.isClosed() || this.session.isEnding()) {
				ScheduledFuture<?> self = this.task;
				if (self != null) {
					self.cancel(false);
				}
				return;
			}
			long now = System.currentTimeMillis();
			long lastHeard = this.session.lastActivityAt().toEpochMilli();
			if (this.pingedAt != 0 && lastHeard >= this.pingedAt) {
				this.pingedAt = 0;
			}
			if (this.pingedAt != 0) {
				if (now - this.pingedAt >= this.timeout) {
					this.session.end(new Reply.Bye("ping-timeout"), true);
				}
			}
			else if (now - lastHeard >= this.pingAfter) {
				this.pingedAt = now;
				this.session.send(new Reply.Ping(Long.toString((now - lastHeard) / 1000)));
			}
		}

	}

}
