package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Private messages to an account with no session: kept (the sender told once committed), delivered first thing
 * after the next login, oldest first, as history with their own time; a cap per recipient, clearly refused past it.
 */
@ParleyTest(properties = "parley.history.offline-cap=3")
class OfflineMessagesTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@Test
	void keptForAnOfflineAccountAndDeliveredRightAfterItsNextLoginOldestFirst() throws Exception {
		String bob = this.http.createUser("bob");
		try (ChatClient alice = this.server.register("alice"); ChatClient carol = this.server.register("carol")) {
			alice.send("/ids on").expect("OK ids on");
			alice.send("/msg " + bob + " first").expect("OK msg " + bob + " queued");
			carol.send("/msg " + bob.toUpperCase() + " second").expect("OK msg " + bob + " queued");
			alice.send("/msg " + bob + " third").expect("OK msg " + bob + " queued");
			// the cap (3 here) is per recipient: the fourth is refused, clearly, and not kept
			alice.send("/msg " + bob + " fourth");
			alice.expect("ERR mailbox-full " + bob + " is offline and has 3 messages waiting, the most kept for one user; "
					+ "that one was not kept, try again later");
			try (ChatClient bobClient = this.server.connect()) {
				bobClient.send("/login " + bob + " password1").expect("OK login " + bob);
				LineHistoryTest.Block block = LineHistoryTest.readBlock(bobClient);
				assertThat(block.header()).isEqualTo("HISTORY * offline");
				assertThat(block.messages()).extracting(LineHistoryTest.Hist::target, LineHistoryTest.Hist::from,
						LineHistoryTest.Hist::text)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("@" + alice.name(), alice.name(), "first"),
							org.assertj.core.groups.Tuple.tuple("@" + carol.name(), carol.name(), "second"),
							org.assertj.core.groups.Tuple.tuple("@" + alice.name(), alice.name(), "third"));
				List<String> ids = block.messages().stream().map(LineHistoryTest.Hist::id).toList();
				assertThat(ids).isSorted();
				// delivered once: they are gone from the mailbox, and still in the conversation's history
				bobClient.send("/history @" + alice.name());
				assertThat(LineHistoryTest.readBlock(bobClient).messages()).extracting(LineHistoryTest.Hist::text)
					.containsExactly("first", "third");
			}
			try (ChatClient again = this.server.connect()) {
				again.send("/login " + bob + " password1").expect("OK login " + bob);
				again.send("/ping nothing-waiting").expect("PONG nothing-waiting");
			}
		}
	}

	@Test
	void anIrcClientGetsThemAfterItsWelcomeInAChathistoryBatch() throws Exception {
		String dana = this.http.createUser("dana");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("/msg " + dana + " while you were out").expect("OK msg " + dana + " queued");
			try (IrcSocket client = this.irc.connect()) {
				client.send("CAP LS 302").expectNumeric("CAP");
				client.send("CAP REQ :batch server-time").expect(":parley CAP * ACK :batch server-time");
				client.send("PASS password1").send("NICK " + dana).send("USER d 0 * :d").send("CAP END");
				client.readWelcome();
				List<String> batch = IrcHistoryTest.readBatch(client, "chathistory " + dana);
				assertThat(batch).singleElement().satisfies(line -> {
					assertThat(IrcHistoryTest.tags(line)).containsKey("time");
					assertThat(IrcSocket.untagged(line)).isEqualTo(":" + alice.name() + "!" + alice.name() + "@parley PRIVMSG "
							+ dana + " :while you were out");
				});
			}
		}
	}

	@Test
	void aNameNobodyRegisteredIsStillUnknownAndAGuestNameTooOnIrcNoticesGetNoAnswer() throws Exception {
		String erin = this.http.createUser("erin");
		try (ChatClient alice = this.server.register("alice"); IrcSocket irc = this.irc.logIn(this.http.createUser("ircer"))) {
			alice.send("/msg nobody" + erin + " hi").expect("ERR no-such-user there is no user nobody" + erin
					+ "; /who lists who is online");
			// a NOTICE is kept but never answered
			irc.send("NOTICE " + erin + " :quiet one").send("PING sync").expect(":parley PONG parley :sync");
		}
		try (ChatClient erinClient = this.server.connect()) {
			erinClient.send("/login " + erin + " password1").expect("OK login " + erin);
			assertThat(LineHistoryTest.readBlock(erinClient).messages()).extracting(LineHistoryTest.Hist::text)
				.containsExactly("quiet one");
		}
	}

}
