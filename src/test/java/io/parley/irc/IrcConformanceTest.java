package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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
 * What issue 18 asked of the IRC gateway beyond room roles and history, each checked over a real socket: the
 * USER fields in WHO, WHOIS, WHOWAS, USERHOST and masks; WHO masks; one line for a message that came in one;
 * NOTICE never answered; the SASL limits; the server queries (LUSERS, TIME, LINKS, HELP, VERSION); operators
 * (OPER, KILL, WALLOPS, user modes); ISUPPORT's PREFIX; and the configurable password rule.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.accounts.guests=true", "parley.accounts.password.min-length=4",
		"parley.accounts.password.max-length=600" })
class IrcConformanceTest {

	private static final Duration QUIET = Duration.ofMillis(500);

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	private IrcSocket guest(String nick, String user, String realName) throws Exception {
		IrcSocket socket = this.irc.connect();
		socket.send("NICK " + nick).send("USER " + user + " 0 * :" + realName).readWelcome();
		return socket;
	}

	@Test
	void theUserNameAndRealNameShowInWhoWhoisUserhostAndTheMask() throws Exception {
		String nick = LineServer.uniqueName("cool");
		String asker = LineServer.uniqueName("asker");
		try (IrcSocket cool = guest(nick, "myuser", "My Real Name"); IrcSocket other = guest(asker, "o", "O")) {
			other.send("WHO " + nick);
			assertThat(other.readThrough("315")).containsExactly(
					":parley 352 " + asker + " * myuser parley parley " + nick + " H :0 My Real Name",
					":parley 315 " + asker + " " + nick + " :End of WHO list");
			other.send("WHOIS " + nick);
			assertThat(other.readThrough("318").get(0))
				.isEqualTo(":parley 311 " + asker + " " + nick + " myuser parley * :My Real Name");
			other.send("USERHOST " + nick + " nobody-here " + asker);
			other.expect(":parley 302 " + asker + " :" + nick + "=+myuser@parley " + asker + "=+o@parley");
			String channel = "#" + LineServer.uniqueName("masks");
			other.send("JOIN " + channel).readThrough("366");
			cool.send("JOIN " + channel).readThrough("366");
			other.expect(":" + nick + "!myuser@parley JOIN " + channel);
		}
	}

	@Test
	void aUserLineWithAnEmptyRealNameOrUserNameIs461AndRegistrationGoesOn() throws Exception {
		String nick = LineServer.uniqueName("empty");
		try (IrcSocket client = this.irc.connect()) {
			client.send("NICK " + nick).send("USER u 0 * :");
			client.expect(":parley 461 " + nick + " USER :Not enough parameters");
			client.send("USER  0 * :Real");
			client.expect(":parley 461 " + nick + " USER :Not enough parameters");
			// a user name that would break a mask keeps only what a mask may hold
			client.send("USER a!b@c\u0001 0 * :Real \u0002Name");
			assertThat(client.readWelcome().get(0)).startsWith(":parley 001 " + nick + " ");
			client.send("WHOIS " + nick);
			assertThat(client.readThrough("318").get(0))
				.isEqualTo(":parley 311 " + nick + " " + nick + " abc parley * :Real Name");
		}
	}

	@Test
	void whoWithAMaskMatchesNicksIgnoringCase() throws Exception {
		String stem = LineServer.uniqueName("masked");
		String channel = "#" + stem;
		try (IrcSocket a = guest(stem + "a", "a", "A"); IrcSocket b = guest(stem + "b", "b", "B");
				IrcSocket other = guest(LineServer.uniqueName("other"), "o", "O")) {
			for (IrcSocket member : List.of(a, b, other)) {
				member.send("JOIN " + channel).readThrough("366");
			}
			other.send("WHO " + stem.toUpperCase() + "*");
			List<String> reply = other.readThrough("315");
			assertThat(reply).hasSize(3);
			assertThat(reply.get(0)).contains(" " + stem + "a H :0 A");
			assertThat(reply.get(1)).contains(" " + stem + "b H :0 B");
			assertThat(reply.get(2)).endsWith(" " + stem.toUpperCase() + "* :End of WHO list");
			other.send("WHO zz?nobody*");
			assertThat(other.readThrough("315")).hasSize(1);
		}
	}

	@Test
	void whoWithAMaskShowsInvisibleUsersOnlyToThoseWhoShareAChannelButANickAlways() throws Exception {
		String stem = LineServer.uniqueName("invis");
		try (IrcSocket hidden = guest(stem + "a", "a", "A");
				IrcSocket asker = guest(LineServer.uniqueName("asker"), "o", "O")) {
			asker.send("WHO " + stem + "*");
			assertThat(asker.readThrough("315")).hasSize(1);
			asker.send("WHO *");
			assertThat(asker.readThrough("315")).noneMatch(line -> line.contains(" " + stem + "a "));
			asker.send("WHO " + stem + "a");
			assertThat(asker.readThrough("315")).hasSize(2);
			hidden.send("JOIN #" + stem).readThrough("366");
			asker.send("JOIN #" + stem).readThrough("366");
			asker.send("WHO " + stem + "*");
			assertThat(asker.readThrough("315")).hasSize(2);
		}
	}

	@Test
	void aMessageThatCameInOneLineLeavesInOneEvenWithoutItsColon() throws Exception {
		String from = LineServer.uniqueName("long");
		String to = LineServer.uniqueName("reader");
		try (IrcSocket sender = guest(from, "s", "S"); IrcSocket reader = guest(to, "r", "R")) {
			String head = "PRIVMSG " + to + " ";
			String word = "a".repeat(510 - head.length());
			sender.send(head + word);
			reader.expect(":" + from + "!s@parley PRIVMSG " + to + " :" + word);
			String words = "b ".repeat((510 - head.length() - 1) / 2).strip();
			sender.send(head + ":" + words);
			reader.expect(":" + from + "!s@parley PRIVMSG " + to + " :" + words);
			sender.send("PING :after");
			sender.expect(":parley PONG parley :after");
		}
	}

	@Test
	void aNoticeIsNeverAnswered() throws Exception {
		String me = LineServer.uniqueName("quiet");
		try (IrcSocket client = guest(me, "q", "Q")) {
			client.send("NOTICE #nowhere-at-all :hello").send("NOTICE nobody-online :hello").send("NOTICE")
				.send("NOTICE " + me).send("NOTICE $* :everyone");
			client.send("PING :done");
			client.expect(":parley PONG parley :done");
		}
	}

	@Test
	void whowasShowsWhoLeftAndEndsWith369() throws Exception {
		String nick = LineServer.uniqueName("leaver");
		String me = LineServer.uniqueName("whowas");
		try (IrcSocket asker = guest(me, "w", "W")) {
			try (IrcSocket leaver = guest(nick, "ident", "Left Already")) {
				leaver.send("QUIT :bye");
				leaver.expectError("Closing Link: " + nick + " (bye)");
			}
			asker.send("WHOWAS " + nick + " 1");
			assertThat(asker.readThrough("369")).satisfies(lines -> {
				assertThat(lines.get(0))
					.isEqualTo(":parley 314 " + me + " " + nick + " ident parley * :Left Already");
				assertThat(lines).hasSize(3);
			});
			asker.send("WHOWAS never-was-here");
			asker.expect(":parley 406 " + me + " never-was-here :There was no such nickname");
			asker.expect(":parley 369 " + me + " never-was-here :End of WHOWAS");
			asker.send("WHOWAS");
			asker.expect(":parley 431 " + me + " :No nickname given");
		}
	}

	@Test
	void theServerQueriesAnswerWithTheirNumerics() throws Exception {
		String me = LineServer.uniqueName("asks");
		try (IrcSocket client = guest(me, "a", "A")) {
			client.send("LUSERS");
			List<String> lusers = client.readThrough("266");
			assertThat(lusers).extracting(IrcSocket::command)
				.containsExactly("251", "252", "253", "254", "255", "265", "266");
			client.send("TIME");
			assertThat(client.expectNumeric("391")).startsWith(":parley 391 " + me + " parley ");
			client.send("TIME other.server");
			client.expect(":parley 402 " + me + " other.server :No such server");
			client.send("LINKS");
			client.expect(":parley 364 " + me + " parley parley :0 Parley chat server");
			client.expect(":parley 365 " + me + " * :End of /LINKS list");
			client.send("HELP privmsg");
			client.expect(":parley 704 " + me + " privmsg :PRIVMSG <targets> :<text>");
			client.expect(":parley 705 " + me + " privmsg :message");
			client.expect(":parley 706 " + me + " privmsg :End of /HELP");
			client.send("HELPOP NOSUCHCOMMAND");
			client.expect(":parley 524 " + me + " NOSUCHCOMMAND :No help available on this topic");
			client.send("VERSION");
			assertThat(client.expectNumeric("351")).contains(" parley :Parley chat server");
			assertThat(client.expectNumeric("005")).contains(" PREFIX=(qov)~@+ ");
		}
	}

	@Test
	void theWelcomeAdvertisesAWellFormedPrefix() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			client.send("NICK " + LineServer.uniqueName("isup")).send("USER i 0 * :I");
			List<String> welcome = client.readWelcome();
			assertThat(welcome).anySatisfy(line -> assertThat(line).contains(" PREFIX=(qov)~@+ "));
			assertThat(welcome).noneSatisfy(line -> assertThat(line).contains("PREFIX=()"));
		}
	}

	@Test
	void saslRefusesAChunkOver400BytesWith905AndAnEndlessPayloadWith904() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP LS 302").send("NICK " + LineServer.uniqueName("sasl"));
			client.expectNumeric("CAP");
			client.send("CAP REQ :sasl").expectNumeric("CAP");
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			client.send("AUTHENTICATE " + "A".repeat(401));
			assertThat(client.expectNumeric("905")).endsWith(":SASL message too long");
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			for (int i = 0; i < 1000; i++) {
				client.send("AUTHENTICATE " + "A".repeat(400));
			}
			// one 904 when the payload passes 3,200 bytes; the rest of its chunks are read past, unanswered
			assertThat(client.expectNumeric("904")).endsWith(":SASL authentication failed: the payload is too long");
			client.send("AUTHENTICATE +");
			client.send("PING :after");
			client.expect(":parley PONG parley :after");
			// the exchange is over: a next one starts from the mechanism
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
		}
	}

	@Test
	void aGuestThatAuthenticatesAfterRegisteringIs462() throws Exception {
		String me = LineServer.uniqueName("late");
		try (IrcSocket client = guest(me, "l", "L")) {
			client.send("AUTHENTICATE PLAIN");
			client.expect(":parley 462 " + me
					+ " :You may not reregister: log in with SASL before registering");
		}
	}

	@Test
	void operIsForAdminAccountsAndBringsKillAndWallops() throws Exception {
		String admin = LineServer.uniqueName("oper");
		assertThat(this.http.admin()
			.post("/api/admin/users", "{\"name\":\"" + admin + "\",\"password\":\"operpassword\",\"role\":\"ADMIN\"}")
			.status()).isEqualTo(201);
		String user = this.http.createUser("plain");
		String me = LineServer.uniqueName("ircop");
		String victimNick = LineServer.uniqueName("victim");
		String readerNick = LineServer.uniqueName("reader");
		try (IrcSocket op = guest(me, "op", "Op"); IrcSocket victim = guest(victimNick, "v", "V");
				IrcSocket reader = guest(readerNick, "r", "R")) {
			op.send("OPER " + admin);
			op.expect(":parley 461 " + me + " OPER :Not enough parameters");
			op.send("OPER " + admin + " wrong-password");
			op.expect(":parley 464 " + me + " :Password incorrect");
			op.send("OPER " + user + " password1");
			op.expect(":parley 491 " + me + " :No O-lines for your host: only admin accounts are operators");
			op.send("KILL " + victimNick + " :not yet");
			op.expect(":parley 481 " + me + " :Permission Denied- You're not an IRC operator");
			op.send("WALLOPS :not yet");
			op.expect(":parley 481 " + me + " :Permission Denied- You're not an IRC operator");

			op.send("OPER " + admin + " operpassword");
			op.expect(":parley 381 " + me + " :You are now an IRC operator");
			op.expect(":parley MODE " + me + " +o");
			reader.send("MODE " + readerNick + " +w");
			reader.expect(":" + readerNick + "!r@parley MODE " + readerNick + " +w");
			reader.send("MODE " + readerNick + " +x");
			reader.expect(":parley 501 " + readerNick + " :Unknown MODE flag");
			reader.send("WHOIS " + me);
			assertThat(reader.readThrough("318")).contains(":parley 313 " + readerNick + " " + me + " :is an IRC operator");

			op.send("WALLOPS :hear ye");
			reader.expect(":" + me + "!op@parley WALLOPS :hear ye");
			victim.expectNothing(QUIET);

			op.send("KILL nobody-online :gone");
			op.expect(":parley 401 " + me + " nobody-online :No such nick/channel");
			op.send("KILL " + victimNick + " :enough");
			victim.expectError("Closing Link: " + victimNick + " (Killed (" + me + " (enough)))");
		}
	}

	@Test
	void aGuestChangesItsNickAndItsRoomSeesIt433WhenTaken() throws Exception {
		String first = LineServer.uniqueName("alice");
		String second = LineServer.uniqueName("bob");
		String renamed = LineServer.uniqueName("malice");
		String channel = "#" + LineServer.uniqueName("nicks");
		String registered = this.http.createUser("owned");
		try (IrcSocket alice = guest(first, "a", "A"); IrcSocket bob = guest(second, "b", "B");
				ChatClient line = this.server.register("watcher")) {
			alice.send("JOIN " + channel).readThrough("366");
			bob.send("JOIN " + channel).readThrough("366");
			line.send("/join " + channel.substring(1)).expect("OK join " + channel.substring(1));
			alice.expect(":" + second + "!b@parley JOIN " + channel);
			String lineJoin = ":" + line.name() + "!" + line.name() + "@parley JOIN " + channel;
			alice.expect(lineJoin);
			bob.expect(lineJoin);

			bob.send("NICK " + first.toUpperCase());
			bob.expect(":parley 433 " + second + " " + first.toUpperCase() + " :" + first.toUpperCase()
					+ " is in use; pick another name");
			bob.send("NICK " + registered);
			bob.expect(":parley 433 " + second + " " + registered
					+ " :Nickname is registered; log in with SASL or PASS, or choose another");
			bob.send("NICK 1bad");
			bob.expect(":parley 432 " + second
					+ " 1bad :Erroneous nickname: 2-32 letters, digits, _ or -, starting with a letter");

			alice.send("NICK " + renamed);
			alice.expect(":" + first + "!a@parley NICK " + renamed);
			bob.expect(":" + first + "!a@parley NICK " + renamed);
			line.expect("NICK " + first + " " + renamed);
			alice.send("NICK " + renamed.toUpperCase());
			alice.expect(":" + renamed + "!a@parley NICK " + renamed.toUpperCase());
			bob.expect(":" + renamed + "!a@parley NICK " + renamed.toUpperCase());

			// the old name is free again, the new one answers
			bob.send("NICK " + first);
			bob.expect(":" + second + "!b@parley NICK " + first);
			alice.expect(":" + second + "!b@parley NICK " + first);
			bob.send("PRIVMSG " + renamed + " :hi");
			alice.expect(":" + first + "!b@parley PRIVMSG " + renamed.toUpperCase() + " :hi");
			bob.send("WHO " + channel);
			// alice made the channel, so she is its operator: the role went with the name (room roles keep it by name)
			assertThat(bob.readThrough("315")).anySatisfy(l -> assertThat(l).contains(" " + renamed.toUpperCase() + " H@ "));
			bob.send("NAMES " + channel);
			assertThat(bob.readThrough("366")).anySatisfy(l -> assertThat(l).contains(" @" + renamed.toUpperCase()));
			alice.send("MODE " + channel + " +v " + first);
			bob.expect(":" + renamed.toUpperCase() + "!a@parley MODE " + channel + " +v " + first);
		}
	}

	@Test
	void multiPrefixGivesEveryPrefixOfARankAndUserhostInNamesTheMask() throws Exception {
		String op = LineServer.uniqueName("prefixed");
		String voiced = LineServer.uniqueName("voiced");
		String channel = "#" + LineServer.uniqueName("ranks");
		try (IrcSocket multi = this.irc.connect(); IrcSocket plain = guest(voiced, "v", "V")) {
			multi.send("CAP LS 302").readThrough("CAP");
			multi.send("CAP REQ :multi-prefix userhost-in-names").expect(":parley CAP * ACK :multi-prefix userhost-in-names");
			multi.send("NICK " + op).send("USER p 0 * :P").send("CAP END").readWelcome();
			multi.send("JOIN " + channel).readThrough("366");
			plain.send("JOIN " + channel).readThrough("366");
			multi.expect(":" + voiced + "!v@parley JOIN " + channel);
			multi.send("MODE " + channel + " +v " + voiced);
			multi.expect(":" + op + "!p@parley MODE " + channel + " +v " + voiced);

			// the operator (the channel's maker) may all a voice may: @+ with multi-prefix, @ without
			multi.send("NAMES " + channel);
			assertThat(multi.readThrough("366")).anySatisfy(l -> assertThat(l).contains(" :@+" + op + "!p@parley ")
				.contains(" +" + voiced + "!v@parley"));
			multi.send("WHO " + channel);
			assertThat(multi.readThrough("315")).anySatisfy(l -> assertThat(l).contains(" " + op + " H@+ :0 P"));
			plain.send("NAMES " + channel);
			assertThat(plain.readThrough("366")).anySatisfy(l -> assertThat(l).endsWith(" :@" + op + " +" + voiced));
			plain.send("WHO " + channel);
			assertThat(plain.readThrough("315")).anySatisfy(l -> assertThat(l).contains(" " + op + " H@ :0 P"));
		}
	}

	@Test
	void anAccountKeepsItsNick() throws Exception {
		String name = this.http.createUser("fixed");
		try (IrcSocket client = this.irc.logIn(name)) {
			client.send("NICK other-name");
			client.expect(":parley 432 " + name + " other-name :Your nick is your account name and cannot change");
		}
	}

	@Test
	void tagsOver4094BytesAre417AndTheLineIsDropped() throws Exception {
		String from = LineServer.uniqueName("tagger");
		String to = LineServer.uniqueName("tagged");
		try (IrcSocket sender = guest(from, "t", "T"); IrcSocket reader = guest(to, "r", "R")) {
			sender.send("@+example=" + "a".repeat(4096) + " PRIVMSG " + to + " :hi");
			sender.expect(":parley 417 " + from + " :Input line was too long");
			sender.send("@+example=" + "a".repeat(4000) + " PRIVMSG " + to + " :fits");
			reader.expect(":" + from + "!t@parley PRIVMSG " + to + " :fits");
		}
	}

	@Test
	void aLineThatIsNotUtf8IsRefusedWithInvalidUtf8() throws Exception {
		String from = LineServer.uniqueName("latin");
		String to = LineServer.uniqueName("reader");
		try (IrcSocket sender = guest(from, "l", "L"); IrcSocket reader = guest(to, "r", "R")) {
			byte[] head = ("PRIVMSG " + to + " :caf").getBytes(StandardCharsets.US_ASCII);
			byte[] latin1 = Arrays.copyOf(head, head.length + 3);
			latin1[head.length] = (byte) 0xe9; // é in Latin-1, no UTF-8 at all
			latin1[head.length + 1] = '\r';
			latin1[head.length + 2] = '\n';
			sender.sendRaw(latin1);
			sender.expect(":parley FAIL PRIVMSG INVALID_UTF8 :Message rejected, your IRC software MUST use UTF-8 "
					+ "encoding on this network");
			sender.send("PRIVMSG " + to + " :café");
			reader.expect(":" + from + "!l@parley PRIVMSG " + to + " :café");
		}
	}

	@Test
	void thePasswordRuleIsConfigurable() {
		String name = LineServer.uniqueName("pw");
		assertThat(this.http.admin()
			.post("/api/admin/users", "{\"name\":\"" + name + "\",\"password\":\"sesa\",\"role\":\"USER\"}")
			.status()).isEqualTo(201);
		assertThat(this.http.admin()
			.put("/api/admin/users/" + name + "/password", "{\"password\":\"" + "p".repeat(600) + "\"}")
			.status()).isEqualTo(204);
		assertThat(this.http.admin()
			.put("/api/admin/users/" + name + "/password", "{\"password\":\"abc\"}")
			.status()).isEqualTo(400);
		assertThat(this.http.admin()
			.put("/api/admin/users/" + name + "/password", "{\"password\":\"" + "p".repeat(601) + "\"}")
			.status()).isEqualTo(400);
	}

}
