package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** The {@code chat} health component follows the listener, and takes the application's status with it. */
@ParleyTest
@DirtiesContext // stops the listener
class ChatHealthTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Autowired
	@Qualifier("lineServerFactory")
	AbstractServerConnectionFactory factory;

	@Test
	void upWithPortAndSessionsWhileListeningDownWhenStopped() throws Exception {
		int port = this.server.port();
		try (ChatClient client = this.server.register("healthy")) {
			AdminHttp.Response health = health();
			assertThat(health.status()).as(health.toString()).isEqualTo(200);
			JsonNode chat = health.json().at("/components/chat");
			assertThat(chat.path("status").asString()).isEqualTo("UP");
			assertThat(chat.at("/details/line/listening").asBoolean()).isTrue();
			assertThat(chat.at("/details/line/port").asInt()).isEqualTo(port);
			assertThat(chat.at("/details/line/sessions").asInt()).isGreaterThanOrEqualTo(1);
		}

		this.factory.stop();
		JsonNode down = await().atMost(Duration.ofSeconds(10)).until(() -> health(), h -> h.status() == 503).json();
		assertThat(down.path("status").asString()).isEqualTo("DOWN");
		assertThat(down.at("/components/chat/status").asString()).isEqualTo("DOWN");
		assertThat(down.at("/components/chat/details/line/listening").asBoolean()).isFalse();
		assertThat(down.at("/components/db/status").asString()).isEqualTo("UP");
		AdminHttp.Response anonymous = this.http.anonymous().get("/actuator/health");
		assertThat(anonymous.status()).isEqualTo(503);
		assertThat(anonymous.json().path("status").asString()).isEqualTo("DOWN");

		this.factory.start();
		JsonNode up = await().atMost(Duration.ofSeconds(10)).until(() -> health(), h -> h.status() == 200).json();
		assertThat(up.at("/components/chat/status").asString()).isEqualTo("UP");
	}

	private AdminHttp.Response health() {
		return this.http.admin().get("/actuator/health");
	}

}
