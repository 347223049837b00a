package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** {@code /api/admin/history}: an admin pages a room's history and deletes a message, which later reads no longer show. */
@ParleyTest
class HistoryAdminTest {

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void anAdminPagesARoomsHistoryAndDeletesAMessage() throws Exception {
		String room = LineServer.uniqueName("moderated");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("/join " + room).expect("OK join " + room);
			for (int i = 0; i < 5; i++) {
				alice.send("/say " + room + " line " + i);
			}
			alice.send("/ping sync").expect("PONG sync");
			AdminHttp.Response first = this.http.admin().get("/api/admin/history/rooms/" + room + "?limit=3");
			assertThat(first.status()).isEqualTo(200);
			assertThat(texts(first.json())).containsExactly("line 2", "line 3", "line 4");
			String next = first.json().path("next").asText();
			AdminHttp.Response older = this.http.admin().get(next);
			assertThat(texts(older.json())).containsExactly("line 0", "line 1");
			assertThat(older.json().path("next").isNull()).isTrue();

			String id = first.json().path("messages").get(0).path("id").asText();
			assertThat(this.http.admin().delete("/api/admin/history/messages/" + id).status()).isEqualTo(204);
			assertThat(this.http.admin().delete("/api/admin/history/messages/" + id).status()).isEqualTo(404);
			assertThat(this.http.admin().delete("/api/admin/history/messages/not-an-id").status()).isEqualTo(404);
			alice.send("/history " + room);
			assertThat(LineHistoryTest.readBlock(alice).messages()).extracting(LineHistoryTest.Hist::text)
				.containsExactly("line 0", "line 1", "line 3", "line 4");

			assertThat(this.http.admin().get("/api/admin/history/rooms/" + room + "?before=nope").status()).isEqualTo(400);
			assertThat(this.http.admin().get("/api/admin/history/rooms/" + room + "?limit=0").status()).isEqualTo(400);
			assertThat(this.http.admin().get("/api/admin/history/rooms/bad!room").status()).isEqualTo(400);
			String user = this.http.createUser("plain");
			assertThat(this.http.as(user, "password1").get("/api/admin/history/rooms/" + room).status()).isEqualTo(403);
		}
	}

	private static List<String> texts(JsonNode page) {
		List<String> texts = new ArrayList<>();
		page.path("messages").forEach(m -> texts.add(m.path("text").asText()));
		return texts;
	}

}
