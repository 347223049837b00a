package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

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
 * room's other members keep receiving meanwhile, and its session is gone within the close grace. Such clients hold
 * no thread while the server waits for them, as on TCP: with two platform writer threads in all
 * ({@code parley.threads.max-writers=2}), two of them in a busy room leave a third WebSocket member, who reads, every
 * line. When each WebSocket write held a writer thread until the client took the bytes, the two blocked writers left
 * none for the reader, whose session was closed.
 */
@ParleyTest(properties = { "parley.sessions.send-queue-bytes=64KB", "parley.sessions.close-grace=1s",
		"spring.threads.virtual.enabled=false", "parley.threads.core-writers=0", "parley.threads.max-writers=2" })
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
			// the write the client never took is failed when the connection closes, not left waiting for good
			await().atMost(Duration.ofSeconds(10))
				.until(() -> cut.count("parley.websocket.writes", "finished:abandoned") >= 1);
		}
	}

	@Test
	void twoWebSocketClientsThatNeverReadLeaveAThirdOneItsLines() throws Exception {
		String room = LineServer.uniqueName("stuck");
		List<String> slowNames = List.of(this.http.createUser("wsstuck"), this.http.createUser("wsstuck"));
		String readerName = this.http.createUser("wsreader");
		String padding = "x".repeat(400);
		try (WebSocketIrc slow1 = WebSocketIrc.connectNotReading(this.httpPort);
				WebSocketIrc slow2 = WebSocketIrc.connectNotReading(this.httpPort);
				WebSocketIrc reader = WebSocketIrc.connect(this.httpPort, "text.ircv3.net");
				IrcSocket sender = this.irc.logIn(this.http.createUser("sender"))) {
			for (int i = 0; i < 2; i++) {
				String name = slowNames.get(i);
				(i == 0 ? slow1 : slow2).send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :x");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> slowNames.stream().allMatch(this::online));
			slow1.send("JOIN #" + room);
			slow2.send("JOIN #" + room);
			reader.saslLogIn(readerName, "password1");
			reader.send("JOIN #" + room).readThrough("366");
			sender.send("JOIN #" + room).readThrough("366");

			int sent = 0;
			while (slowNames.stream().anyMatch(this::online) && sent < 100_000) {
				sender.send("PRIVMSG #" + room + " :" + sent + " " + padding);
				String line;
				do {
					line = reader.readLine();
				}
				while (!IrcSocket.command(line).equals("PRIVMSG"));
				assertThat(line).contains(":" + sent + " ");
				sent++;
			}
			assertThat(sent).as("both clients that do not read were cut before 100,000 lines").isLessThan(100_000);
			assertThat(online(readerName)).as("the reader is still connected").isTrue();
			sender.send("PRIVMSG #" + room + " :last");
			assertThat(reader.readThrough("PRIVMSG")).last().asString().endsWith(" :last");
			JsonGauge cut = new JsonGauge(this.http);
			assertThat(cut.count("parley.sessions.cut", "reason:send-queue-exceeded")).isGreaterThanOrEqualTo(2);
		}
	}

	private boolean online(String user) {
		return this.sessions.all().stream().anyMatch(s -> user.equals(s.user()));
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
