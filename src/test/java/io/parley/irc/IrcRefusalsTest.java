package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.AdminHttp;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.ParleyTest;

/**
 * The limits that refuse an IRC client speak IRC: the session cap, the login lockout and the flood cut-off
 * answer with numerics, standard replies and {@code ERROR} lines, and never tell an IRC user to type a
 * line-protocol command such as {@code /quit}.
 */
@ParleyTest
@TestPropertySource(properties = { "parley.sessions.max-per-user=2", "parley.limits.login.max-failures=3",
		"parley.limits.messages.rate=1", "parley.limits.messages.burst=10", "parley.limits.messages.max-lag=4s" })
class IrcRefusalsTest {

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void theSessionCapIsAStandardReplyInIrcWordsThenError() throws Exception {
		String name = this.http.createUser("capped");
		try (IrcSocket first = this.irc.logIn(name); IrcSocket second = this.irc.logIn(name);
				IrcSocket third = this.irc.connect()) {
			third.send("PASS password1").send("NICK " + name).send("USER u 0 * :u");
			third.expect("FAIL * TOO_MANY_SESSIONS :You already have 2 connections as " + name
					+ ", the most one account may have; disconnect one of them first");
			third.expectError("Closing Link: " + name + " (too-many-sessions)");
			first.send("PING :alive").expect(":parley PONG parley :alive");
		}
	}

	@Test
	void aLockedOutLoginIs464WithPassAnd904WithSaslInIrcWords() throws Exception {
		String name = this.http.createUser("locked");
		for (int i = 0; i < 3; i++) {
			try (IrcSocket guesser = this.irc.connect()) {
				guesser.send("PASS guess" + i + "xyz").send("NICK " + name).send("USER u 0 * :u");
				guesser.expect(":parley 464 " + name + " :Password incorrect");
			}
		}
		try (IrcSocket owner = this.irc.connect()) {
			owner.send("PASS password1").send("NICK " + name).send("USER u 0 * :u");
			owner.expect(":parley 464 " + name + " :Too many failed logins; wait a few minutes");
			owner.expectError("Closing Link: " + name + " (rate-limited)");
		}
		try (IrcSocket owner = this.irc.connect()) {
			owner.send("CAP LS 302").send("NICK " + name).send("USER u 0 * :u");
			owner.expectNumeric("CAP");
			owner.send("CAP REQ :sasl").expect(":parley CAP " + name + " ACK :sasl");
			owner.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE +");
			owner.send("AUTHENTICATE " + IrcSocket.plain(name, "password1"));
			assertThat(owner.expectNumeric("904")).startsWith(":parley 904 " + name + " :SASL authentication failed: ")
				.doesNotContain("/");
		}
	}

	@Test
	void aFloodIsClosedWithExcessFloodAndNoLineProtocolAdvice() throws Exception {
		String name = this.http.createUser("flooder");
		try (IrcSocket flooder = this.irc.logIn(name)) {
			flooder.send(Collections.nCopies(100, "PING :x"));
			List<String> got = new ArrayList<>();
			String line;
			while ((line = flooder.readLine()).equals(":parley PONG parley :x")) {
				got.add(line);
			}
			assertThat(line).isEqualTo("ERROR :Closing Link: " + name + " (Excess Flood)");
			assertThat(got).allMatch(pong -> !pong.contains("/"));
		}
	}

}
