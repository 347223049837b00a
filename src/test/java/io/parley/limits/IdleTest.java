package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** {@code parley.limits.idle.*}, with line clients pinged too: quiet sessions are pinged, and closed when they do not answer. */
@ParleyTest
@TestPropertySource(properties = { "parley.limits.idle.ping-after=600ms", "parley.limits.idle.timeout=600ms",
		"parley.limits.idle.ping-line-clients=true" })
class IdleTest {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@Autowired
	LineServer server;

	@Autowired
	@Qualifier("ircServerFactory")
	AbstractServerConnectionFactory ircFactory;

	@Test
	void aQuietSessionIsPingedKeptWhenItAnswersAndClosedWhenItDoesNot() throws Exception {
		try (ChatClient client = this.server.register("quiet")) {
			client.expectPrefix("PING ");
			client.send("/pong");
			client.expectPrefix("PING ");
			client.expect("BYE ping-timeout");
			client.expectClosed(PATIENCE);
		}
	}

	/** Slowloris: bytes keep coming, but never the end of a line, which is what counts. */
	@Test
	void aLineThatNeverEndsDoesNotKeepASessionAlive() throws Exception {
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try (ChatClient client = this.server.register("loris")) {
			trickle.scheduleAtFixedRate(() -> {
				try {
					client.sendRaw("x".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex); // closed: ends the trickle
				}
			}, 0, 100, TimeUnit.MILLISECONDS);
			client.expectPrefix("PING ");
			client.expect("BYE ping-timeout");
			client.expectClosed(PATIENCE);
		}
		finally {
			trickle.shutdownNow();
		}
	}

	@Test
	void anIrcClientIsPingedTheIrcWayAndClosedWithAnError() throws Exception {
		String name;
		try (ChatClient registered = this.server.register("ircquiet")) {
			name = registered.name();
		}
		int port = this.ircFactory.getPort();
		try (ChatClient irc = new ChatClient("localhost", port)) {
			irc.send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :Quiet");
			// IRC lines end in CR LF; the client strips only the LF
			String line;
			do {
				line = irc.readLine();
			}
			while (!line.startsWith("PING "));
			assertThat(line).isEqualTo("PING :parley\r");
			irc.send("PONG :parley");
			assertThat(irc.readLine()).isEqualTo("PING :parley\r");
			assertThat(irc.readLine()).isEqualTo("ERROR :Closing Link: " + name + " (ping-timeout)\r");
			irc.expectClosed(PATIENCE);
		}
	}

	@Test
	void aChattySessionIsNeverPinged() throws Exception {
		try (ChatClient client = this.server.register("chatty")) {
			for (int i = 0; i < 12; i++) {
				client.send("/ping " + i).expect("PONG " + i);
				client.expectNothing(Duration.ofMillis(200));
			}
		}
	}

}
