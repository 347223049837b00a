package io.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * A password change shuts out whoever logged in with the old one: after {@code /passwd} the account's other
 * sessions end with {@code BYE password-changed} (the session that changed it stays); after an admin's reset,
 * all of them.
 */
@ParleyTest
class PasswordChangeEndsSessionsTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void passwdEndsTheOtherSessionsAndKeepsItsOwn() throws Exception {
		try (ChatClient owner = this.server.register("changer"); ChatClient other = this.server.connect()) {
			String name = owner.name();
			other.send("/login " + name + " password1").expect("OK login " + name);
			owner.send("/passwd password1 new-password-2").expect("OK passwd");
			other.expect("BYE password-changed");
			other.expectClosed(WAIT);
			owner.send("/ping still-here").expect("PONG still-here");
			try (ChatClient old = this.server.connect()) {
				old.send("/login " + name + " password1").expectPrefix("ERR bad-credentials ");
			}
		}
	}

	@Test
	void anAdminResetEndsEverySessionOfTheAccount() throws Exception {
		try (ChatClient user = this.server.register("reset")) {
			AdminHttp.Response reset = this.http.admin()
				.put("/api/admin/users/" + user.name() + "/password", "{\"password\":\"new-password-2\"}");
			assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
			user.expect("BYE password-changed");
			user.expectClosed(WAIT);
		}
	}

}
