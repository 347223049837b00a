package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Who is pinged when quiet, with the default policy (issue 12, item 2): not a line client, which cannot answer
 * by itself (a human reading on {@code nc}); an IRC client, which does; and every accepted socket has TCP
 * keep-alive with the configured intervals, which find a peer that is gone.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.limits.idle.ping-after=300ms", "parley.limits.idle.timeout=300ms",
		"parley.limits.idle.keep-alive.after=7s", "parley.limits.idle.keep-alive.interval=3s",
		"parley.limits.idle.keep-alive.probes=4" })
@Import(QuietClientsTest.OpenedSockets.class)
class QuietClientsTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	OpenedSockets opened;

	@Test
	void aLineClientThatOnlyReadsIsNeitherPingedNorCut() throws Exception {
		try (ChatClient reader = this.server.register("reader"); ChatClient talker = this.server.register("talker")) {
			LineServer.joinAll("quiet-room", reader, talker);
			// five times the idle period and its timeout: a pinged client would have been cut by now
			reader.expectNothing(Duration.ofSeconds(3));
			talker.send("still there?");
			reader.expect("ROOM quiet-room " + talker.name() + " still there?");
		}
	}

	@Test
	void anIrcClientIsStillPingedAndClosedWhenItDoesNotAnswer() throws Exception {
		String name;
		try (ChatClient registered = this.server.register("ircidle")) {
			name = registered.name();
		}
		try (IrcSocket client = this.irc.logIn(name)) {
			String line;
			do {
				line = client.readLine();
			}
			while (!line.startsWith("PING "));
			assertThat(line).isEqualTo("PING :parley");
			client.expectError("Closing Link: " + name + " (ping-timeout)");
		}
	}

	@Test
	void acceptedSocketsHaveKeepAliveWithTheConfiguredIntervals() throws Exception {
		try (ChatClient client = this.server.connect()) {
			int port = client.socket().getLocalPort();
			Socket accepted = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.opened.from(port), socket -> socket != null);
			assertThat(accepted.getKeepAlive()).isTrue();
			assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(7);
			assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(3);
			assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(4);
		}
	}

	/** The server's side of each connection, as it is opened. */
	@TestConfiguration
	static class OpenedSockets {

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		@EventListener
		void opened(TcpConnectionOpenEvent event) {
			if (event.getSource() instanceof NioConnection connection) {
				this.sockets.add(connection.channel().socket());
			}
		}

		Socket from(int clientPort) {
			return this.sockets.stream().filter(socket -> socket.getPort() == clientPort).findFirst().orElse(null);
		}

	}

}
