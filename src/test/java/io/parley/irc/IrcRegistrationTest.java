package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.ParleyTest;

/**
 * Registration on the IRC port with guests off (the default): the welcome burst, capability negotiation, SASL
 * PLAIN, PASS, and the numerics of a client that gets it wrong. A {@code PING} after a line the server should
 * not answer proves it did not: its {@code PONG} is the next line.
 */
@ParleyTest
class IrcRegistrationTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Value("${local.server.port}")
	int httpPort;

	@Test
	void theWelcomeBurstIs001To005ThenNoMotd() throws Exception {
		String name = this.http.createUser("burst");
		try (IrcSocket client = this.irc.connect()) {
			client.send("PASS password1").send("NICK " + name).send("USER u 0 * :Real Name");
			List<String> burst = client.readWelcome();
			assertThat(burst).hasSize(8);
			assertThat(burst.get(0)).isEqualTo(":parley 001 " + name + " :Welcome to the Parley network, " + name);
			assertThat(burst.get(1)).startsWith(":parley 002 " + name + " :Your host is parley, running version Parley-");
			assertThat(burst.get(2)).matches(":parley 003 " + name + " :This server was created \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
			assertThat(burst.get(3)).matches(":parley 004 " + name + " parley Parley-\\S+ Biow Iiklmnoqstv Ibklovq");
			assertThat(burst.get(4)).startsWith(":parley 005 " + name + " ")
				.endsWith(" :are supported by this server")
				.contains(" CHANTYPES=# ", " NICKLEN=32 ", " CHANNELLEN=33 ", " CASEMAPPING=ascii ", " NETWORK=Parley ",
						" PREFIX=(qov)~@+ ", " CHANMODES=Ib,k,l,imnst ", " INVEX", " USERLEN=16 ", " UTF8ONLY ");
			assertThat(burst.get(5)).isEqualTo(":parley 005 " + name + " CHANLIMIT=#:50 MAXTARGETS=4 "
					+ "TARGMAX=JOIN:10,KICK:4,NAMES:10,NOTICE:4,PART:10,PRIVMSG:4 MODES=6 TOPICLEN=390 MAXLIST=bI:100"
					+ " MONITOR=100 BOT=B WHOX STATUSMSG=~@+"
					+ " CHATHISTORY=1000 MSGREFTYPES=msgid,timestamp :are supported by this server");
			assertThat(burst.get(6)).isEqualTo(":parley 005 " + name + " soju.im/FILEHOST=http://localhost:"
					+ this.httpPort + "/files :are supported by this server");
			assertThat(burst.get(7)).isEqualTo(":parley 422 " + name + " :MOTD File is missing");

			client.send("MOTD").expect(":parley 422 " + name + " :MOTD File is missing");
		}
	}

	@Test
	void pingIsAnsweredAndAPongIsTakenSilentlyBeforeAndAfterRegistration() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			client.send("PING :before").expect(":parley PONG parley :before");
			client.send("PONG :parley").send("PING").expect(":parley 409 * :No origin specified");
			client.logIn(this.http.createUser("pinger"), "password1");
			client.send("PONG parley").send("PING after").expect(":parley PONG parley :after");
		}
	}

	@Test
	void capabilitiesAreListedAckedOrNakedAndRegistrationWaitsForCapEnd() throws Exception {
		String name = this.http.createUser("capper");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP LS 302").expect(":parley CAP * LS :sasl=PLAIN server-time message-tags batch echo-message "
					+ "labeled-response multi-prefix cap-notify userhost-in-names draft/read-marker extended-monitor away-notify "
					+ "setname draft/account-registration=before-connect draft/chathistory "
					+ "draft/metadata-3=before-connect,max-subs=50,max-keys=20,max-value-bytes=300 parley.io/e2e");
			client.send("CAP LS").expect(":parley CAP * LS :sasl server-time message-tags batch echo-message "
					+ "labeled-response multi-prefix cap-notify userhost-in-names draft/read-marker extended-monitor away-notify setname "
					+ "draft/account-registration draft/chathistory draft/metadata-3 parley.io/e2e");
			client.send("PASS password1").send("NICK " + name).send("USER u 0 * :u");
			client.send("CAP REQ :server-time message-tags")
				.expect(":parley CAP " + name + " ACK :server-time message-tags");
			client.send("CAP REQ :server-time chathistory").expect(":parley CAP " + name + " NAK :server-time chathistory");
			client.send("CAP REQ :-message-tags").expect(":parley CAP " + name + " ACK :-message-tags");
			client.send("CAP LIST").expect(":parley CAP " + name + " LIST :server-time");
			client.send("CAP BOGUS").expect(":parley 410 " + name + " BOGUS :Invalid CAP command");
			// NICK and USER are in, but negotiation is not over: no welcome yet
			client.send("PING :waiting").expect(":parley PONG parley :waiting");
			client.send("CAP END");
			assertThat(client.readWelcome().get(0)).startsWith(":parley 001 " + name + " ");
		}
	}

	@Test
	void saslPlainLogsInAndRenamesTheNickToTheAccount() throws Exception {
		String name = this.http.createUser("sasl");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP LS 302").send("NICK someone").send("USER u 0 * :u");
			client.expectNumeric("CAP");
			client.send("CAP REQ :sasl").expect(":parley CAP someone ACK :sasl");
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			client.send("AUTHENTICATE " + IrcSocket.plain(name, "password1"));
			client.expect(":parley 900 someone " + name + "!" + name + "@parley " + name + " :You are now logged in as "
					+ name);
			client.expect(":parley 903 someone :SASL authentication successful");
			client.send("AUTHENTICATE PLAIN").expect(":parley 907 someone :You have already authenticated using SASL");
			client.send("CAP END");
			client.expect(":someone!someone@parley NICK " + name);
			assertThat(client.readWelcome().get(0)).startsWith(":parley 001 " + name + " ");
		}
	}

	@Test
	void aFailedSaslAttemptIs904AndTheClientMayTryAgain() throws Exception {
		String name = this.http.createUser("retry");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP REQ :sasl").expect(":parley CAP * ACK :sasl");
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			client.send("AUTHENTICATE " + IrcSocket.plain(name, "wrong-password"));
			client.expect(":parley 904 * :SASL authentication failed");
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			client.send("AUTHENTICATE not-base64!").expect(":parley 904 * :SASL authentication failed");
			client.send("AUTHENTICATE EXTERNAL").expect(":parley 908 * PLAIN :are available SASL mechanisms");
			client.expect(":parley 904 * :SASL authentication failed");
			client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			client.send("AUTHENTICATE *").expect(":parley 906 * :SASL authentication aborted");
			client.saslLogIn(name, name, "password1");
		}
	}

	@Test
	void aWrongPassIs464ThenError() throws Exception {
		String name = this.http.createUser("badpass");
		try (IrcSocket client = this.irc.connect()) {
			client.send("PASS not-the-password").send("NICK " + name).send("USER u 0 * :u");
			client.expect(":parley 464 " + name + " :Password incorrect");
			client.expectError("Closing Link: " + name + " (bad-credentials)");
		}
	}

	@Test
	void withGuestsOffNoLoginIs464ThenErrorWhateverTheNick() throws Exception {
		String registered = this.http.createUser("nologin");
		for (String nick : List.of("freshnick", registered)) {
			try (IrcSocket client = this.irc.connect()) {
				client.send("NICK " + nick).send("USER u 0 * :u");
				client.expect(":parley 464 " + nick
						+ " :This server needs an account: log in with SASL PLAIN or PASS (guests are off)");
				client.expectError("Closing Link: " + nick + " (password required)");
			}
		}
	}

	@Test
	void commandsBeforeRegistrationAre451AndUnknownOnesAre421() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			client.send("JOIN #lobby").expect(":parley 451 * :You have not registered");
			client.send("PRIVMSG someone :hi").expect(":parley 451 * :You have not registered");
			client.send("FROBNICATE now").expect(":parley 421 * FROBNICATE :Unknown command");
			String name = this.http.createUser("numerics");
			client.logIn(name, "password1");
			client.send("frobnicate").expect(":parley 421 " + name + " FROBNICATE :Unknown command");
		}
	}

	@Test
	void nickAndUserMistakesAre431432And461() throws Exception {
		try (IrcSocket client = this.irc.connect()) {
			client.send("NICK").expect(":parley 431 * :No nickname given");
			client.send("NICK 1st-nick")
				.expect(":parley 432 * 1st-nick :Erroneous nickname: 2-32 letters, digits, _ or -, starting with a letter");
			client.send("USER onlyone").expect(":parley 461 * USER :Not enough parameters");
		}
	}

	@Test
	void afterRegistrationPassAndUserAre462AndTheNickCannotChange() throws Exception {
		String name = this.http.createUser("settled");
		try (IrcSocket client = this.irc.logIn(name)) {
			client.send("USER again 0 * :again").expect(":parley 462 " + name + " :You may not reregister");
			client.send("PASS password1").expect(":parley 462 " + name + " :You may not reregister");
			client.send("NICK othername")
				.expect(":parley 432 " + name + " othername :Your nick is your account name and cannot change");
			client.send("NICK " + name).send("PING :same").expect(":parley PONG parley :same");
		}
	}

}
