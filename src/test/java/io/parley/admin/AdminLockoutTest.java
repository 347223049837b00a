package io.parley.admin;

import static io.parley.admin.AdminSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** Password guessing over HTTP meets the chat's lockout, and the two count together. */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
// a context of its own (the lockout differs from LoginLockoutTest's): the address stays locked out after this
@TestPropertySource(properties = { "parley.limits.login.max-failures=3", "parley.limits.login.lockout=1m" })
class AdminLockoutTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Test
	void repeatedFailuresFromOneAddressAreRefusedWith429EvenWithTheRightPassword(CapturedOutput output)
			throws Exception {
		// three names, none guessed at more than once: the address alone is what gets locked
		for (int i = 0; i < 3; i++) {
			assertProblem(this.http.as("nobody" + i, "guess-" + i).get("/api/admin/users"), 401, "bad-credentials");
		}
		AdminHttp.Response locked = this.http.admin().get("/api/admin/users");
		assertProblem(locked, 429, "rate-limited");
		assertThat(locked.header("Retry-After")).isEqualTo("60");
		assertThat(output.getOut()).containsOnlyOnce("lockout of address 127.0.0.1 after 3 failed logins");

		// the same address is locked out of chat logins too
		try (ChatClient client = this.server.connect()) {
			client.send("/login admin " + AdminHttp.ADMIN_PASSWORD).expectPrefix("ERR rate-limited ");
		}
	}

	/**
	 * Guessing at one account from several addresses locks the account, but not for an address its owner
	 * logged in from: nobody can lock a user (the admin first) out by guessing at its name. 127.0.0.2 and up
	 * stand for other hosts; the HTTP test above has locked 127.0.0.1.
	 */
	@Test
	void guessesAtAnAccountLockItForNewAddressesButNotForItsOwners(CapturedOutput output) throws Exception {
		String owner;
		try (ChatClient registered = this.server.register("owner")) {
			owner = registered.name();
		}
		try (ChatClient ownHost = this.server.connectFrom("127.0.0.5")) {
			ownHost.send("/login " + owner + " password1").expect("OK login " + owner);
		}
		for (String attacker : new String[] { "127.0.0.2", "127.0.0.3", "127.0.0.4" }) {
			try (ChatClient client = this.server.connectFrom(attacker)) {
				client.send("/login " + owner + " guess-" + attacker).expectPrefix("ERR bad-credentials ");
			}
		}
		assertThat(output.getOut()).containsPattern("INFO .* lockout of account " + owner
				+ " after 3 failed logins, the last from 127\\.0\\.0\\.4");
		try (ChatClient stranger = this.server.connectFrom("127.0.0.6")) {
			stranger.send("/login " + owner + " password1").expectPrefix("ERR rate-limited ");
		}
		try (ChatClient ownHost = this.server.connectFrom("127.0.0.5")) {
			ownHost.send("/login " + owner + " password1").expect("OK login " + owner);
		}
	}

}
