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
 * STATUSMSG over real sockets: {@code PRIVMSG @#chan} reaches the channel's operators and nobody else, {@code +#chan}
 * voices and up; a non-member gets 404, a missing channel 403, a NOTICE no answer.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcStatusMessagesTest {

	private static final Duration QUIET = Duration.ofMillis(400);

	@Autowired
	IrcGateway irc;

	@Test
	void aStatusMessageReachesTheRankAndAbove() throws Exception {
		String op = LineServer.uniqueName("stop");
		String voice = LineServer.uniqueName("stvoice");
		String member = LineServer.uniqueName("stmember");
		String channel = "#" + LineServer.uniqueName("status");
		try (IrcSocket chanop = this.irc.guest(op, "s", null); IrcSocket voiced = this.irc.guest(voice, "s", null);
				IrcSocket plain = this.irc.guest(member, "s", "echo-message")) {
			chanop.send("JOIN " + channel).readThrough("366");
			voiced.send("JOIN " + channel).readThrough("366");
			plain.send("JOIN " + channel).readThrough("366");
			chanop.send("MODE " + channel + " +v " + voice);
			chanop.readThrough("MODE"); // after the others' JOINs
			voiced.readThrough("MODE");
			plain.readThrough("MODE");
			plain.send("PRIVMSG @" + channel + " :for the ops");
			plain.expect(":" + member + "!s@parley PRIVMSG @" + channel + " :for the ops");
			chanop.expect(":" + member + "!s@parley PRIVMSG @" + channel + " :for the ops");
			voiced.expectNothing(QUIET);
			plain.send("NOTICE +" + channel + " :for voices");
			plain.readLine();
			chanop.expect(":" + member + "!s@parley NOTICE +" + channel + " :for voices");
			voiced.expect(":" + member + "!s@parley NOTICE +" + channel + " :for voices");
		}
	}

	@Test
	void outsidersAndMissingChannelsAreRefused() throws Exception {
		String me = LineServer.uniqueName("stout");
		String owner = LineServer.uniqueName("stin");
		String channel = "#" + LineServer.uniqueName("closed");
		try (IrcSocket in = this.irc.guest(owner, "s", null); IrcSocket out = this.irc.guest(me, "s", null)) {
			in.send("JOIN " + channel).readThrough("366");
			out.send("PRIVMSG @" + channel + " :let me in");
			out.expect(":parley 404 " + me + " " + channel + " :Cannot send to channel");
			out.send("PRIVMSG @#nowhere-" + me.substring(0, 4) + " :hello");
			out.expect(":parley 403 " + me + " #nowhere-" + me.substring(0, 4) + " :No such channel");
			out.send("NOTICE @" + channel + " :quiet").send("PING x");
			assertThat(out.readLine()).isEqualTo(":parley PONG parley :x");
			in.expectNothing(QUIET);
		}
	}

}
