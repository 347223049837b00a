package io.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Passwords and their hashes stay in the database: a run that uses every way a password travels (register,
 * right and wrong logins, /passwd, admin creation and reset, failed admin logins) leaves none of them, nor any
 * BCrypt hash, in the log, the actuator's answers or the error bodies.
 */
@ParleyTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsLeakTest {

	/** BCrypt's prefixes ($2a$, $2b$, $2y$) followed by the cost. */
	private static final String HASH = "\\$2[aby]?\\$\\d\\d\\$";

	@Autowired
	LineServer server;

	@Autowired
	AdminHttp http;

	@Test
	void noPasswordOrHashInLogsActuatorOrErrors(CapturedOutput output) throws Exception {
		String name = LineServer.uniqueName("secretive");
		String created = LineServer.uniqueName("made");
		List<String> secrets = List.of("Reg1stered-pw", "Wr0ng-guess-pw", "Ch4nged-pw-xyz", "Adm1n-made-pw",
				"Adm1n-reset-pw", "N0t-the-admin-pw", AdminHttp.ADMIN_PASSWORD);
		List<String> answers = new ArrayList<>();
		try (ChatClient client = this.server.connect()) {
			answers.add(client.send("/register " + name + " " + secrets.get(0)).readLine());
			answers.add(client.send("/passwd " + secrets.get(1) + " " + secrets.get(2)).readLine());
			answers.add(client.send("/passwd " + secrets.get(0) + " " + secrets.get(2)).readLine());
			answers.add(client.send("/passwd " + secrets.get(2) + " short").readLine());
		}
		try (ChatClient client = this.server.connect()) {
			answers.add(client.send("/login " + name + " " + secrets.get(1)).readLine());
			answers.add(client.send("/login " + name + " " + secrets.get(2)).readLine());
		}
		answers.add(this.http.admin()
			.post("/api/admin/users", "{\"name\":\"" + created + "\",\"password\":\"" + secrets.get(3) + "\",\"role\":\"USER\"}")
			.body());
		answers.add(this.http.admin()
			.post("/api/admin/users", "{\"name\":\"" + created + "\",\"password\":\"" + secrets.get(3) + "\",\"role\":\"USER\"}")
			.body());
		answers.add(this.http.admin()
			.put("/api/admin/users/" + created + "/password", "{\"password\":\"" + secrets.get(4) + "\"}")
			.body());
		answers.add(this.http.admin().put("/api/admin/users/" + created + "/password", "{\"password\":\"a b\"}").body());
		answers.add(this.http.as("admin", secrets.get(5)).get("/api/admin/users").body());
		answers.add(this.http.as(created, secrets.get(4)).get("/api/admin/users").body());
		for (String path : List.of("/api/admin/users", "/api/admin/users/" + name, "/api/admin/users/" + created,
				"/actuator/sessions", "/actuator/health", "/actuator/metrics", "/actuator/metrics/parley.logins",
				"/actuator/prometheus", "/actuator/info", "/actuator/env", "/actuator/configprops",
				"/actuator/heapdump", "/actuator/threaddump", "/v3/api-docs", "/no/such/path")) {
			answers.add(this.http.admin().get(path).body());
		}
		assertThat(this.http.admin().get("/actuator/env").status()).isEqualTo(404);
		assertThat(this.http.admin().get("/actuator/configprops").status()).isEqualTo(404);
		// the checks can fail: the run did reach the server and did get answers back
		assertThat(answers).contains("OK register " + name, "OK passwd", "OK login " + name);
		assertThat(output.getAll()).contains("register " + name);

		String everything = output.getAll() + String.join("\n", answers);
		for (String secret : secrets) {
			assertThat(everything).doesNotContain(secret);
		}
		assertThat(everything).doesNotContainPattern(HASH);
	}

}
