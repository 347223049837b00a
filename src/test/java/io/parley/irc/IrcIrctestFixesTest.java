package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * What irctest's default selection found after room roles and history were merged, each checked over a real
 * socket: WHOX, NAMES of several channels, KICK's default comment and its channel list, WHOIS's channel
 * prefixes, and a nick that is free again as soon as its QUIT is answered.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcIrctestFixesTest {

	@Autowired
	IrcGateway irc;

	private IrcSocket guest(String nick, String user, String realName) throws Exception {
		IrcSocket socket = this.irc.connect();
		socket.send("NICK " + nick).send("USER " + user + " 0 * :" + realName).readWelcome();
		return socket;
	}

	private static void join(IrcSocket client, String channel) throws Exception {
		client.send("JOIN " + channel).readThrough("366");
	}

	@Test
	void whoxAnswersTheFieldsAskedForInTheSpecsOrderWithTheToken() throws Exception {
		String nick = LineServer.uniqueName("whox");
		String asker = LineServer.uniqueName("asker");
		try (IrcSocket cool = guest(nick, "myuser", "My Real Name"); IrcSocket other = guest(asker, "o", "O")) {
			other.send("WHO " + nick + " %rnaut,123");
			assertThat(other.readThrough("315")).containsExactly(
					":parley 354 " + asker + " 123 myuser " + nick + " 0 :My Real Name",
					":parley 315 " + asker + " " + nick + " :End of WHO list");
			other.send("WHO " + nick + " %tcuihsnfdlaor,7");
			assertThat(other.readLine()).isEqualTo(":parley 354 " + asker + " 7 * myuser 255.255.255.255 parley parley "
					+ nick + " H 0 0 0 n/a :My Real Name");
			other.readThrough("315");
			// one field; a token that is not one to three digits is 0; letters WHOX has not are read past
			other.send("WHO " + nick + " %nxz,abcd");
			assertThat(other.readThrough("315").get(0)).isEqualTo(":parley 354 " + asker + " :" + nick);
			other.send("WHO " + nick + " %t,abcd");
			assertThat(other.readThrough("315").get(0)).isEqualTo(":parley 354 " + asker + " :0");
			// no field at all: the line names the asker only; no % at all: a plain WHO
			other.send("WHO " + nick + " %");
			assertThat(other.readThrough("315").get(0)).isEqualTo(":parley 354 " + asker);
			other.send("WHO " + nick + " o");
			assertThat(other.readThrough("315").get(0)).startsWith(":parley 352 ");
			other.send("VERSION").readThrough("351");
			assertThat(other.readLine() + other.readLine()).contains(" WHOX ");
		}
	}

	@Test
	void namesOfSeveralChannelsEndsWithOne366NamingThemAll() throws Exception {
		String nick = LineServer.uniqueName("names");
		String one = "#" + LineServer.uniqueName("one");
		String two = "#" + LineServer.uniqueName("two");
		try (IrcSocket client = guest(nick, "n", "N")) {
			join(client, one);
			join(client, two);
			client.send("NAMES " + one + "," + two + ",#nowhere-" + nick);
			assertThat(client.readThrough("366")).containsExactly(":parley 353 " + nick + " = " + one + " :@" + nick,
					":parley 353 " + nick + " = " + two + " :@" + nick,
					":parley 366 " + nick + " " + one + "," + two + ",#nowhere-" + nick + " :End of /NAMES list");
			client.send("NAMES " + one);
			assertThat(client.readThrough("366")).containsExactly(":parley 353 " + nick + " = " + one + " :@" + nick,
					":parley 366 " + nick + " " + one + " :End of /NAMES list");
		}
	}

	@Test
	void kickWithoutACommentGivesTheKickersNickAndPairsChannelsWithNicks() throws Exception {
		String op = LineServer.uniqueName("kicker");
		String a = LineServer.uniqueName("kicka");
		String b = LineServer.uniqueName("kickb");
		String one = "#" + LineServer.uniqueName("kone");
		String two = "#" + LineServer.uniqueName("ktwo");
		try (IrcSocket chanop = guest(op, "k", "K"); IrcSocket first = guest(a, "a", "A");
				IrcSocket second = guest(b, "b", "B")) {
			join(chanop, one);
			join(chanop, two);
			join(first, one);
			join(second, two);
			chanop.readLine(); // a's join
			chanop.readLine(); // b's join
			chanop.send("KICK " + one + " " + a);
			chanop.expect(":" + op + "!k@parley KICK " + one + " " + a + " :" + op);
			first.expect(":" + op + "!k@parley KICK " + one + " " + a + " :" + op);
			join(first, one);
			chanop.readLine();
			chanop.send("KICK " + one + "," + two + " " + a + "," + b + " :bye");
			chanop.expect(":" + op + "!k@parley KICK " + one + " " + a + " :bye");
			chanop.expect(":" + op + "!k@parley KICK " + two + " " + b + " :bye");
			// more nicks than channels: 461 for the first nick without one
			join(first, one);
			chanop.readLine();
			chanop.send("KICK " + one + "," + two + " " + a + "," + b + ",nobody");
			chanop.expect(":" + op + "!k@parley KICK " + one + " " + a + " :" + op);
			chanop.expect(":parley 441 " + op + " " + b + " " + two + " :They aren't on that channel");
			chanop.expect(":parley 461 " + op + " KICK :Not enough parameters");
		}
	}

	@Test
	void whoisShowsTheRoleOfTheUserInEachChannel() throws Exception {
		String nick = LineServer.uniqueName("roles");
		String asker = LineServer.uniqueName("asker");
		String mine = "#" + LineServer.uniqueName("mine");
		String theirs = "#" + LineServer.uniqueName("theirs");
		try (IrcSocket user = guest(nick, "r", "R"); IrcSocket other = guest(asker, "o", "O")) {
			join(other, theirs);
			join(user, mine);
			join(user, theirs);
			other.readLine();
			other.send("WHOIS " + nick);
			List<String> whois = other.readThrough("318");
			assertThat(whois).anyMatch(line -> line.startsWith(":parley 319 " + asker + " " + nick + " :")
					&& List.of(line.substring(line.lastIndexOf(':') + 1).split(" ")).containsAll(List.of("@" + mine, theirs)));
		}
	}

	@Test
	void aNickIsFreeOnceItsQuitIsAnswered() throws Exception {
		for (int n = 0; n < 20; n++) {
			String nick = LineServer.uniqueName("reuse") + "x" + n;
			try (IrcSocket first = guest(nick, "q", "Q")) {
				first.send("QUIT :again");
				first.expectError("Closing Link: " + nick + " (again)");
			}
			try (IrcSocket second = guest(nick, "q", "Q")) {
				second.send("PING :ok");
				second.expect(":parley PONG parley :ok");
			}
		}
	}

}
