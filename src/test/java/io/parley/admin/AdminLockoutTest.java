package io.parley.admin;

import static io.parley.admin.AdminSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

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

/**
 * Password guessing over HTTP meets the chat's budgets, and the two count together; an address's budget never
 * refuses an account that knows the address; admins see and reset lockouts.
 */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
// a context of its own (the budgets differ from LoginLockoutTest's)
@TestPropertySource(properties = { "parley.limits.login.max-failures=3", "parley.limits.login.lockout=1m",
		"parley.limits.login.address-max-failures=4", "parley.limits.login.address-lockout=1m" })
class AdminLockoutTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	/**
	 * One host (a NAT, an office) guesses at many names: the address is locked out for accounts that do not
	 * know it, but the admin, who works from there, is not; an admin sees the lockout and lifts it.
	 */
	@Test
	void guessesFromOneAddressLockItForStrangersNotForTheAdminWhoWorksThere(CapturedOutput output) throws Exception {
		assertThat(this.http.admin().get("/api/admin/users").status()).isEqualTo(200);
		String colleague = this.http.createUser("colleague"); // made by the admin: it never logged in from here
		// four names, none guessed at more than once: the address alone is what gets locked
		for (int i = 0; i < 4; i++) {
			assertProblem(this.http.as("nobody" + i, "guess-" + i).get("/api/admin/users"), 401, "bad-credentials");
		}
		AdminHttp.Response locked = this.http.as("nobody9", "guess-9").get("/api/admin/users");
		assertProblem(locked, 429, "rate-limited");
		assertThat(locked.header("Retry-After")).isNotNull();
		assertThat(output.getOut()).containsOnlyOnce("lockout of address 127.0.0.1 after 4 failed logins");

		// the admin logged in from this address before: its budget is its own
		assertThat(this.http.admin().get("/api/admin/users").status()).isEqualTo(200);
		// an account that never logged in from here is refused, over chat too (HTTP and chat count together)
		try (ChatClient client = this.server.connect()) {
			client.send("/login " + colleague + " password1").expectPrefix("ERR rate-limited ");
		}

		JsonNode lockouts = this.http.admin().get("/api/admin/lockouts").json();
		JsonNode address = find(lockouts.path("addresses"), "127.0.0.1");
		assertThat(address.path("locked").asBoolean()).isTrue();
		assertThat(address.path("failures").asInt()).isEqualTo(4);
		assertThat(address.path("lockedUntil").isNull()).isFalse();

		AdminHttp.Response reset = this.http.admin().delete("/api/admin/lockouts/addresses/127.0.0.1");
		assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
		assertThat(output.getOut()).contains("admin admin reset the login failures of address 127.0.0.1");
		try (ChatClient client = this.server.connect()) {
			client.send("/login " + colleague + " password1").expect("OK login " + colleague);
		}
		assertThat(this.http.admin().get("/v3/api-docs").json().path("paths").has("/api/admin/lockouts")).isTrue();
	}

	/**
	 * Guessing at one account from several addresses locks the account, but not for an address its owner
	 * logged in from: nobody can lock a user (the admin first) out by guessing at its name. 127.0.0.2 and up
	 * stand for other hosts.
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
		// the stranger was the owner on a new laptop: an admin lifts the lockout
		assertThat(find(this.http.admin().get("/api/admin/lockouts").json().path("accounts"), owner).path("locked")
			.asBoolean()).isTrue();
		assertThat(this.http.admin().delete("/api/admin/lockouts/accounts/" + owner).status()).isEqualTo(204);
		assertProblem(this.http.admin().delete("/api/admin/lockouts/accounts/nobody-here"), 404, "no-such-user");
		try (ChatClient stranger = this.server.connectFrom("127.0.0.6")) {
			stranger.send("/login " + owner + " password1").expect("OK login " + owner);
		}
	}

	private static JsonNode find(JsonNode list, String name) {
		List<JsonNode> matching = new ArrayList<>();
		for (JsonNode node : list) {
			if (node.path("name").asString().equals(name)) {
				matching.add(node);
			}
		}
		assertThat(matching).as(list.toString()).hasSize(1);
		return matching.get(0);
	}

}
