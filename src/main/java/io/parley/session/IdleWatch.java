package io.parley.session;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import io.parley.limits.LimitProperties;
import io.parley.protocol.Reply;

/**
 * Pings a session that has been quiet for {@code parley.limits.idle.ping-after}, and ends it when it stays
 * quiet for {@code timeout} more. One check per session every {@code timeout}, on the shared scheduler:
 * no thread waits on a quiet client.
 */
@Component
public class IdleWatch {

	private final TaskScheduler scheduler;

	private final LimitProperties.Idle limits;

	public IdleWatch(TaskScheduler taskScheduler, LimitProperties properties) {
		this.scheduler = taskScheduler;
		this.limits = properties.idle();
	}

	public void watch(Session session) {
		long pingAfter = this.limits.pingAfter().toMillis();
		long timeout = this.limits.timeout().toMillis();
		AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
		task.set(this.scheduler.scheduleAtFixedRate(() -> {
			if (session.isClosed() || session.isEnding()) {
				ScheduledFuture<?> self = task.get();
				if (self != null) {
					self.cancel(false);
				}
				return;
			}
			long quiet = System.currentTimeMillis() - session.lastActivityAt().toEpochMilli();
			if (quiet >= pingAfter + timeout) {
				session.end(new Reply.Bye("ping-timeout"), true);
			}
			else if (quiet >= pingAfter) {
				session.send(new Reply.Ping(Long.toString(quiet / 1000)));
			}
		}, Instant.now().plusMillis(Math.max(1, timeout)), this.limits.timeout()));
	}

}
