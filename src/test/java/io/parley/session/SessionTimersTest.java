package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A session's timers (its login deadline, its idle watch) go when the session does: a cancelled timer left in
 * the scheduler's queue would hold the whole session in memory until its time came, a minute or two after the
 * client left.
 */
// a context of its own (any setting of its own makes one): in the shared one, sessions other tests left behind
// add and drop close timers while this test counts the queue
// line clients pinged too, so that each session has an idle watch to leave behind
@ParleyTest(properties = { "parley.limits.idle.ping-after=2m", "parley.limits.idle.ping-line-clients=true" })
class SessionTimersTest {

	private static final int SESSIONS = 20;

	@Autowired
	LineServer server;

	@Autowired
	@Qualifier("sessionTimers")
	ThreadPoolTaskScheduler timers;

	@Test
	void sessionsThatLoggedInAndLeftLeaveNoTimerQueued() throws Exception {
		BlockingQueue<Runnable> queued = this.timers.getScheduledThreadPoolExecutor().getQueue();
		int before = queued.size();
		List<ChatClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < SESSIONS; i++) {
				// each gets a login deadline, cancelled by the login, and an idle watch
				clients.add(this.server.register("timer"));
			}
			assertThat(queued.size()).isGreaterThanOrEqualTo(before + SESSIONS);
		}
		finally {
			for (ChatClient client : clients) {
				client.close();
			}
		}
		// a close may leave its grace timer (parley.sessions.close-grace, 2 s) for a moment; nothing stays
		await().atMost(Duration.ofSeconds(10)).until(() -> queued.size() <= before);
	}

}
