package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Privacy of conversations with guests: a guest reads no private history (its name is anyone's once it has gone),
 * and an account registered later under a guest's old name does not read what the guest wrote; the account that
 * wrote with the guest still does.
 */
@ParleyTest(properties = "parley.accounts.guests=true")
class GuestHistoryTest {

	@Autowired
	LineServer server;

	@Test
	void aGuestsConversationsAreNotReadByTheNextHolderOfItsName() throws Exception {
		String name = LineServer.uniqueName("drifter");
		try (ChatClient alice = this.server.register("alice")) {
			try (ChatClient guest = this.server.connect()) {
				guest.send("/guest " + name).expect("OK guest " + name);
				guest.send("/msg " + alice.name() + " from a guest");
				alice.expect("MSG " + name + " from a guest");
				alice.send("/msg " + name + " to a guest");
				guest.expect("MSG " + alice.name() + " to a guest");
				// a guest reads no conversation, not even its own
				guest.send("/history @" + alice.name());
				assertThat(LineHistoryTest.readBlock(guest).messages()).isEmpty();
				guest.send("/quit").expect("BYE quit");
			}
			// the account wrote with the guest: it reads that conversation
			alice.send("/history @" + name);
			assertThat(LineHistoryTest.readBlock(alice).messages()).extracting(LineHistoryTest.Hist::text)
				.containsExactly("from a guest", "to a guest");
			// someone registers the guest's old name: nothing of the guest's is theirs
			try (ChatClient heir = this.server.connect()) {
				org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
					heir.send("/register " + name + " password1");
					return heir.readLine();
				}, ("OK register " + name)::equals);
				heir.send("/history @" + alice.name());
				assertThat(LineHistoryTest.readBlock(heir).messages()).isEmpty();
			}
		}
	}

}
