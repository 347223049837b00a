package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** IRC with {@code parley.accounts.guests} on, and a message of the day. */
@ParleyTest(properties = { "parley.accounts.guests=true", "parley.irc.motd[0]=Welcome to the test server",
		"parley.irc.motd[1]=Be nice" })
class IrcGuestsTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void aClientWithoutLoginIsAGuestUnderItsNickAndGetsTheMotd() throws Exception {
		String nick = LineServer.uniqueName("visitor");
		try (IrcSocket guest = this.irc.connect(); IrcSocket asker = this.irc.logIn(this.http.createUser("asker"))) {
			guest.send("NICK " + nick).send("USER v 0 * :Visitor");
			List<String> welcome = guest.readWelcome();
			assertThat(welcome.get(0)).isEqualTo(":parley 001 " + nick + " :Welcome to the Parley network, " + nick);
			assertThat(welcome.subList(welcome.size() - 4, welcome.size())).containsExactly(
					":parley 375 " + nick + " :- parley Message of the day -",
					":parley 372 " + nick + " :- Welcome to the test server", ":parley 372 " + nick + " :- Be nice",
					":parley 376 " + nick + " :End of /MOTD command.");

			asker.send("WHOIS " + nick);
			List<String> whois = asker.readThrough("318");
			// USER's user name and real name (issue 18)
			assertThat(whois.get(0)).isEqualTo(":parley 311 " + asker.nick() + " " + nick + " v parley * :Visitor");
			assertThat(whois).noneMatch(line -> IrcSocket.command(line).equals("330"));
		}
	}

	@Test
	void aRegisteredNickIs433AndTheClientMayPickAnother() throws Exception {
		String registered = this.http.createUser("owned");
		String other = LineServer.uniqueName("borrower");
		try (IrcSocket guest = this.irc.connect()) {
			guest.send("NICK " + registered).send("USER b 0 * :b");
			guest.expect(":parley 433 * " + registered
					+ " :Nickname is registered; log in with SASL or PASS, or choose another");
			guest.send("NICK " + other);
			assertThat(guest.readWelcome().get(0)).startsWith(":parley 001 " + other + " ");
		}
	}

	@Test
	void aNickAGuestHoldsIs433() throws Exception {
		String nick = LineServer.uniqueName("holder");
		try (IrcSocket first = this.irc.connect(); IrcSocket second = this.irc.connect()) {
			first.send("NICK " + nick).send("USER h 0 * :h").readWelcome();
			second.send("NICK " + nick.toUpperCase()).send("USER h 0 * :h");
			second.expect(":parley 433 * " + nick.toUpperCase() + " :" + nick.toUpperCase() + " is in use; pick another name");
		}
	}

	@Test
	void aWrongPassIsStill464ThenError() throws Exception {
		String name = this.http.createUser("guarded");
		try (IrcSocket client = this.irc.connect()) {
			client.send("PASS wrong-password").send("NICK " + name).send("USER g 0 * :g");
			client.expect(":parley 464 " + name + " :Password incorrect");
			client.expectError("Closing Link: " + name + " (bad-credentials)");
		}
	}

}
