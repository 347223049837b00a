package io.parley.admin;

import static io.parley.admin.AdminSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The admin API's lists come a page at a time, with the path of the next page in {@code next} (and a
 * {@code Link} header for rooms): rooms and sessions by cursor, accounts by page number.
 */
@ParleyTest
class AdminPagingTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Test
	void roomsArePagedByCursorWithANextLinkUntilTheLastPage() throws Exception {
		String prefix = LineServer.uniqueName("paged");
		Set<String> created = new HashSet<>();
		try (ChatClient member = this.server.register("pager")) {
			for (int i = 0; i < 25; i++) {
				String room = prefix + "-" + i;
				member.send("/join " + room).expect("OK join " + room);
				created.add(room);
			}
			List<String> listed = new ArrayList<>();
			String path = "/api/admin/rooms?limit=10";
			int pages = 0;
			while (path != null) {
				AdminHttp.Response page = this.http.admin().get(path);
				assertThat(page.status()).isEqualTo(200);
				JsonNode body = page.json();
				assertThat(body.path("rooms").size()).isLessThanOrEqualTo(10);
				body.path("rooms").forEach(room -> listed.add(room.path("room").asString()));
				path = body.path("next").isNull() ? null : body.path("next").asString();
				assertThat(page.header("Link")).isEqualTo(path == null ? null : "<" + path + ">; rel=\"next\"");
				pages++;
			}
			assertThat(pages).isGreaterThanOrEqualTo(3);
			assertThat(listed).isSorted().doesNotHaveDuplicates().containsAll(created);
			assertProblem(this.http.admin().get("/api/admin/rooms?limit=0"), 400, "bad-syntax");
			assertProblem(this.http.admin().get("/api/admin/rooms?limit=501"), 400, "bad-syntax");
			assertProblem(this.http.admin().get("/api/admin/rooms?after=no%20spaces"), 400, "bad-syntax");
		}
	}

	@Test
	void sessionsArePagedOldestFirstWithANextCursor() throws Exception {
		List<ChatClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				clients.add(this.server.connect());
			}
			List<String> ids = new ArrayList<>();
			String path = "/actuator/sessions?limit=2";
			int total = -1;
			while (path != null) {
				JsonNode body = this.http.admin().get(path).json();
				assertThat(body.path("count").asInt()).isEqualTo(body.path("sessions").size()).isLessThanOrEqualTo(2);
				total = Math.max(total, body.path("total").asInt());
				body.path("sessions").forEach(session -> ids.add(session.path("id").asString()));
				path = body.path("next").isNull() ? null : body.path("next").asString();
			}
			assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(5);
			assertThat(total).isGreaterThanOrEqualTo(5);
			assertProblem(this.http.admin().get("/actuator/sessions?limit=0"), 400, "bad-syntax");
			assertProblem(this.http.admin().get("/actuator/sessions?after=garbage"), 400, "bad-syntax");
		}
		finally {
			for (ChatClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void accountPagesNameTheNextPageUntilTheLast() {
		for (int i = 0; i < 3; i++) {
			this.http.createUser("acct");
		}
		JsonNode first = this.http.admin().get("/api/admin/users?page=0&size=1").json();
		assertThat(first.path("next").asString()).isEqualTo("/api/admin/users?page=1&size=1");
		long total = first.path("total").asLong();
		JsonNode last = this.http.admin().get("/api/admin/users?page=" + (total - 1) + "&size=1").json();
		assertThat(last.path("users").size()).isEqualTo(1);
		assertThat(last.path("next").isNull()).isTrue();
	}

}
