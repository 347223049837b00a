package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * {@code parley.limits.*} with small values. 127.0.0.x addresses stand for separate hosts; a refill of one
 * line a second is slow enough that a burst sent in one write never gets a token back halfway.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.limits.messages.rate=1", "parley.limits.messages.burst=10",
		"parley.limits.messages.cut-after=5", "parley.limits.connections.per-address=3",
		"parley.limits.connections.total=6", "parley.limits.registrations.per-address-per-hour=2" })
class LimitsTest {

	@Autowired
	LineServer server;

	@Autowired
	ConnectionLimiter connections;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@BeforeEach
	void noConnectionsLeftFromOtherTests() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.total() == 0);
	}

	@Test
	void aBurstPastTheBucketIsRefusedLineByLineAndAFloodIsCutOff() throws Exception {
		try (ChatClient polite = this.server.register("polite"); ChatClient flooder = this.server.register("flooder")) {
			// register took one line of each bucket
			flooder.sendRaw("/ping x\n".repeat(9 + 5 + 3).getBytes());
			for (int i = 0; i < 9; i++) {
				flooder.expect("PONG x");
			}
			for (int i = 0; i < 4; i++) {
				flooder.expect("ERR rate-limited slow down: at most 1 lines a second; that line was dropped");
			}
			flooder.expect("BYE flooding");
			flooder.expectClosed(Duration.ofSeconds(5));

			// a client a little too fast loses lines, not its session, and is heard again once it slows down
			polite.sendRaw("/ping y\n".repeat(10).getBytes());
			for (int i = 0; i < 9; i++) {
				polite.expect("PONG y");
			}
			polite.expectPrefix("ERR rate-limited ");
			// the bucket refills a line a second: a few tries, each refused one a line, never five in a row
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(400)).until(() -> {
				polite.send("/ping again");
				return polite.readLine().equals("PONG again");
			});
		}
	}

	@Test
	void anIrcFloodIsRefusedWithFailThenClosedWithError() throws Exception {
		String name = this.http.createUser("ircflood");
		try (IrcSocket flooder = this.irc.logIn(name)) {
			flooder.send(Collections.nCopies(30, "PING :x"));
			String line = flooder.readLine();
			assertThat(line).isEqualTo(":parley PONG parley :x");
			while (line.equals(":parley PONG parley :x")) {
				line = flooder.readLine();
			}
			for (int i = 0; i < 4; i++) {
				assertThat(line).isEqualTo("FAIL * RATE_LIMITED :slow down: at most 1 lines a second; that line was dropped");
				line = flooder.readLine();
			}
			assertThat(line).isEqualTo("ERROR :Closing Link: " + name + " (flooding)");
		}
	}

	@Test
	void oneAddressMayHoldSoManyConnectionsAndTheServerSoManyInAll() throws Exception {
		List<ChatClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				open.add(this.server.connectFrom("127.0.0.7"));
			}
			try (ChatClient fourth = new ChatClient("127.0.0.1", this.server.port(), "127.0.0.7")) {
				fourth.expectPrefix("HELLO Parley ");
				fourth.expect("BYE too-many-connections");
				fourth.expectClosed(Duration.ofSeconds(5));
			}
			open.remove(0).close();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.connections.total() == 2);
			open.add(this.server.connectFrom("127.0.0.7"));

			for (int i = 0; i < 3; i++) {
				open.add(this.server.connectFrom("127.0.0.8"));
			}
			try (ChatClient seventh = new ChatClient("127.0.0.1", this.server.port(), "127.0.0.9")) {
				seventh.expectPrefix("HELLO Parley ");
				seventh.expect("BYE server-full");
				seventh.expectClosed(Duration.ofSeconds(5));
			}
		}
		finally {
			for (ChatClient client : open) {
				client.close();
			}
		}
	}

	@Test
	void oneAddressMayRegisterSoManyAccountsAnHour() throws Exception {
		String[] names = { LineServer.uniqueName("first"), LineServer.uniqueName("second"),
				LineServer.uniqueName("third") };
		try (ChatClient client = this.server.connectFrom("127.0.0.10")) {
			// a refused registration creates nothing and counts for nothing
			client.send("/register 1bad password1").expectPrefix("ERR bad-name ");
			client.send("/register " + names[0] + " password1").expect("OK register " + names[0]);
		}
		try (ChatClient client = this.server.connectFrom("127.0.0.10")) {
			client.send("/register " + names[1] + " password1").expect("OK register " + names[1]);
		}
		try (ChatClient client = this.server.connectFrom("127.0.0.10")) {
			client.send("/register " + names[2] + " password1").expect(
					"ERR rate-limited too many new accounts from your address this hour; log in, or try again later");
			client.send("/login " + names[0] + " password1").expect("OK login " + names[0]);
		}
		try (ChatClient elsewhere = this.server.connectFrom("127.0.0.11")) {
			elsewhere.send("/register " + names[2] + " password1").expect("OK register " + names[2]);
		}
	}

}
