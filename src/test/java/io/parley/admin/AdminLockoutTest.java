package io.parley.admin;

import static io.parley.admin.AdminSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** Password guessing over HTTP meets the chat's lockout, and the two count together. */
@ParleyTest
// a context of its own (the lockout differs from LoginLockoutTest's): the address stays locked out after this
@TestPropertySource(properties = { "parley.limits.login.max-failures=3", "parley.limits.login.lockout=1m" })
class AdminLockoutTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Test
	void repeatedFailuresFromOneAddressAreRefusedWith429EvenWithTheRightPassword() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertProblem(this.http.as("admin", "guess-" + i).get("/api/admin/users"), 401, "bad-credentials");
		}
		AdminHttp.Response locked = this.http.admin().get("/api/admin/users");
		assertProblem(locked, 429, "rate-limited");
		assertThat(locked.header("Retry-After")).isEqualTo("60");

		// the same address is locked out of chat logins too
		try (ChatClient client = this.server.connect()) {
			client.send("/login admin " + AdminHttp.ADMIN_PASSWORD).expectPrefix("ERR rate-limited ");
		}
	}

}
