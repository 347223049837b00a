package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.parley.chat.Listings;
import io.parley.support.AdminHttp;
import io.parley.support.AtDefaultLimits;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The attacks of issue 13 at the default limits: one IRC line that names a target hundreds of times, or every
 * user a thousand times, or a thousand channels, costs what it delivers and delivers a bounded amount, and
 * nobody it was aimed at is cut off.
 */
@ParleyTest
@AtDefaultLimits
class AmplificationTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Autowired
	LimitProperties limits;

	@Autowired
	BroadcastProperties broadcast;

	@Autowired
	Listings chat;

	@Test
	void theseAreTheDefaults() {
		Binder nothingSet = new Binder(new MapConfigurationPropertySource(Map.of()));
		assertThat(this.limits).isEqualTo(nothingSet.bindOrCreate("parley.limits", LimitProperties.class));
		assertThat(this.broadcast).isEqualTo(nothingSet.bindOrCreate("parley.broadcast", BroadcastProperties.class));
	}

	@Test
	void aMassMessageFromAUserReachesNobody() throws Exception {
		try (Crowd online = logIn(3, "massed"); IrcSocket attacker = this.irc.logIn(this.http.createUser("masser"))) {
			List<String> answers = massMessage(attacker, 40, "x");
			assertThat(answers).hasSize(41);
			assertThat(answers.get(0))
				.isEqualTo(":parley 481 " + attacker.nick() + " :Permission Denied- You're not an IRC operator");
			online.allStillOnline();
		}
	}

	@Test
	void theAdminsMassMessageIsOneBroadcastALineWithinTheBroadcastAllowance() throws Exception {
		try (Crowd online = logIn(3, "told");
				IrcSocket admin = this.irc.connect().logIn("admin", AdminHttp.ADMIN_PASSWORD)) {
			List<String> answers = massMessage(admin, 10, "hear ye");
			// the allowance's burst went out; the rest were refused, one refusal a line
			assertThat(answers).hasSize(10 - this.broadcast.burst() + 1);
			assertThat(answers.get(0)).startsWith("FAIL * RATE_LIMITED :at most 6 broadcasts a minute (3 at once)");
			for (ChatClient user : online.clients()) {
				for (int i = 0; i < this.broadcast.burst(); i++) {
					user.expect("ALL admin hear ye");
				}
			}
			online.allStillOnline();
		}
	}

	@Test
	void aVictimNamedHundredsOfTimesALineGetsOneMessageALineAndStaysOnline() throws Exception {
		try (Crowd victims = logIn(1, "victim"); IrcSocket attacker = this.irc.logIn(this.http.createUser("pester"))) {
			ChatClient victim = victims.get(0);
			List<String> names = new ArrayList<>();
			for (int i = 0; i < 450; i++) {
				names.add((i % 2 == 0) ? victim.name() : victim.name().toUpperCase());
			}
			attacker.send(Collections.nCopies(35, "PRIVMSG " + String.join(",", names) + " :boo")).send("PING :done");
			attacker.expect(":parley PONG parley :done");
			for (int i = 0; i < 35; i++) {
				victim.expect("MSG " + attacker.nick() + " boo");
			}
			victims.allStillOnline();
		}
	}

	@Test
	void targetsPastMaxTargetsAreAnsweredWith407AndNotSent() throws Exception {
		try (Crowd users = logIn(5, "target"); IrcSocket sender = this.irc.logIn(this.http.createUser("multi"))) {
			List<String> names = users.clients().stream().map(ChatClient::name).toList();
			sender.send("PRIVMSG " + String.join(",", names) + " :hi all").send("PING :done");
			assertThat(sender.readThrough("PONG")).containsExactly(
					":parley 407 " + sender.nick() + " " + names.get(4) + " :Too many recipients. Only 4 processed",
					":parley PONG parley :done");
			for (int i = 0; i < 4; i++) {
				users.get(i).expect("MSG " + sender.nick() + " hi all");
			}
			users.get(4).send("/ping nothing-before").expect("PONG nothing-before");
		}
	}

	@Test
	void aMassJoinJoinsTenChannelsALineAndFiftyInAll() throws Exception {
		try (IrcSocket joiner = this.irc.logIn(this.http.createUser("massjoin"))) {
			String prefix = LineServer.uniqueName("j") + "x";
			List<String> lines = new ArrayList<>();
			for (int line = 0; line < 6; line++) {
				List<String> channels = new ArrayList<>();
				for (int i = 0; i < 400; i++) {
					channels.add("#" + prefix + (line * 400 + i));
				}
				lines.add("JOIN " + String.join(",", channels));
			}
			joiner.send(lines).send("PING :done");
			List<String> answers = joiner.readThrough("PONG");
			assertThat(answers.stream().filter(l -> IrcSocket.command(l).equals("JOIN"))).hasSize(50);
			assertThat(answers.stream().filter(l -> IrcSocket.command(l).equals("407"))).hasSize(6);
			// the sixth line's ten are over the fifty a user may be in
			assertThat(answers.stream().filter(l -> IrcSocket.command(l).equals("405"))).hasSize(10);
			assertThat(this.chat.roomCountsAfter(null, 10_000).stream().filter(r -> r.room().startsWith(prefix))).hasSize(50);
		}
	}

	@Test
	void theIsupportTellsTheBoundsEnforced() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			String name = this.http.createUser("isupport");
			client.send("PASS password1").send("NICK " + name).send("USER " + name + " 0 * :" + name);
			assertThat(String.join("\n", client.readWelcome())).contains(":parley 005 " + name
					+ " CHANLIMIT=#:50 MAXTARGETS=4 TARGMAX=JOIN:10,KICK:4,NAMES:10,NOTICE:4,PART:10,PRIVMSG:4 ");
		}
	}

	@Test
	void aLineUsersBroadcastsHaveTheirOwnAllowance() throws Exception {
		try (Crowd users = logIn(2, "caller")) {
			ChatClient caller = users.get(0);
			for (int i = 1; i <= 5; i++) {
				caller.send("/all number " + i);
			}
			caller.send("/ping done");
			caller.expect("ERR rate-limited at most 6 broadcasts a minute (3 at once); that one reached nobody, "
					+ "try again later");
			caller.expectPrefix("ERR rate-limited ");
			caller.expect("PONG done");
			for (int i = 1; i <= 3; i++) {
				users.get(1).expect("ALL " + caller.name() + " number " + i);
			}
			users.get(1).send("/ping next").expect("PONG next");
		}
	}

	/** {@code lines} lines, in one write, each to everyone a thousand times over; the answers through a PONG. */
	private static List<String> massMessage(IrcSocket from, int lines, String text) throws Exception {
		String everyone = String.join(",", Collections.nCopies(1000, "$*"));
		from.send(Collections.nCopies(lines, "PRIVMSG " + everyone + " :" + text)).send("PING :done");
		return from.readThrough("PONG");
	}

	private Crowd logIn(int count, String prefix) throws Exception {
		List<ChatClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(this.server.logIn(this.http.createUser(prefix)));
		}
		return new Crowd(clients);
	}

	/** Line users an attack aims at, closed together. */
	private record Crowd(List<ChatClient> clients) implements AutoCloseable {

		ChatClient get(int index) {
			return this.clients.get(index);
		}

		/** Each answers a ping as the next thing it reads: nothing else reached it, and it was not cut. */
		void allStillOnline() throws Exception {
			for (ChatClient client : this.clients) {
				client.send("/ping still-here").expect("PONG still-here");
			}
		}

		@Override
		public void close() throws Exception {
			for (ChatClient client : this.clients) {
				client.close();
			}
		}

	}

}
