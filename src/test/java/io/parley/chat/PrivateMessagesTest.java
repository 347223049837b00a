package io.parley.chat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/** {@code /msg}: to one user, by name ignoring case, with an error for unknown users; kept for offline ones. */
@ParleyTest
class PrivateMessagesTest {

	@Autowired
	LineServer server;

	@Test
	void privateMessageReachesTheAddresseeOnly() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob");
				ChatClient carol = this.server.register("carol")) {
			alice.send("/msg " + bob.name() + "   hello   there  ");
			bob.expect("MSG " + alice.name() + " hello   there");
			alice.expectNothing(Duration.ofMillis(300));
			carol.expectNothing(Duration.ofMillis(50));
		}
	}

	@Test
	void addresseeNamesIgnoreCaseAndTheSenderIsShownAsRegistered() throws Exception {
		try (ChatClient alice = this.server.register("Alice"); ChatClient bob = this.server.register("bob")) {
			alice.send("/MSG " + bob.name().toUpperCase(Locale.ROOT) + " psst");
			bob.expect("MSG " + alice.name() + " psst");
		}
	}

	@Test
	void messageTextIsCleanedOfControlAndBidiCharacters() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			alice.send("/msg " + bob.name() + " a\tb\u0000c\u001b[2Jd\u007fe\u0085f\u009bg\u202Eh\u2067i\u202Aj\u2069k");
			bob.expect("MSG " + alice.name() + " a bc[2Jdefghijk");
			alice.send("/msg " + bob.name() + " \u0007\u202E");
			alice.expect("ERR bad-syntax the message is empty; type some text after the command");
			bob.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void messageToANameNeverRegisteredIsRefused() throws Exception {
		String ghost = LineServer.uniqueName("ghost");
		try (ChatClient alice = this.server.register("alice")) {
			alice.send("/msg " + ghost + " are you there");
			alice.expect("ERR no-such-user there is no user " + ghost + "; /who lists who is online");
			alice.send("/msg 9lives meow");
			alice.expect("ERR no-such-user there is no user 9lives; /who lists who is online");
		}
	}

	@Test
	void messageToARegisteredUserWithoutSessionsIsKeptForItsNextLogin() throws Exception {
		try (ChatClient alice = this.server.register("alice")) {
			String bob;
			try (ChatClient bobClient = this.server.register("bob")) {
				bob = bobClient.name();
				bobClient.send("/quit");
				bobClient.expect("BYE quit");
			}
			// kept for bob's next login (issue 17; OfflineMessagesTest reads it there, and has history off refuse it)
			String expected = "OK msg " + bob + " queued";
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				alice.send("/msg " + bob + " still there?");
				return alice.readLine();
			}, expected::equals);
			// named as registered, whatever the case typed; a name nobody holds is named as typed
			alice.send("/msg " + bob.toUpperCase(Locale.ROOT) + " hello?");
			alice.expect("OK msg " + bob + " queued");
			alice.send("/msg NoBody" + bob + " hello?");
			alice.expect("ERR no-such-user there is no user NoBody" + bob + "; /who lists who is online");
		}
	}

	/** A message to oneself is a note to self: it comes back to the sender, and to its other sessions. */
	@Test
	void aMessageToOneselfReachesEverySessionOfTheSender() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient other = this.server.connect()) {
			alice.send("/msg " + alice.name().toUpperCase(Locale.ROOT) + " remember the milk");
			alice.expect("MSG " + alice.name() + " remember the milk");
			other.send("/login " + alice.name() + " password1").expect("OK login " + alice.name());
			alice.send("/msg " + alice.name() + " and the eggs");
			alice.expect("MSG " + alice.name() + " and the eggs");
			other.expect("MSG " + alice.name() + " and the eggs");
		}
	}

	@Test
	void messagesFromOneSenderArriveInTheOrderSent() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 300; i++) {
				burst.append("/msg ").append(bob.name()).append(" n").append(i).append('\n');
			}
			alice.sendRaw(burst.toString().getBytes());
			for (int i = 0; i < 300; i++) {
				bob.expect("MSG " + alice.name() + " n" + i);
			}
		}
	}

}
