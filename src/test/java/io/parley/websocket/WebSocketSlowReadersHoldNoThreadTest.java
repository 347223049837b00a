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
 * WebSocket clients that never read hold no thread while the server waits for them, as on TCP: with two platform
 * writer threads in all ({@code parley.threads.max-writers=2}), two such clients in a busy room, and a third
 * WebSocket member who reads, the reader gets every line in order and stays connected, while the two are cut
 * with {@code send-queue-exceeded} once their queues overflow. When each WebSocket write held a writer thread
 * until the client took the bytes, the two blocked writers left none for the reader, whose session was closed.
 */
@ParleyTest(properties = { "spring.threads.virtual.enabled=false", "parley.threads.core-writers=0",
		"parley.threads.max-writers=2", "parley.sessions.send-queue-bytes=64KB", "parley.sessions.close-grace=1s" })
class WebSocketSlowReadersHoldNoThreadTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Autowired
	IrcGateway irc;

	@Autowired
	SessionRegistry sessions;

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
			double cut = this.http.admin()
				.get("/actuator/metrics/parley.sessions.cut?tag=reason:send-queue-exceeded")
				.json()
				.path("measurements")
				.get(0)
				.path("value")
				.asDouble();
			assertThat(cut).isGreaterThanOrEqualTo(2);
		}
	}

	private boolean online(String user) {
		return this.sessions.all().stream().anyMatch(s -> user.equals(s.user()));
	}

}
