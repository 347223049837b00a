package io.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.AdminHttp.Response;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** Who may use what over HTTP: admins everything, everyone the status and the version, nobody else more. */
@ParleyTest
class AdminSecurityTest {

	private static final String BODY = "{\"name\":\"someone\",\"password\":\"password1\",\"role\":\"USER\",\"text\":\"hi\"}";

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	/** Every path that needs an admin, with a body where the method takes one. */
	static Stream<Arguments> adminPaths() {
		return Stream.of(Arguments.of("GET", "/actuator/sessions", null),
				Arguments.of("GET", "/actuator/sessions/admin", null),
				Arguments.of("DELETE", "/actuator/sessions/admin", null), Arguments.of("GET", "/actuator/metrics", null),
				Arguments.of("GET", "/actuator/metrics/parley.logins", null),
				Arguments.of("GET", "/actuator/prometheus", null), Arguments.of("GET", "/actuator", null),
				Arguments.of("GET", "/api/admin/users", null), Arguments.of("POST", "/api/admin/users", BODY),
				Arguments.of("GET", "/api/admin/users/admin", null),
				Arguments.of("DELETE", "/api/admin/users/admin", null),
				Arguments.of("PUT", "/api/admin/users/admin/role", "{\"role\":\"USER\"}"),
				Arguments.of("PUT", "/api/admin/users/admin/password", "{\"password\":\"password9\"}"),
				Arguments.of("PUT", "/api/admin/users/admin/ban", null),
				Arguments.of("DELETE", "/api/admin/users/admin/ban", null), Arguments.of("GET", "/api/admin/rooms", null),
				Arguments.of("GET", "/api/admin/rooms/lobby", null),
				Arguments.of("POST", "/api/admin/announcements", BODY));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminPaths")
	void anonymousCallsGet401WithAChallenge(String method, String path, String body) {
		Response response = this.http.anonymous().send(method, path, body);
		assertProblem(response, 401, "auth-required");
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=\"Parley admin\"");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminPaths")
	void wrongPasswordsGet401(String method, String path, String body) {
		assertProblem(this.http.as("admin", "not-the-password").send(method, path, body), 401, "bad-credentials");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminPaths")
	void ordinaryUsersGet403(String method, String path, String body) throws Exception {
		String user = this.server.register("plain").name();
		assertProblem(this.http.as(user, "password1").send(method, path, body), 403, "forbidden");
	}

	@Test
	void healthAndInfoAreOpenButHealthDetailsAreForAdmins() {
		Response anonymous = this.http.anonymous().get("/actuator/health");
		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.json().path("status").asString()).isEqualTo("UP");
		assertThat(anonymous.json().has("components")).isFalse();

		Response admin = this.http.admin().get("/actuator/health");
		assertThat(admin.json().at("/components/chat/status").asString()).isEqualTo("UP");
		assertThat(admin.json().at("/components/db/status").asString()).isEqualTo("UP");

		Response info = this.http.anonymous().get("/actuator/info");
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().at("/build/version").asString()).isNotBlank();
		assertThat(info.json().at("/build/time").asString()).isNotBlank();
	}

	@Test
	void theApiDescriptionIsServedAndNamesEveryAdminPath() {
		Response docs = this.http.anonymous().get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().path("paths").propertyNames()).contains("/api/admin/users",
				"/api/admin/users/{name}", "/api/admin/users/{name}/role", "/api/admin/users/{name}/password",
				"/api/admin/users/{name}/ban", "/api/admin/rooms", "/api/admin/rooms/{room}",
				"/api/admin/announcements");
		assertThat(docs.json().at("/components/securitySchemes/basic/scheme").asString()).isEqualTo("basic");
	}

	/**
	 * Not a hand-made list: every operation the OpenAPI description names and every endpoint the actuator links
	 * to (bar health and info), with its path variables filled in, refuses anonymous callers and plain users.
	 */
	@Test
	void everyDescribedOperationAndActuatorEndpointIsForAdminsOnly() throws Exception {
		List<String[]> operations = new ArrayList<>();
		this.http.admin().get("/v3/api-docs").json().path("paths").properties().forEach(path -> path.getValue()
			.propertyNames()
			.forEach(method -> operations.add(new String[] { method.toUpperCase(), concrete(path.getKey()) })));
		this.http.admin().get("/actuator").json().path("_links").properties().forEach(link -> {
			if (!link.getKey().startsWith("health") && !link.getKey().equals("info")) {
				operations.add(new String[] { "GET", concrete(link.getValue().path("href").asString()) });
			}
		});
		assertThat(operations).extracting(o -> o[1]).contains("/api/admin/announcements", "/actuator/sessions",
				"/actuator/prometheus", "/actuator/metrics/requiredMetricName");
		String user = this.server.register("plain").name();
		for (String[] operation : operations) {
			String body = operation[0].startsWith("P") ? BODY : null;
			assertProblem(this.http.anonymous().send(operation[0], operation[1], body), 401, "auth-required");
			assertProblem(this.http.as(user, "password1").send(operation[0], operation[1], body), 403, "forbidden");
		}
	}

	/** A templated path or link with its variables filled in, relative to the server. */
	private static String concrete(String template) {
		String path = template.replaceFirst("^https?://[^/]+", "");
		for (Map.Entry<String, String> variable : Map.of("{name}", "admin", "{room}", "lobby", "{id}", "admin",
				"{requiredMetricName}", "requiredMetricName")
			.entrySet()) {
			path = path.replace(variable.getKey(), variable.getValue());
		}
		return path.replaceAll("\\{[^}]*}", "x");
	}

	@Test
	void theApiIsStatelessAndNeedsNoCsrfToken() {
		Response created = this.http.admin()
			.post("/api/admin/users",
					"{\"name\":\"" + LineServer.uniqueName("csrf") + "\",\"password\":\"password1\",\"role\":\"USER\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Set-Cookie")).isNull();
		assertThat(this.http.admin().get("/api/admin/users").header("Set-Cookie")).isNull();
	}

	@Test
	void aBannedAdminIsRefused() {
		String name = LineServer.uniqueName("rogue");
		this.http.admin().post("/api/admin/users", "{\"name\":\"" + name + "\",\"password\":\"password1\",\"role\":\"ADMIN\"}");
		assertThat(this.http.as(name, "password1").get("/api/admin/rooms").status()).isEqualTo(200);
		this.http.admin().put("/api/admin/users/" + name + "/ban", null);
		assertProblem(this.http.as(name, "password1").get("/api/admin/rooms"), 403, "banned");
	}

	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
		assertThat(response.json().path("code").asString()).isEqualTo(code);
		assertThat(response.json().path("detail").asString()).isNotBlank();
	}

}
