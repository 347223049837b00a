package io.parley.session;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.ParleyTest;
import io.parley.support.LineServer;

/**
 * One user logged in on several connections: membership and private messages belong to the user, so every
 * session gets them, except the one that sent them. At most two sessions per user here.
 */
@ParleyTest(properties = "parley.sessions.max-per-user=2")
class MultiSessionTest {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Autowired
	LineServer server;

	@Test
	void roomLinesReachEverySessionOfEveryMemberButTheSendingOne() throws Exception {
		String room = LineServer.uniqueName("multi");
		try (ChatClient alice1 = this.server.register("alice"); ChatClient alice2 = login(alice1.name());
				ChatClient bob = this.server.register("bob")) {
			join(alice1, room);
			alice2.expect("JOIN " + room + " " + alice1.name());
			join(bob, room);
			alice1.expect("JOIN " + room + " " + bob.name());
			alice2.expect("JOIN " + room + " " + bob.name());

			bob.send("from bob");
			alice1.expect("ROOM " + room + " " + bob.name() + " from bob");
			alice2.expect("ROOM " + room + " " + bob.name() + " from bob");

			alice1.send("/say " + room + " from alice1");
			bob.expect("ROOM " + room + " " + alice1.name() + " from alice1");
			alice2.expect("ROOM " + room + " " + alice1.name() + " from alice1");
			alice1.expectNothing(QUIET);
			bob.expectNothing(Duration.ofMillis(50));
		}
	}

	@Test
	void aUsersSecondSessionIsAMemberWithoutJoiningAgain() throws Exception {
		String room = LineServer.uniqueName("member");
		try (ChatClient alice1 = this.server.register("alice"); ChatClient alice2 = login(alice1.name());
				ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, bob, alice1);
			alice2.expect("JOIN " + room + " " + alice1.name());
			alice2.send("/say " + room + " from alice2");
			bob.expect("ROOM " + room + " " + alice1.name() + " from alice2");
			alice1.expect("ROOM " + room + " " + alice1.name() + " from alice2");
			join(alice2, room);
			bob.expectNothing(QUIET);
		}
	}

	@Test
	void privateMessagesReachEverySessionOfTheAddressee() throws Exception {
		try (ChatClient alice = this.server.register("alice"); ChatClient bob1 = this.server.register("bob");
				ChatClient bob2 = login(bob1.name())) {
			alice.send("/msg " + bob1.name() + " for every bob");
			bob1.expect("MSG " + alice.name() + " for every bob");
			bob2.expect("MSG " + alice.name() + " for every bob");
			// a note to self reaches the sending session too (PrivateMessagesTest)
			bob1.send("/msg " + bob1.name() + " note to self");
			bob2.expect("MSG " + bob1.name() + " note to self");
			bob1.expect("MSG " + bob1.name() + " note to self");
		}
	}

	@Test
	void broadcastsReachTheSendersOtherSessions() throws Exception {
		try (ChatClient alice1 = this.server.register("alice"); ChatClient alice2 = login(alice1.name())) {
			alice1.send("/all to everyone");
			alice2.expect("ALL " + alice1.name() + " to everyone");
			alice1.expectNothing(QUIET);
		}
	}

	@Test
	void leavingFromOneSessionIsToldToTheOthersAndEndsTheMembershipOfAll() throws Exception {
		String room = LineServer.uniqueName("leave");
		try (ChatClient alice1 = this.server.register("alice"); ChatClient alice2 = login(alice1.name());
				ChatClient bob = this.server.register("bob")) {
			LineServer.joinAll(room, bob, alice1);
			alice2.expect("JOIN " + room + " " + alice1.name());
			alice1.send("/leave " + room);
			alice1.expect("OK leave " + room);
			bob.expect("LEAVE " + room + " " + alice1.name());
			alice2.expect("LEAVE " + room + " " + alice1.name());
			bob.send("after the leave");
			alice2.send("/say " + room + " am I in?");
			alice2.expect("ERR not-in-room you are not in " + room + "; /join " + room + " first");
			alice1.expectNothing(Duration.ofMillis(50));
		}
	}

	@Test
	void sessionsBeyondTheLimitAreRefusedUntilOneEnds() throws Exception {
		try (ChatClient first = this.server.register("limit"); ChatClient second = login(first.name());
				ChatClient third = this.server.connect()) {
			third.send("/login " + first.name() + " password1");
			third.expect("ERR too-many-sessions " + first.name() + " already has 2 sessions; /quit one of them first");
			third.send("/ping still-open");
			third.expect("PONG still-open");
			third.send("/join lobby");
			third.expect("ERR auth-required log in first: /login <name> <password>, "
					+ "or /register <name> <password> for a new account");
			second.send("/quit");
			second.expect("BYE quit");
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				third.send("/login " + first.name() + " password1");
				return third.readLine();
			}, ("OK login " + first.name())::equals);
		}
	}

	@Test
	void leaveIsAnnouncedOnlyWhenTheLastSessionEnds() throws Exception {
		String room = LineServer.uniqueName("last");
		try (ChatClient bob = this.server.register("bob")) {
			String alice;
			try (ChatClient alice1 = this.server.register("alice")) {
				alice = alice1.name();
				join(bob, room);
				join(alice1, room);
				bob.expect("JOIN " + room + " " + alice);
				try (ChatClient alice2 = login(alice)) {
					alice2.send("/quit");
					alice2.expect("BYE quit");
					alice2.expectClosed(Duration.ofSeconds(5));
				}
				bob.expectNothing(QUIET);
				bob.send("/who " + room);
				bob.expect("WHO " + room + " " + sorted(alice, bob.name()));
				bob.send("/msg " + alice + " still there");
				alice1.expect("MSG " + bob.name() + " still there");
			}
			bob.expect("LEAVE " + room + " " + alice);
			bob.send("/who " + room);
			bob.expect("WHO " + room + " " + bob.name());
			bob.send("/msg " + alice + " gone?");
			// offline now: kept for alice's next login (issue 17)
			bob.expect("OK msg " + alice + " queued");
		}
	}

	@Test
	void aUserIsOfflineOnlyOnceAllItsSessionsEnded() throws Exception {
		try (ChatClient bob = this.server.register("bob")) {
			String alice;
			try (ChatClient alice1 = this.server.register("alice"); ChatClient alice2 = login(alice1.name())) {
				alice = alice1.name();
				alice1.reset();
				bob.send("/msg " + alice + " one left");
				alice2.expect("MSG " + bob.name() + " one left");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				bob.send("/msg " + alice + " anyone?");
				return bob.readLine();
			}, ("OK msg " + alice + " queued")::equals);
		}
	}

	private ChatClient login(String name) throws IOException {
		ChatClient client = this.server.connect();
		client.send("/login " + name + " password1");
		client.expect("OK login " + name);
		client.name(name);
		return client;
	}

	private static void join(ChatClient client, String room) throws IOException {
		client.send("/join " + room);
		client.expect("OK join " + room);
	}

	private static String sorted(String a, String b) {
		return (String.CASE_INSENSITIVE_ORDER.compare(a, b) <= 0) ? a + " " + b : b + " " + a;
	}

}
