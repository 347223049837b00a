package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.support.AdminHttp;
import io.parley.support.ParleyTest;
import io.parley.support.WebSocketIrc;

/**
 * A write the client's socket takes at once finishes on the thread that wrote it, as a TCP event loop's does: Tomcat's
 * own non-blocking write hands every completion to its executor, a wake-up of another thread per batch, which was the
 * largest cost a WebSocket delivery had over a TCP one (issue 19, docs/benchmarks.md). Seen from outside through
 * {@code parley.websocket.writes}: a client that reads promptly gets its replies in writes counted {@code at-once}.
 */
@ParleyTest
class WebSocketWritesTest {

	private static final int PINGS = 20;

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Test
	void writesTheClientsSocketTakesAtOnceFinishOnTheWritingThread() throws Exception {
		String name = this.http.createUser("wswrites");
		try (WebSocketIrc client = WebSocketIrc.connect(this.httpPort, "text.ircv3.net")) {
			client.saslLogIn(name, "password1");
			double atOnce = writes("at-once");
			double later = writes("later");
			for (int n = 0; n < PINGS; n++) {
				// one line out and its answer back before the next: each PONG is a write of its own
				assertThat(client.send("PING :w" + n).readLine()).endsWith("PONG parley :w" + n);
			}
			double atOnceNow = writes("at-once") - atOnce;
			double laterNow = writes("later") - later;
			assertThat(atOnceNow).as("writes finished at once (later: %s)", laterNow).isGreaterThanOrEqualTo(PINGS);
			assertThat(laterNow).isLessThan(atOnceNow);
		}
	}

	private double writes(String finished) {
		return this.http.admin()
			.get("/actuator/metrics/parley.websocket.writes?tag=finished:" + finished)
			.json()
			.path("measurements")
			.get(0)
			.path("value")
			.asDouble();
	}

}
