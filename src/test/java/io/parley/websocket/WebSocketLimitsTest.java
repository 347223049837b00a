package io.parley.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.ParleyTest;
import io.parley.support.WebSocketIrc;

/**
 * Flood control, the session cap and idle pings are the sessions', so a WebSocket client meets them as an IRC
 * client on TCP does, with the same lines: a burst is slowed to the allowance (its lines all answered), a flood
 * past the longest lag is closed with {@code Excess Flood}, a user's sessions over both doors count against
 * one cap, and a quiet client is pinged and closed when it does not answer.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.limits.messages.rate=5", "parley.limits.messages.burst=3",
		"parley.limits.messages.max-lag=2s", "parley.sessions.max-per-user=1", "parley.limits.idle.ping-after=2s",
		"parley.limits.idle.timeout=1s" })
class WebSocketLimitsTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	AdminHttp http;

	@Autowired
	IrcGateway irc;

	@Test
	void aBurstIsSlowedToTheAllowanceAsOnTcpAndEveryLineIsAnswered() throws Exception {
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net")) {
			ws.readLine();
			long start = System.nanoTime();
			for (int i = 0; i < 8; i++) {
				ws.send("PING " + i);
			}
			for (int i = 0; i < 8; i++) {
				ws.expect(":parley PONG parley :" + i);
			}
			// 3 at once, then 5 a second: the eighth waits about a second
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
		}
	}

	@Test
	void aFloodIsClosedWithExcessFloodAsOnTcp() throws Exception {
		String web = this.http.createUser("wsflood");
		String tcp = this.http.createUser("tcpflood");
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net");
				IrcSocket irc = this.irc.logIn(tcp)) {
			ws.saslLogIn(web, "password1");
			for (int i = 0; i < 40; i++) {
				ws.send("PING :x");
			}
			irc.send(Collections.nCopies(40, "PING :x"));
			assertThat(lastAfterPongs(ws)).isEqualTo("ERROR :Closing Link: " + web + " (Excess Flood)");
			String line;
			while ((line = irc.readLine()).equals(":parley PONG parley :x")) {
				// slowed down, not refused
			}
			assertThat(line).isEqualTo("ERROR :Closing Link: " + tcp + " (Excess Flood)");
			assertThat(ws.awaitClose()).isPositive();
		}
	}

	private static String lastAfterPongs(WebSocketIrc ws) throws InterruptedException {
		String line;
		while ((line = ws.readLine()).equals(":parley PONG parley :x")) {
			// slowed down, not refused
		}
		return line;
	}

	@Test
	void aUsersSessionsOverWebSocketAndTcpCountAgainstOneCap() throws Exception {
		String name = this.http.createUser("capped");
		try (IrcSocket first = this.irc.logIn(name);
				WebSocketIrc second = WebSocketIrc.connect(this.httpPort, "text.ircv3.net");
				IrcSocket third = this.irc.connect()) {
			second.readLine();
			second.send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :x");
			third.send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :x");
			List<String> overWeb = second.readThrough("ERROR");
			List<String> overTcp = third.readThrough("ERROR");
			assertThat(overWeb).isEqualTo(overTcp);
			assertThat(overWeb.get(0)).contains("You already have 1 connections as " + name);
		}
	}

	@Test
	void aQuietClientIsPingedAndClosedWhenItDoesNotAnswer() throws Exception {
		String name = this.http.createUser("wsquiet");
		try (WebSocketIrc ws = WebSocketIrc.connect(this.httpPort, "text.ircv3.net")) {
			ws.saslLogIn(name, "password1");
			ws.expect("PING :parley");
			ws.send("PONG :parley");
			ws.expect("PING :parley");
			ws.expect("ERROR :Closing Link: " + name + " (ping-timeout)");
			assertThat(ws.awaitClose()).isPositive();
		}
	}

}
