package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * IRCv3 {@code draft/account-registration}: an IRC client (the web page among them) creates its account with
 * {@code REGISTER} before its registration ends and is then logged in as it, as after SASL; a taken name, a bad
 * name and a weak password are {@code FAIL REGISTER} standard replies, and the connection may try again.
 */
@ParleyTest
class IrcAccountRegistrationTest {

	@Autowired
	IrcGateway irc;

	@Test
	void registerCreatesTheAccountAndLogsTheClientIn() throws Exception {
		String name = LineServer.uniqueName("newcomer");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP LS 302").expectNumeric("CAP");
			client.send("NICK " + name).send("USER " + name + " 0 * :New");
			client.send("REGISTER * * password1");
			client.expect(":parley REGISTER SUCCESS " + name + " :Account created");
			client.expect(":parley 900 " + name + " " + name + "!" + name + "@parley " + name
					+ " :You are now logged in as " + name);
			client.send("CAP END");
			assertThat(client.readWelcome().get(0)).isEqualTo(":parley 001 " + name + " :Welcome to the Parley network, " + name);
		}
		// a real account: PASS logs in with it
		try (IrcSocket again = this.irc.connect().logIn(name, "password1")) {
			assertThat(again.nick()).isEqualTo(name);
		}
	}

	@Test
	void refusalsAreFailRepliesAndTheClientMayTryAgain() throws Exception {
		String taken = LineServer.uniqueName("taken");
		try (IrcSocket first = this.irc.connect()) {
			first.send("CAP LS 302").expectNumeric("CAP");
			first.send("NICK " + taken).send("REGISTER * * password1").expectNumeric("REGISTER");
		}
		String name = LineServer.uniqueName("retry");
		try (IrcSocket client = this.irc.connect()) {
			client.send("CAP LS 302").expectNumeric("CAP");
			client.send("REGISTER " + taken + " * password1");
			assertThat(client.readLine()).startsWith("FAIL REGISTER ACCOUNT_EXISTS " + taken + " :");
			client.send("REGISTER 9bad * password1");
			assertThat(client.readLine()).startsWith("FAIL REGISTER BAD_ACCOUNT_NAME 9bad :");
			client.send("REGISTER " + name + " * 1");
			assertThat(client.readLine()).startsWith("FAIL REGISTER WEAK_PASSWORD " + name + " :");
			client.send("REGISTER " + name + " * password1").expect(":parley REGISTER SUCCESS " + name + " :Account created");
			client.expectNumeric("900");
			client.send("REGISTER other * password1");
			assertThat(client.readLine()).startsWith("FAIL REGISTER ALREADY_AUTHENTICATED * :");
		}
	}

}
