package io.parley.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler for every session's timers: the login deadline, the idle watch, the grace before a close.
 * <p>
 * Its own, rather than the shared one, because a cancelled timer must let go of its session at once: the
 * stock scheduler keeps a cancelled task queued until its time comes, and with it the whole session (buffers,
 * queue, connection) for as long as a login timeout or an idle period after the client has gone. Timer tasks
 * only queue lines, or hand a close to a writer task ({@link SendQueue#closeSoon}), so one thread does.
 */
@Configuration(proxyBeanMethods = false)
class SessionTimersConfiguration {

	@Bean
	ThreadPoolTaskScheduler sessionTimers() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("parley-timer-");
		scheduler.setPoolSize(1);
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

}
