package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.parley.support.AdminHttp;
import io.parley.support.ParleyTest;
import io.parley.support.WebSocketIrc;

/**
 * Behind a TLS-terminating proxy (here the test client says what a proxy on loopback would:
 * {@code X-Forwarded-For}, {@code X-Forwarded-Proto}), with {@code server.forward-headers-strategy=native}: the
 * session has the client's address and counts as TLS, the page's {@code https} origin is the server's own, and
 * the origins in {@code parley.websocket.allowed-origins} are let in while others are not.
 */
@ParleyTest(properties = { "server.forward-headers-strategy=native",
		"parley.websocket.allowed-origins=https://chat.example.org,https://*.parley.example" })
class WebSocketProxyTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Test
	void theProxysClientAddressAndSchemeAreTheSessions() throws Exception {
		String name = this.http.createUser("proxied");
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, Map.of("X-Forwarded-For", "203.0.113.9",
				"X-Forwarded-Proto", "https", "Origin", "https://localhost"), "text.ircv3.net")) {
			ws.saslLogIn(name, "password1");
			JsonNode session = this.http.admin().get("/actuator/sessions/" + name).json().path("sessions").get(0);
			assertThat(session.path("remoteAddress").asText()).startsWith("203.0.113.9:");
			assertThat(session.path("tls").asBoolean()).isTrue();
			assertThat(session.path("transport").asText()).isEqualTo("websocket");
		}
	}

	@Test
	void theAllowedOriginsAreLetInAndOthersAreNot() {
		try (WebSocketIrc listed = WebSocketIrc.connect(this.httpPort, Map.of("Origin", "https://chat.example.org"),
				"text.ircv3.net");
				WebSocketIrc pattern = WebSocketIrc.connect(this.httpPort,
						Map.of("Origin", "https://eu.parley.example"), "text.ircv3.net")) {
			assertThat(listed.subprotocol()).isEqualTo("text.ircv3.net");
			assertThat(pattern.subprotocol()).isEqualTo("text.ircv3.net");
		}
		assertThatThrownBy(() -> WebSocketIrc.connect(this.httpPort, Map.of("Origin", "https://chat.example.org.evil"),
				"text.ircv3.net"))
			.rootCause()
			.hasMessageContaining("status code 403");
	}

}
