package io.parley.admin;

import static io.parley.admin.AdminSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** {@code /api/admin/rooms} and {@code /api/admin/announcements}. */
@ParleyTest
class RoomsAndAnnouncementsTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Test
	void roomsAreListedWithCountsAndShownWithMembers() throws Exception {
		try (ChatClient a = this.server.register("ann"); ChatClient b = this.server.register("ben")) {
			LineServer.joinAll("#Garden", a, b);
			assertThat(this.http.admin().get("/api/admin/rooms").json().toString())
				.contains("{\"room\":\"garden\",\"members\":2}");
			AdminHttp.Response garden = this.http.admin().get("/api/admin/rooms/Garden");
			assertThat(garden.json().path("room").asString()).isEqualTo("garden");
			assertThat(garden.json().path("members").toString())
				.isEqualTo("[\"" + a.name() + "\",\"" + b.name() + "\"]");
		}
		assertProblem(this.http.admin().get("/api/admin/rooms/garden-gone"), 404, "no-room");
	}

	@Test
	void anAnnouncementReachesEverySessionLoggedInOrNot() throws Exception {
		try (ChatClient anonymous = this.server.connect(); ChatClient user = this.server.register("hal")) {
			AdminHttp.Response sent = this.http.admin()
				.post("/api/admin/announcements", "{\"text\":\"restart at 10:00\\u001b[31m\"}");
			assertThat(sent.status()).isEqualTo(200);
			assertThat(sent.json().path("sessions").asInt()).isGreaterThanOrEqualTo(2);
			anonymous.expect("NOTICE restart at 10:00[31m");
			user.expect("NOTICE restart at 10:00[31m");
		}
	}

	@Test
	void aRoomAnnouncementReachesOnlyItsMembers() throws Exception {
		try (ChatClient inside = this.server.register("ida"); ChatClient outside = this.server.register("oz")) {
			inside.send("/join quiet").expect("OK join quiet");
			AdminHttp.Response sent = this.http.admin()
				.post("/api/admin/announcements", "{\"text\":\"room closes soon\",\"room\":\"#quiet\"}");
			assertThat(sent.json().path("sessions").asInt()).isEqualTo(1);
			inside.expect("NOTICE room closes soon");
			outside.expectNothing(Duration.ofMillis(300));
		}
		assertProblem(this.http.admin().post("/api/admin/announcements", "{\"text\":\"x\",\"room\":\"nowhere\"}"), 404,
				"no-room");
	}

	@Test
	void anAnnouncementNeedsTextAndAValidRoom() {
		AdminHttp.Response blank = this.http.admin().post("/api/admin/announcements", "{\"text\":\"  \"}");
		assertProblem(blank, 400, "bad-syntax");
		assertThat(blank.json().at("/errors/0/field").asString()).isEqualTo("text");
		AdminHttp.Response controlsOnly = this.http.admin().post("/api/admin/announcements", "{\"text\":\"\\u0007\"}");
		assertThat(controlsOnly.json().at("/errors/0/field").asString()).isEqualTo("text");
		AdminHttp.Response badRoom = this.http.admin()
			.post("/api/admin/announcements", "{\"text\":\"hi\",\"room\":\"no spaces\"}");
		assertThat(badRoom.json().at("/errors/0/field").asString()).isEqualTo("room");
		AdminHttp.Response tooLong = this.http.admin()
			.post("/api/admin/announcements", "{\"text\":\"" + "x".repeat(AnnouncementController.MAX_TEXT + 1) + "\"}");
		assertThat(tooLong.json().at("/errors/0/field").asString()).isEqualTo("text");
	}

}
