package io.parley.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.ParleyTest;

/**
 * A client that sends its first line the moment it connects, before the server has set the connection up (IRC
 * clients send CAP LS and NICK at once): the line is answered. It was lost about once in twenty-five connections
 * when the event loop read it before the connection's session was open, and the client then waited forever
 * (irctest's registrations hung so).
 */
@ParleyTest
class FirstLineTest {

	private static final int CONNECTIONS = 300;

	@Autowired
	IrcGateway irc;

	@Test
	void theFirstLineOfEveryConnectionIsAnswered() throws Exception {
		int port = this.irc.port();
		for (int n = 0; n < CONNECTIONS; n++) {
			try (IrcSocket client = new IrcSocket(port)) {
				client.send("PING :first" + n);
				client.readLine(); // the greeting
				assertThat(client.readLine()).as("connection %d", n).isEqualTo(":parley PONG parley :first" + n);
			}
		}
	}

}
