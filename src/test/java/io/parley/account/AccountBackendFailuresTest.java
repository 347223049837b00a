package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * When the account side cannot serve: a login that finds the hashing pool (one thread and one place in its queue
 * here) full gets {@code server-busy}; a failing database gets {@code internal-error}. Either way the connection
 * goes on, and works again once the account side does.
 */
@ParleyTest(properties = { "parley.accounts.hash-threads=1", "parley.accounts.hash-queue=1" })
@ExtendWith(OutputCaptureExtension.class)
class AccountBackendFailuresTest {

	private static final String BUSY = "ERR server-busy too many logins in progress; try again in a few seconds";

	private static final String INTERNAL_ERROR = "ERR internal-error the server failed to handle that line; "
			+ "try again, and tell an operator if it persists";

	@Autowired
	LineServer server;

	@Autowired
	@Qualifier("passwordHashExecutor")
	ThreadPoolTaskExecutor hashPool;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loginsAndRegistrationsThatFindTheHashingPoolFullAreTurnedAwayAsBusy() throws Exception {
		String newcomer = LineServer.uniqueName("newcomer");
		// from an address the owner never logged in from: a stranger's login, in the lane the blocked pool refuses
		try (ChatClient owner = this.server.register("owner"); ChatClient client = this.server.connectFrom("127.0.0.2")) {
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			try {
				// the one hashing thread waits for the test, and a task that does nothing takes the one place in
				// the queue: hashes that come now find no room, whatever the machine's speed
				this.hashPool.execute(() -> {
					running.countDown();
					awaitQuietly(release);
				});
				assertThat(running.await(5, TimeUnit.SECONDS)).as("the hashing thread took the blocking task").isTrue();
				this.hashPool.execute(() -> {
				});
				client.send("/login " + owner.name() + " password1").expect(BUSY);
				client.send("/register " + newcomer + " password1").expect(BUSY);
				client.send("/ping still-here").expect("PONG still-here");
			}
			finally {
				release.countDown();
			}
			ThreadPoolExecutor pool = this.hashPool.getThreadPoolExecutor();
			await().atMost(Duration.ofSeconds(5)).until(() -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
			client.send("/register " + newcomer + " password1").expect("OK register " + newcomer);
		}
	}

	@Test
	void aFailingDatabaseIsAnInternalErrorLoggedAsSuchAndTheConnectionGoesOn(CapturedOutput output) throws Exception {
		String name = LineServer.uniqueName("unlucky");
		try (ChatClient client = this.server.connect()) {
			this.jdbc.sql("ALTER TABLE account RENAME TO account_away").update();
			try {
				client.send("/register " + name + " password1").expect(INTERNAL_ERROR);
				client.send("/login " + name + " password1").expect(INTERNAL_ERROR);
				client.send("/ping still-here").expect("PONG still-here");
			}
			finally {
				this.jdbc.sql("ALTER TABLE account_away RENAME TO account").update();
			}
			client.send("/register " + name + " password1").expect("OK register " + name);
		}
		// an operator must act on a broken database: README.md keeps ERROR for that (deliberately provoked here)
		assertThat(output.getAll()).contains(" ERROR ", "Failed to handle a line from session");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
