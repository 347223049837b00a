package io.parley.admin;

import static io.parley.admin.AdminSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.account.AccountService;
import io.parley.chat.Logins;
import io.parley.session.Session;
import io.parley.session.SessionRegistry;
import io.parley.support.AdminHttp;
import io.parley.support.AdminHttp.Response;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** {@code /api/admin/users}, checked against what chat clients then see. */
@ParleyTest
class UserAdminTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Autowired
	AccountService accounts;

	@Autowired
	Logins chat;

	@Autowired
	SessionRegistry sessions;

	@Test
	void createGetAndListAccounts() {
		String name = LineServer.uniqueName("Grace");
		Response created = create(name, "ADMIN");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/admin/users/" + name);
		assertThat(created.json().path("role").asString()).isEqualTo("ADMIN");
		assertThat(created.body()).doesNotContain("password").doesNotContain("$2a$");

		JsonNode got = this.http.admin().get("/api/admin/users/" + name.toLowerCase()).json();
		assertThat(got.path("name").asString()).isEqualTo(name);
		assertThat(got.path("banned").asBoolean()).isFalse();
		assertThat(got.path("sessions").asInt()).isZero();
		assertThat(got.path("createdAt").asString()).isNotBlank();

		JsonNode firstPage = this.http.admin().get("/api/admin/users?page=0&size=1").json();
		assertThat(firstPage.path("users").size()).isEqualTo(1);
		assertThat(firstPage.path("size").asInt()).isEqualTo(1);
		long total = firstPage.path("total").asLong();
		assertThat(total).isGreaterThanOrEqualTo(2);
		JsonNode all = this.http.admin().get("/api/admin/users?size=500").json();
		assertThat(all.path("users").size()).isEqualTo((int) total);
		assertThat(all.toString()).contains("\"" + name + "\"");
	}

	@Test
	void badInputIs400NamingTheField() {
		Response badName = this.http.admin()
			.post("/api/admin/users", "{\"name\":\"1bad name\",\"password\":\"password1\",\"role\":\"USER\"}");
		assertProblem(badName, 400, "bad-syntax");
		assertThat(badName.json().at("/errors/0/field").asString()).isEqualTo("name");

		Response shortPassword = this.http.admin()
			.post("/api/admin/users", "{\"name\":\"okname\",\"password\":\"short\",\"role\":\"USER\"}");
		assertThat(shortPassword.json().at("/errors/0/field").asString()).isEqualTo("password");

		Response spacedPassword = this.http.admin()
			.post("/api/admin/users", "{\"name\":\"okname\",\"password\":\"has spaces in\",\"role\":\"USER\"}");
		assertProblem(spacedPassword, 400, "weak-password");
		assertThat(spacedPassword.json().at("/errors/0/field").asString()).isEqualTo("password");

		Response missingRole = this.http.admin().post("/api/admin/users", "{\"name\":\"okname\",\"password\":\"password1\"}");
		assertThat(missingRole.json().at("/errors/0/field").asString()).isEqualTo("role");
		assertThat(missingRole.json().at("/errors/0/message").asString()).isEqualTo("is required");

		Response unknownRole = this.http.admin()
			.post("/api/admin/users", "{\"name\":\"okname\",\"password\":\"password1\",\"role\":\"KING\"}");
		assertProblem(unknownRole, 400, "bad-syntax");
		assertThat(unknownRole.json().at("/errors/0/field").asString()).isEqualTo("role");

		assertProblem(this.http.admin().post("/api/admin/users", "{not json"), 400, "bad-syntax");
		Response badPage = this.http.admin().get("/api/admin/users?size=0");
		assertProblem(badPage, 400, "bad-syntax");
		assertThat(badPage.json().at("/errors/0/field").asString()).isEqualTo("size");
		Response notANumber = this.http.admin().get("/api/admin/users?size=abc");
		assertProblem(notANumber, 400, "bad-syntax");
		assertThat(notANumber.json().at("/errors/0/field").asString()).isEqualTo("size");
	}

	@Test
	void aPageFarPastTheEndIsEmptyNotAnError() {
		// page * size overflows an int
		Response far = this.http.admin().get("/api/admin/users?page=2147483647&size=500");
		assertThat(far.status()).as(far.toString()).isEqualTo(200);
		assertThat(far.json().path("users").size()).isZero();
		assertThat(far.json().path("total").asLong()).isPositive();
	}

	@Test
	void theFrameworksOwnErrorsAreProblemsWithACodeToo() {
		assertProblem(this.http.admin().get("/api/admin/nothing-here"), 404, "not-found");
		assertProblem(this.http.admin().send("PATCH", "/api/admin/users", "{}"), 405, "method-not-allowed");
		assertProblem(this.http.admin().send("POST", "/api/admin/users", "name=x", "text/plain"), 415,
				"unsupported-media-type");
	}

	@Test
	void aTakenNameIs409AndAnUnknownUser404() {
		assertProblem(create("ADMIN", "USER"), 409, "name-taken");
		assertProblem(this.http.admin().get("/api/admin/users/nobody-here"), 404, "no-such-user");
		assertProblem(this.http.admin().put("/api/admin/users/nobody-here/ban", null), 404, "no-such-user");
		assertProblem(this.http.admin().delete("/api/admin/users/nobody-here"), 404, "no-such-user");
	}

	@Test
	void aRoleChangeTakesEffectAtTheNextRequest() throws Exception {
		try (ChatClient helper = this.server.register("helper")) {
			String name = helper.name();
			assertThat(this.http.as(name, "password1").get("/api/admin/rooms").status()).isEqualTo(403);
			Response promoted = this.http.admin().put("/api/admin/users/" + name + "/role", "{\"role\":\"ADMIN\"}");
			assertThat(promoted.json().path("role").asString()).isEqualTo("ADMIN");
			assertThat(promoted.json().path("sessions").asInt()).isEqualTo(1);
			assertThat(this.http.as(name, "password1").get("/api/admin/rooms").status()).isEqualTo(200);
			this.http.admin().put("/api/admin/users/" + name + "/role", "{\"role\":\"USER\"}");
			assertThat(this.http.as(name, "password1").get("/api/admin/rooms").status()).isEqualTo(403);
		}
	}

	@Test
	void theLastAdminCannotBeDemotedBannedOrDeleted() {
		// other tests in this context make admins of their own: leave admin the only one
		for (JsonNode user : this.http.admin().get("/api/admin/users?size=500").json().path("users")) {
			String name = user.path("name").asString();
			if (user.path("role").asString().equals("ADMIN") && !name.equals("admin")) {
				assertThat(this.http.admin().put("/api/admin/users/" + name + "/role", "{\"role\":\"USER\"}").status())
					.isEqualTo(200);
			}
		}
		// a banned admin cannot act, so it does not count
		String banned = LineServer.uniqueName("benched");
		create(banned, "ADMIN");
		this.http.admin().put("/api/admin/users/" + banned + "/ban", null);

		String only = "/api/admin/users/admin";
		assertProblem(this.http.admin().put(only + "/role", "{\"role\":\"USER\"}"), 409, "forbidden");
		assertProblem(this.http.admin().put(only + "/ban", null), 409, "forbidden");
		assertProblem(this.http.admin().delete(only), 409, "forbidden");
		assertThat(this.http.admin().get(only).json().path("role").asString()).isEqualTo("ADMIN");
	}

	@Test
	void aPasswordResetLetsTheUserInWithTheNewPasswordOnly() throws Exception {
		String name;
		try (ChatClient user = this.server.register("forgetful")) {
			name = user.name();
		}
		Response reset = this.http.admin().put("/api/admin/users/" + name + "/password", "{\"password\":\"brand-new-1\"}");
		assertThat(reset.status()).isEqualTo(204);
		try (ChatClient client = this.server.connect()) {
			client.send("/login " + name + " password1").expectPrefix("ERR bad-credentials ");
			client.send("/login " + name + " brand-new-1").expect("OK login " + name);
		}
	}

	@Test
	void aBanEndsTheSessionsAndRefusesLoginsUntilUnbanned() throws Exception {
		try (ChatClient user = this.server.register("troll"); ChatClient witness = this.server.register("witness")) {
			String name = user.name();
			LineServer.joinAll("banroom", witness, user);
			Response banned = this.http.admin().put("/api/admin/users/" + name + "/ban", null);
			assertThat(banned.status()).isEqualTo(200);
			assertThat(banned.json().path("banned").asBoolean()).isTrue();
			user.expect("BYE banned");
			user.expectClosed(Duration.ofSeconds(5));
			witness.expect("LEAVE banroom " + name);

			try (ChatClient again = this.server.connect()) {
				again.send("/login " + name + " password1").expectPrefix("ERR banned ");
				assertThat(this.http.admin().delete("/api/admin/users/" + name + "/ban").json().path("banned").asBoolean())
					.isFalse();
				again.send("/login " + name + " password1").expect("OK login " + name);
			}
		}
	}

	/**
	 * A ban stored while a login's password is being checked: the ban's sweep of the online sessions missed
	 * the login, so the login itself must see the ban once it is online.
	 */
	@Test
	void aLoginThatRacesABanOrADeletionEndsWithIt() throws Exception {
		String banned = registered("racer");
		String deleted = registered("vanisher");
		this.accounts.setBanned(banned, true);
		this.accounts.delete(deleted);
		for (String[] login : new String[][] { { banned, "BYE banned" }, { deleted, "BYE account-deleted" } }) {
			try (ChatClient client = this.server.connect()) {
				String address = client.socket().getLocalSocketAddress().toString().replaceFirst("^.*/", "");
				Session session = this.sessions.all().stream()
					.filter(s -> s.remoteAddress().equals(address))
					.findFirst()
					.orElseThrow();
				// the password was checked before the ban: the login goes on from there
				assertThat(this.chat.enter(session, login[0], "login")).isNull();
				session.releaseHeld(); // as a login does once it has answered (Logins.enter)
				client.expect(login[1]);
				client.expectClosed(Duration.ofSeconds(5));
			}
		}
		assertThat(this.http.admin().get("/actuator/sessions/" + banned).json().path("count").asInt()).isZero();
	}

	private String registered(String prefix) throws Exception {
		try (ChatClient user = this.server.register(prefix)) {
			return user.name();
		}
	}

	@Test
	void deletingAUserEndsItsSessionsAndFreesTheName() throws Exception {
		try (ChatClient user = this.server.register("leaver")) {
			String name = user.name();
			assertThat(this.http.admin().delete("/api/admin/users/" + name).status()).isEqualTo(204);
			user.expect("BYE account-deleted");
			user.expectClosed(Duration.ofSeconds(5));
			assertProblem(this.http.admin().get("/api/admin/users/" + name), 404, "no-such-user");
			try (ChatClient newcomer = this.server.connect()) {
				newcomer.send("/register " + name + " password2").expect("OK register " + name);
			}
		}
	}

	private Response create(String name, String role) {
		return this.http.admin()
			.post("/api/admin/users",
					"{\"name\":\"" + name + "\",\"password\":\"password1\",\"role\":\"" + role + "\"}");
	}

}
