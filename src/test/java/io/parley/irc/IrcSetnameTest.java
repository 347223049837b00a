package io.parley.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * SETNAME over real sockets: confirmed to the client, told to channel peers and extended-monitor watchers that asked
 * for setname and to nobody else, shown by WHOIS; an empty or over-long real name refused with FAIL.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcSetnameTest {

	private static final Duration QUIET = Duration.ofMillis(400);

	@Autowired
	IrcGateway irc;

	@Test
	void aNewRealNameReachesThoseThatAskedAndWhois() throws Exception {
		String me = LineServer.uniqueName("renamer");
		String peer = LineServer.uniqueName("setpeer");
		String plain = LineServer.uniqueName("setplain");
		String watcher = LineServer.uniqueName("setwatch");
		String channel = "#" + LineServer.uniqueName("setname");
		try (IrcSocket client = this.irc.guest(me, "s", "setname");
				IrcSocket one = this.irc.guest(peer, "s", "setname");
				IrcSocket two = this.irc.guest(plain, "s", null);
				IrcSocket three = this.irc.guest(watcher, "s", "setname extended-monitor")) {
			three.send("MONITOR + " + me).expectNumeric("730");
			client.send("JOIN " + channel).readThrough("366");
			one.send("JOIN " + channel).readThrough("366");
			two.send("JOIN " + channel).readThrough("366");
			client.readThrough("JOIN");
			client.readLine();
			one.readLine();
			client.send("SETNAME :New \u0001Name");
			client.expect(":" + me + "!s@parley SETNAME :New Name");
			one.expect(":" + me + "!s@parley SETNAME :New Name");
			three.expect(":" + me + "!s@parley SETNAME :New Name");
			two.expectNothing(QUIET);
			two.send("WHOIS " + me);
			assertThat(two.readThrough("318")).contains(":parley 311 " + plain + " " + me + " s parley * :New Name");
		}
	}

	@Test
	void anEmptyOrOverlongRealNameIsRefused() throws Exception {
		String me = LineServer.uniqueName("badname");
		try (IrcSocket client = this.irc.guest(me, "s", "setname")) {
			client.send("SETNAME");
			client.expect(":parley FAIL SETNAME INVALID_REALNAME :Real names are 1 to 100 characters");
			client.send("SETNAME :");
			client.expect(":parley FAIL SETNAME INVALID_REALNAME :Real names are 1 to 100 characters");
			client.send("SETNAME :" + "x".repeat(IrcRegistration.MAX_REAL_NAME + 1));
			client.expect(":parley FAIL SETNAME INVALID_REALNAME :Real names are 1 to 100 characters");
			client.send("WHOIS " + me);
			assertThat(client.readThrough("318").get(0)).endsWith(" :S");
		}
	}

}
