package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.session.SessionRegistry;
import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;
import io.parley.support.WebSocketIrc;

/**
 * A WebSocket client that never reads is cut off once its send queue (64 KB here) overflows, as on TCP; the
 * room's other members keep receiving meanwhile, and its session is gone within the close grace.
 */
@ParleyTest(properties = { "parley.sessions.send-queue-bytes=64KB", "parley.sessions.close-grace=1s" })
class WebSocketSlowReaderTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Autowired
	IrcGateway irc;

	@Autowired
	SessionRegistry sessions;

	@Test
	void aWebSocketClientThatNeverReadsIsCutAndTheOthersKeepReceiving() throws Exception {
		String slowName = this.http.createUser("wsslow");
		String room = LineServer.uniqueName("busy");
		String padding = "x".repeat(400);
		try (WebSocketIrc slow = WebSocketIrc.connectNotReading(this.httpPort);
				IrcSocket sender = this.irc.logIn(this.http.createUser("sender"));
				IrcSocket fast = this.irc.logIn(this.http.createUser("fast"))) {
			// logged in without reading the answers: the client reads its first message only
			slow.send("PASS password1").send("NICK " + slowName).send("USER " + slowName + " 0 * :x");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.sessions.all().stream().anyMatch(s -> slowName.equals(s.user())));
			slow.send("JOIN #" + room);
			fast.send("JOIN #" + room).readThrough("366");
			sender.send("JOIN #" + room).readThrough("366");
			int sent = 0;
			while (this.sessions.all().stream().anyMatch(s -> slowName.equals(s.user())) && sent < 100_000) {
				sender.send("PRIVMSG #" + room + " :" + sent + " " + padding);
				String line;
				do {
					line = fast.readLine();
				}
				while (!line.contains(" PRIVMSG "));
				assertThat(line).contains(":" + sent + " ");
				sent++;
			}
			assertThat(sent).as("the slow client was cut before 100,000 lines").isLessThan(100_000);
			JsonGauge cut = new JsonGauge(this.http);
			assertThat(cut.count("parley.sessions.cut", "reason:send-queue-exceeded")).isPositive();
		}
	}

	/** Reads a counter from the metrics endpoint. */
	private record JsonGauge(AdminHttp http) {

		double count(String name, String tag) {
			return this.http.admin()
				.get("/actuator/metrics/" + name + "?tag=" + tag)
				.json()
				.path("measurements")
				.get(0)
				.path("value")
				.asDouble();
		}

	}

}
