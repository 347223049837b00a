package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A connection has {@code parley.sessions.login-timeout} (1 s here) to log in; then it is said BYE and closed. Only a
 * login ends that time: no other command, and no login that was refused.
 */
@ParleyTest(properties = { "parley.sessions.login-timeout=1s", "parley.sessions.max-per-user=2" })
class LoginTimeoutTest {

	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	@Autowired
	LineServer server;

	@Test
	void anAnonymousConnectionIsSentAwayWhenItsTimeIsUp() throws Exception {
		long start = System.nanoTime();
		try (ChatClient client = this.server.connect()) {
			client.expect("BYE login-timeout");
			// not early: the time runs from when the server opened the session, after this client began to connect
			// (the margin allows for the scheduler's millisecond clock)
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(LOGIN_TIMEOUT.minusMillis(100));
			client.expectClosed(CLOSE_WAIT);
		}
	}

	@Test
	void commandsAndRefusedLoginsDoNotExtendTheTime() throws Exception {
		try (ChatClient owner = this.server.register("owner"); ChatClient client = this.server.connect()) {
			List<String[]> commands = List.of(new String[] { "/ping busy", "PONG busy" },
					new String[] { "/login " + owner.name() + " wrong-password",
							"ERR bad-credentials wrong name or password; try again or /register a new name" },
					new String[] { "/register " + LineServer.uniqueName("weak") + " short",
							"ERR weak-password a password is 8-128 characters without spaces" });
			// keep the connection busy: if activity counted, the BYE would never come
			long deadline = System.nanoTime() + LOGIN_TIMEOUT.multipliedBy(5).toNanos();
			for (int i = 0;; i++) {
				if (System.nanoTime() > deadline) {
					fail("still connected " + LOGIN_TIMEOUT.multipliedBy(5) + " after connecting, " + i + " commands on");
				}
				String[] command = commands.get(i % commands.size());
				String reply = client.send(command[0]).readLine();
				if (reply.equals("BYE login-timeout")) {
					break;
				}
				assertThat(reply).isEqualTo(command[1]);
			}
			client.expectClosed(CLOSE_WAIT);
		}
	}

	@Test
	void aClientThatLogsInInTimeStays() throws Exception {
		try (ChatClient registered = this.server.register("intime"); ChatClient loggedIn = this.server.connect()) {
			loggedIn.send("/login " + registered.name() + " password1").expect("OK login " + registered.name());
			registered.expectNothing(LOGIN_TIMEOUT.plusMillis(500));
			loggedIn.expectNothing(Duration.ofMillis(10));
			registered.send("/ping later").expect("PONG later");
			loggedIn.send("/ping later").expect("PONG later");
		}
	}

	@Test
	void aLoginRefusedForTooManySessionsLeavesTheConnectionAnonymous() throws Exception {
		// two sessions per user here: the third login is refused
		try (ChatClient first = this.server.register("crowd"); ChatClient second = this.server.connect();
				ChatClient third = this.server.connect()) {
			second.send("/login " + first.name() + " password1").expect("OK login " + first.name());
			third.send("/login " + first.name() + " password1")
				.expect("ERR too-many-sessions " + first.name() + " already has 2 sessions; /quit one of them first");
			third.expect("BYE login-timeout");
			third.expectClosed(CLOSE_WAIT);
			first.send("/ping alive").expect("PONG alive");
			second.send("/ping alive").expect("PONG alive");
		}
	}

}
