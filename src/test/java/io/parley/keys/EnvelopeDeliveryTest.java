package io.parley.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.protocol.EncryptedEnvelope;
import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * An end-to-end encrypted envelope (issue 21) is a private message the server does not read: it reaches a client
 * that asked for envelopes ({@code parley.io/e2e}) as it is, and the line protocol and plain IRC clients as a
 * readable notice, live, from the offline mailbox and from history; one over the bound is refused with a clear error
 * and reaches nobody.
 */
@ParleyTest
class EnvelopeDeliveryTest {

	private static final String ENVELOPE = EncryptedEnvelope.PREFIX + "AQID".repeat(40);

	@Autowired
	LineServer line;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void anEnvelopeReachesAReaderAsItIsAndLineAndPlainIrcClientsAsANotice() throws Exception {
		String alice = this.http.createUser("alice");
		try (ChatClient bobLine = this.line.register("bob");
				IrcSocket bobPlain = this.irc.logIn(bobLine.name());
				IrcSocket bobReader = reader(bobLine.name());
				IrcSocket sender = this.irc.logIn(alice)) {
			sender.send("PRIVMSG " + bobLine.name() + " :" + ENVELOPE);
			assertThat(bobLine.readUntilContaining(alice)).isEqualTo("MSG " + alice + " " + EncryptedEnvelope.NOTICE);
			assertThat(IrcSocket.untagged(bobPlain.readLine())).startsWith(":" + alice + "!")
				.endsWith(" NOTICE " + bobLine.name() + " :" + EncryptedEnvelope.NOTICE);
			assertThat(IrcSocket.untagged(bobReader.readLine())).startsWith(":" + alice + "!")
				.endsWith(" PRIVMSG " + bobLine.name() + " :" + ENVELOPE);
		}
	}

	@Test
	void offlineAndFromHistoryAClientThatCannotReadEnvelopesIsToldOneCame() throws Exception {
		String bob = this.http.createUser("bob");
		try (ChatClient sender = this.line.register("alice")) {
			sender.send("/msg " + bob + " " + ENVELOPE).expect("OK msg " + bob + " queued");
			try (ChatClient bobLine = this.line.connect()) {
				bobLine.send("/login " + bob + " password1");
				assertThat(bobLine.readUntilContaining("HIST ")).endsWith(" " + sender.name() + " " + EncryptedEnvelope.NOTICE);
				bobLine.send("/history @" + sender.name());
				assertThat(bobLine.readUntilContaining("HIST ")).endsWith(" " + sender.name() + " " + EncryptedEnvelope.NOTICE);
			}
		}
	}

	@Test
	void anEnvelopeOverTheBoundIsRefusedWithAClearErrorAndReachesNobody() throws Exception {
		String alice = this.http.createUser("alice");
		String tooLarge = EncryptedEnvelope.PREFIX + "A".repeat(EncryptedEnvelope.MAX_BYTES);
		try (IrcSocket bob = reader(this.http.createUser("bob")); IrcSocket sender = this.irc.logIn(alice);
				ChatClient lineSender = this.line.register("carol")) {
			sender.send("PRIVMSG " + bob.nick() + " :" + tooLarge);
			assertThat(sender.readLine()).isEqualTo("FAIL * LINE_TOO_LONG :An encrypted message is at most "
					+ EncryptedEnvelope.MAX_BYTES + " bytes, that one was " + tooLarge.length() + "; it was not sent");
			lineSender.send("/msg " + bob.nick() + " " + tooLarge);
			assertThat(lineSender.readUntilContaining("ERR")).isEqualTo("ERR line-too-long an encrypted message is at most "
					+ EncryptedEnvelope.MAX_BYTES + " bytes, that one was " + tooLarge.length() + "; it was not sent");
			bob.expectNothing(Duration.ofMillis(300));
		}
	}

	/** An IRC client that asks for envelopes as they are, as the web page does (PASS login). */
	private IrcSocket reader(String user) throws IOException {
		IrcSocket socket = this.irc.connect();
		socket.send("CAP LS 302").expectNumeric("CAP");
		socket.send("CAP REQ :" + EncryptedEnvelope.IRC_CAPABILITY).readThrough("CAP");
		socket.send("CAP END");
		return socket.logIn(user, "password1");
	}

}
