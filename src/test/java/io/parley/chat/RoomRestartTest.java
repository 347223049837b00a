package io.parley.chat;

import static io.parley.chat.RoomPermissionMatrixTest.readUntil;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import io.parley.support.ChatClient;
import io.parley.support.IrcSocket;
import io.parley.support.StandaloneParley;

/**
 * A room's rules live in the database: stopped and started again on the same file, the server still knows the
 * room's owner, topic, flags, roles, bans, invite list, one-time invites and mutes.
 */
class RoomRestartTest {

	@TempDir
	Path dataDir;

	@Test
	void roomsTopicsFlagsRolesBansAndInvitesSurviveARestart() throws Exception {
		String room = "kept";
		try (ConfigurableApplicationContext first = start()) {
			for (String name : new String[] { "alice", "bob", "carol", "dan", "erin", "frank", "gina" }) {
				try (ChatClient client = StandaloneParley.connect(first)) {
					client.send("/register " + name + " password1").expect("OK register " + name);
				}
			}
			try (ChatClient alice = login(first, "alice"); ChatClient bob = login(first, "bob");
					ChatClient carol = login(first, "carol"); ChatClient gina = login(first, "gina");
					ChatClient frank = login(first, "frank")) {
				alice.send("/join " + room).expect("OK join " + room);
				bob.send("/join " + room).expect("OK join " + room);
				carol.send("/join " + room).expect("OK join " + room);
				gina.send("/join " + room).expect("OK join " + room);
				alice.send("/topic " + room + " kept across restarts");
				alice.send("/op " + room + " bob");
				alice.send("/voice " + room + " carol");
				alice.send("/mute " + room + " gina");
				alice.send("/ban " + room + " dan");
				alice.send("/allow " + room + " erin");
				alice.send("/invite " + room + " frank");
				alice.send("/flags " + room + " +moderated +invite-only +key=sesame +limit=10");
				alice.send("/ping done");
				readUntil(alice, line -> line.equals("PONG done"));
			}
		}
		try (ConfigurableApplicationContext second = start()) {
			try (ChatClient alice = login(second, "alice"); ChatClient dan = login(second, "dan");
					ChatClient erin = login(second, "erin"); ChatClient frank = login(second, "frank");
					ChatClient carol = login(second, "carol"); ChatClient gina = login(second, "gina");
					ChatClient mallory = register(second, "mallory")) {
				alice.send("/join " + room).expect("OK join " + room);
				alice.send("/room " + room).expect("INFO " + room + " owner=alice members=1"
						+ " flags=invite-only,moderated,topic-lock,key,limit=10 operators=bob voices=carol"
						+ " topic=kept across restarts");
				dan.send("/join " + room + " sesame").expect("ERR banned you are banned from " + room);
				mallory.send("/join " + room + " sesame").expect("ERR invite-only " + room
						+ " is invite-only; ask one of its operators for an /invite");
				// the invite list and the one-time invite let their holders in, past invite-only and the key
				erin.send("/join " + room).expect("OK join " + room);
				frank.send("/join " + room).expect("OK join " + room);
				frank.send("/leave " + room).expect("OK leave " + room);
				frank.send("/join " + room).expect("ERR invite-only " + room
						+ " is invite-only; ask one of its operators for an /invite");
				// the voice speaks, the mute does not, in the moderated room
				alice.send("/invite " + room + " carol");
				readUntil(alice, line -> line.equals("OK invite " + room + " carol"));
				carol.expect("INVITE " + room + " alice carol");
				carol.send("/join " + room).expect("OK join " + room);
				carol.send("/say " + room + " I have voice");
				readUntil(alice, line -> line.equals("ROOM " + room + " carol I have voice"));
				alice.send("/invite " + room + " gina");
				readUntil(alice, line -> line.equals("OK invite " + room + " gina"));
				gina.expect("INVITE " + room + " alice gina");
				gina.send("/join " + room).expect("OK join " + room);
				// past the lines of the room's history a member is shown when it joins (carol's among them)
				gina.send("/say " + room + " hello");
				readUntil(gina, line -> line.equals("ERR moderated you are muted in " + room));
			}
			try (IrcSocket bob = new IrcSocket(StandaloneParley.port(second, "ircServerFactory"))) {
				bob.readLine();
				bob.logIn("bob", "password1");
				bob.send("JOIN #" + room);
				bob.readThrough("JOIN");
				bob.expect(":parley 332 bob #" + room + " :kept across restarts");
			}
		}
	}

	private static ChatClient login(ConfigurableApplicationContext context, String name) throws Exception {
		ChatClient client = StandaloneParley.connect(context);
		client.send("/login " + name + " password1").expect("OK login " + name);
		return client;
	}

	private static ChatClient register(ConfigurableApplicationContext context, String name) throws Exception {
		ChatClient client = StandaloneParley.connect(context);
		client.send("/register " + name + " password1").expect("OK register " + name);
		return client;
	}

	private ConfigurableApplicationContext start() {
		return StandaloneParley.start(
				"spring.datasource.url=jdbc:h2:file:" + this.dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE");
	}

}
