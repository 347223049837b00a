package io.parley.irc;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * away-notify over a real socket: a channel peer that asked for it sees AWAY lines when a user goes away and comes
 * back, and one when an away user joins; a peer that did not ask sees none, and nor does the user itself; a
 * watcher with extended-monitor and away-notify is told too.
 */
@ParleyTest
@TestPropertySource(properties = "parley.accounts.guests=true")
class IrcAwayNotifyTest {

	private static final Duration QUIET = Duration.ofMillis(400);

	@Autowired
	IrcGateway irc;


	@Test
	void peersThatAskedSeeAwayAndBackAndAnAwayUserJoining() throws Exception {
		String notified = LineServer.uniqueName("notified");
		String plain = LineServer.uniqueName("plain");
		String goer = LineServer.uniqueName("goer");
		String watcherNick = LineServer.uniqueName("watcher");
		String channel = "#" + LineServer.uniqueName("away");
		try (IrcSocket peer = this.irc.guest(notified, "a", "away-notify"); IrcSocket other = this.irc.guest(plain, "a", null);
				IrcSocket watcher = this.irc.guest(watcherNick, "a", "away-notify extended-monitor");
				IrcSocket away = this.irc.guest(goer, "a", null)) {
			watcher.send("MONITOR + " + goer).expect(":parley 730 " + watcherNick + " :" + goer + "!a@parley");
			peer.send("JOIN " + channel).readThrough("366");
			other.send("JOIN " + channel).readThrough("366");
			peer.readLine();
			away.send("JOIN " + channel).readThrough("366");
			peer.readLine();
			other.readLine();
			away.send("AWAY :gone fishing").expectNumeric("306");
			peer.expect(":" + goer + "!a@parley AWAY :gone fishing");
			watcher.expect(":" + goer + "!a@parley AWAY :gone fishing");
			away.send("AWAY").expectNumeric("305");
			peer.expect(":" + goer + "!a@parley AWAY");
			watcher.expect(":" + goer + "!a@parley AWAY");
			away.send("AWAY :again").expectNumeric("306");
			peer.readLine();
			watcher.readLine();
			away.send("PART " + channel).readLine();
			peer.readLine();
			other.readLine();
			away.send("JOIN " + channel).readThrough("366");
			peer.expect(":" + goer + "!a@parley JOIN " + channel);
			peer.expect(":" + goer + "!a@parley AWAY :again");
			other.expect(":" + goer + "!a@parley JOIN " + channel);
			other.expectNothing(QUIET);
			away.expectNothing(QUIET);
			watcher.expectNothing(QUIET);
		}
	}

}
