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

import io.parley.chat.Listings;
import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * {@code parley.limits.*} with small values. 127.0.0.x addresses stand for separate hosts; a refill of one
 * line a second is slow enough that a burst sent in one write never gets a token back halfway, and that a client
 * held back at that rate can be timed.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.limits.messages.rate=1", "parley.limits.messages.burst=10",
		"parley.limits.messages.max-lag=4s", "parley.limits.rooms.per-user=2", "parley.limits.rooms.total=3",
		"parley.broadcast.admins-only=true", "parley.limits.connections.per-address=3",
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

	@Autowired
	Listings chat;

	@BeforeEach
	void noConnectionsOrRoomsLeftFromOtherTests() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.total() == 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.chat.roomCountsAfter(null, 1).isEmpty());
	}

	@Test
	void aClientALittleTooFastIsSlowedDownAndLosesNothing() throws Exception {
		try (ChatClient polite = this.server.logIn(this.http.createUser("polite"))) {
			// nine at once (register took one), the other three a second apart: three seconds behind at most,
			// within max-lag
			polite.sendRaw("/ping y\n".repeat(12).getBytes());
			long start = System.nanoTime();
			for (int i = 0; i < 12; i++) {
				polite.expect("PONG y");
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
			polite.send("/ping again").expect("PONG again");
		}
	}

	@Test
	void aClientFarAheadForLongIsCutOff() throws Exception {
		try (ChatClient flooder = this.server.logIn(this.http.createUser("flooder"))) {
			flooder.sendRaw("/ping x\n".repeat(100).getBytes());
			int answered = 0;
			String line;
			while ((line = flooder.readLine()).equals("PONG x")) {
				answered++;
			}
			assertThat(line).isEqualTo("BYE flooding");
			flooder.expectClosed(Duration.ofSeconds(5));
			// the burst, then a line a second for the four seconds it may be held back
			assertThat(answered).isBetween(11, 16);
		}
	}

	@Test
	void anIrcFloodIsSlowedThenClosedWithExcessFlood() throws Exception {
		String name = this.http.createUser("ircflood");
		String room = LineServer.uniqueName("flooded");
		try (ChatClient watcher = this.server.logIn(this.http.createUser("floodwatch"));
				IrcSocket ircWatcher = this.irc.logIn(this.http.createUser("ircwatch"));
				IrcSocket flooder = this.irc.logIn(name)) {
			watcher.send("/join " + room).expect("OK join " + room);
			ircWatcher.send("JOIN #" + room).readThrough("366");
			watcher.expect("JOIN " + room + " " + ircWatcher.nick());
			flooder.send("JOIN #" + room).readThrough("366");
			watcher.expect("JOIN " + room + " " + name);
			ircWatcher.expect(":" + name + "!" + name + "@parley JOIN #" + room);
			flooder.send(Collections.nCopies(100, "PING :x"));
			String line;
			while ((line = flooder.readLine()).equals(":parley PONG parley :x")) {
				// slowed down, not refused
			}
			assertThat(line).isEqualTo("ERROR :Closing Link: " + name + " (Excess Flood)");
			watcher.expect("LEAVE " + room + " " + name);
			ircWatcher.expect(":" + name + "!" + name + "@parley QUIT :Excess Flood");
		}
	}

	@Test
	void eachTargetOfAnIrcMessageCostsALine() throws Exception {
		try (IrcSocket sender = this.irc.logIn(this.http.createUser("targets"))) {
			// registration took three lines of ten; these take four each, eight in all
			sender.send(Collections.nCopies(2, "PRIVMSG nobody1,nobody2,nobody3,nobody4 :x"));
			long start = System.nanoTime();
			sender.send("PING :after");
			assertThat(sender.readThrough("PONG")).hasSize(9);
			// the twelfth line, two seconds past the burst; counted by the line, it would have been answered at once
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
		}
	}

	@Test
	void roomsAreBoundedPerUserAndInAll() throws Exception {
		String[] rooms = { LineServer.uniqueName("bound"), LineServer.uniqueName("bound"),
				LineServer.uniqueName("bound") };
		String ircName = this.http.createUser("ircjoiner");
		try (ChatClient first = this.server.logIn(this.http.createUser("joiner"));
				ChatClient second = this.server.logIn(this.http.createUser("joiner"));
				IrcSocket irc = this.irc.connect()) {
			first.send("/join " + rooms[0]).expect("OK join " + rooms[0]);
			first.send("/join " + rooms[1]).expect("OK join " + rooms[1]);
			first.send("/join " + rooms[2])
				.expect("ERR too-many-rooms you are in 2 rooms, the most one user may be in; /leave one first");
			// an existing room is joined again without counting twice
			first.send("/join " + rooms[1]).expect("OK join " + rooms[1]);

			second.send("/join " + rooms[2]).expect("OK join " + rooms[2]);
			second.send("/join " + LineServer.uniqueName("bound")).expect("ERR rooms-full the server holds 3 rooms, "
					+ "its most, and opens no new ones; join a room that exists (/rooms lists them)");
			second.send("/join " + rooms[0]).expect("OK join " + rooms[0]);

			irc.send("PASS password1").send("NICK " + ircName).send("USER " + ircName + " 0 * :" + ircName);
			List<String> welcome = irc.readWelcome();
			assertThat(String.join("\n", welcome)).contains(" CHANLIMIT=#:2 MAXTARGETS=4 ",
					" TARGMAX=JOIN:10,KICK:4,NAMES:10,NOTICE:4,PART:10,PRIVMSG:4 ");
			irc.send("JOIN #" + rooms[0] + ",#" + rooms[1] + ",#" + rooms[2]);
			assertThat(irc.readThrough("405")).last()
				.isEqualTo(":parley 405 " + ircName + " #" + rooms[2] + " :You have joined too many channels");
			irc.send("PART #" + rooms[0] + ",#" + rooms[1]).send("JOIN #new" + rooms[2]);
			assertThat(irc.readThrough("405")).last().isEqualTo(":parley 405 " + ircName + " #new" + rooms[2]
					+ " :Too many channels on this server; join one that exists");
		}
	}

	@Test
	void onlyAdminsBroadcastWhenTheOperatorSaysSo() throws Exception {
		try (ChatClient user = this.server.logIn(this.http.createUser("caller")); ChatClient admin = this.server.connect()) {
			admin.send("/login admin " + AdminHttp.ADMIN_PASSWORD).expect("OK login admin");
			user.send("/all hello everyone")
				.expect("ERR forbidden only admins may broadcast on this server; say it in a room");
			admin.send("/all hello from the admin");
			user.expect("ALL admin hello from the admin");
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
