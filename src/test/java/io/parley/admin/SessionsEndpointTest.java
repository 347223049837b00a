package io.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** {@code /actuator/sessions}: what an operator sees of live sessions, and the kick. */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class SessionsEndpointTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Test
	void listsEverySessionWithItsUserRoomsAndCounters() throws Exception {
		try (ChatClient anonymous = this.server.connect(); ChatClient alice = this.server.register("alice")) {
			alice.send("/join Ops").expect("OK join ops");
			alice.send("/ping x").expect("PONG x");
			Instant before = Instant.now();

			JsonNode all = this.http.admin().get("/actuator/sessions").json();
			assertThat(all.path("count").asInt()).isEqualTo(all.path("sessions").size()).isGreaterThanOrEqualTo(2);
			JsonNode mine = sessionOf(all, alice.name());
			assertThat(mine.path("id").asString()).isNotBlank();
			assertThat(mine.path("protocol").asString()).isEqualTo("line");
			assertThat(mine.path("remoteAddress").asString()).isEqualTo("127.0.0.1:" + alice.socket().getLocalPort());
			assertThat(mine.path("rooms").toString()).isEqualTo("[\"ops\"]");
			assertThat(mine.path("linesIn").asLong()).isEqualTo(3); // register, join, ping
			assertThat(mine.path("linesOut").asLong()).isEqualTo(4); // HELLO and three replies
			assertThat(mine.path("sendQueueBytes").asLong()).isZero();
			Instant connected = Instant.parse(mine.path("connectedAt").asString());
			Instant active = Instant.parse(mine.path("lastActivityAt").asString());
			assertThat(connected).isBefore(before);
			assertThat(active).isAfterOrEqualTo(connected.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

			String anonymousAddress = "127.0.0.1:" + anonymous.socket().getLocalPort();
			JsonNode anon = find(all, "remoteAddress", anonymousAddress);
			assertThat(anon.path("user").isNull()).isTrue();
			assertThat(anon.path("rooms").size()).isZero();
		}
	}

	@Test
	void listsOneUsersSessionsWhateverTheCaseOfTheName() throws Exception {
		try (ChatClient first = this.server.register("bob")) {
			try (ChatClient second = this.server.connect()) {
				second.send("/login " + first.name() + " password1").expect("OK login " + first.name());
				JsonNode sessions = this.http.admin().get("/actuator/sessions/" + first.name().toUpperCase()).json();
				assertThat(sessions.path("count").asInt()).isEqualTo(2);
				sessions.path("sessions").forEach(s -> assertThat(s.path("user").asString()).isEqualTo(first.name()));
			}
		}
	}

	@Test
	void anAccountWithoutSessionsHasAnEmptyListAndAnUnknownNameIs404() {
		assertThat(this.http.admin().get("/actuator/sessions/admin").json().path("count").asInt()).isZero();
		AdminSecurityTest.assertProblem(this.http.admin().get("/actuator/sessions/nobody-here"), 404, "no-such-user");
	}

	@Test
	void aKickWithAJsonReasonEndsEverySessionOfTheUser() throws Exception {
		try (ChatClient first = this.server.register("carol"); ChatClient other = this.server.register("dave")) {
			try (ChatClient second = this.server.connect()) {
				second.send("/login " + first.name() + " password1").expect("OK login " + first.name());
				LineServer.joinAll("kicks", other, first);
				second.expect("JOIN kicks " + first.name()); // a user's own join shows on its other sessions

				// the name as typed in any case; the result names the user as registered
				AdminHttp.Response kicked = this.http.admin()
					.send("DELETE", "/actuator/sessions/" + first.name().toUpperCase(Locale.ROOT),
							"{\"reason\": \"spamming\\u0007 the room\"}");
				assertThat(kicked.status()).isEqualTo(200);
				assertThat(kicked.json().path("closed").asInt()).isEqualTo(2);
				assertThat(kicked.json().path("user").asString()).isEqualTo(first.name());

				for (ChatClient session : new ChatClient[] { first, second }) {
					session.expect("BYE kicked spamming the room");
					session.expectClosed(Duration.ofSeconds(5));
				}
				other.expect("LEAVE kicks " + first.name());
				assertThat(this.http.admin().get("/actuator/sessions/" + first.name()).json().path("count").asInt())
					.isZero();
			}
		}
	}

	@Test
	void aKickTakesItsReasonAsAParameterOrGoesWithoutAndIsLoggedOnce(CapturedOutput output) throws Exception {
		try (ChatClient one = this.server.register("erin"); ChatClient two = this.server.register("frank")) {
			this.http.admin().delete("/actuator/sessions/" + one.name() + "?reason=be%20nice");
			one.expect("BYE kicked be nice");
			this.http.admin().delete("/actuator/sessions/" + two.name());
			two.expect("BYE kicked");
			assertThat(output.getOut()).containsOnlyOnce("kick " + one.name() + " ")
				.containsPattern("INFO .* kick " + one.name() + " \\(1 session\\(s\\)\\) by admin: be nice")
				.containsPattern("INFO .* kick " + two.name() + " \\(1 session\\(s\\)\\) by admin\\R");
		}
	}

	@Test
	void kickingAnUnknownUserIs404AndAnOfflineOneClosesNothing() {
		AdminSecurityTest.assertProblem(this.http.admin().delete("/actuator/sessions/nobody-here"), 404,
				"no-such-user");
		AdminHttp.Response offline = this.http.admin().delete("/actuator/sessions/admin");
		assertThat(offline.status()).isEqualTo(200);
		assertThat(offline.json().path("closed").asInt()).isZero();
	}

	@Test
	void aKickBodyThatIsNotJsonIs400() {
		AdminHttp.Response bad = this.http.admin().send("DELETE", "/actuator/sessions/admin", "not json");
		AdminSecurityTest.assertProblem(bad, 400, "bad-syntax");
	}

	@Test
	void aKickReasonThatIsNotTextIs400NamingIt() {
		AdminHttp.Response number = this.http.admin().send("DELETE", "/actuator/sessions/admin", "{\"reason\": 42}");
		AdminSecurityTest.assertProblem(number, 400, "bad-syntax");
		assertThat(number.json().at("/errors/0/field").asString()).isEqualTo("reason");
	}

	@Test
	void aKickBodyOfAnotherMediaTypeIs415() {
		AdminHttp.Response text = this.http.admin()
			.send("DELETE", "/actuator/sessions/admin", "{\"reason\": \"x\"}", "text/plain");
		AdminSecurityTest.assertProblem(text, 415, "unsupported-media-type");
	}

	/** {@code curl -d} without a content type sends a form: its reason works, JSON in it is refused, not lost. */
	@Test
	void aFormBodyGivesTheReasonAndJsonSentAsAFormIs400() throws Exception {
		try (ChatClient user = this.server.register("formed")) {
			String form = "application/x-www-form-urlencoded";
			AdminSecurityTest.assertProblem(this.http.admin()
				.send("DELETE", "/actuator/sessions/" + user.name(), "{\"reason\":\"spam\"}", form), 400, "bad-syntax");
			user.send("/who").expectPrefix("WHO ");
			assertThat(this.http.admin().send("DELETE", "/actuator/sessions/" + user.name(), "reason=spam", form).status())
				.isEqualTo(200);
			user.expect("BYE kicked spam");
		}
	}

	/** The body is read only after security has passed the caller: an anonymous one learns nothing from it. */
	@Test
	void anAnonymousKickIs401WhateverItsBody() {
		AdminSecurityTest.assertProblem(this.http.anonymous().send("DELETE", "/actuator/sessions/admin", "not json"),
				401, "auth-required");
	}

	private static JsonNode sessionOf(JsonNode list, String user) {
		return find(list, "user", user);
	}

	private static JsonNode find(JsonNode list, String field, String value) {
		for (JsonNode session : list.path("sessions")) {
			if (value.equals(session.path(field).asString(null))) {
				return session;
			}
		}
		throw new AssertionError("no session with " + field + " " + value + " in " + list);
	}

}
