package io.parley.chat;

import static io.parley.chat.RoomPermissionMatrixTest.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * Rooms with owners and rules, over real sockets on both protocols: what one protocol's operator does, the other
 * protocol's members see in their own words; the room's rules keep people out or quiet; bad input gets an error
 * and changes nothing; and a room's changes come in its one order.
 */
@ParleyTest
class RoomRulesTest {

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	private static String room() {
		return LineServer.uniqueName("rr").toLowerCase(Locale.ROOT);
	}

	private static String mask(String name) {
		return ":" + name + "!" + name + "@parley";
	}

	@Test
	void whatALineOperatorDoesAnIrcMemberSeesAndTheReverse() throws Exception {
		String room = room();
		String ircName = this.http.createUser("ircer");
		try (ChatClient owner = this.server.register("boss"); ChatClient carol = this.server.register("carol");
				IrcSocket bob = this.irc.logIn(ircName)) {
			String me = bob.nick();
			owner.send("/join " + room).expect("OK join " + room);
			owner.send("/topic " + room + " welcome all").expect("TOPIC " + room + " " + owner.name() + " welcome all");
			bob.send("JOIN #" + room).expect(mask(me) + " JOIN #" + room);
			bob.expect(":parley 332 " + me + " #" + room + " :welcome all");
			assertThat(bob.readLine()).startsWith(":parley 333 " + me + " #" + room + " " + owner.name() + " ");
			bob.expect(":parley 353 " + me + " = #" + room + " :~" + owner.name() + " " + me);
			bob.expect(":parley 366 " + me + " #" + room + " :End of /NAMES list");
			owner.expect("JOIN " + room + " " + me);
			carol.send("/join " + room).expect("OK join " + room);
			owner.expect("JOIN " + room + " " + carol.name());
			bob.expect(mask(carol.name()) + " JOIN #" + room);

			// the line owner makes the IRC user an operator: a MODE on IRC, a ROLE line on the line protocol
			owner.send("/op " + room + " " + me).expect("ROLE " + room + " " + owner.name() + " " + me + " operator");
			bob.expect(mask(owner.name()) + " MODE #" + room + " +o " + me);
			carol.expect("ROLE " + room + " " + owner.name() + " " + me + " operator");
			bob.send("NAMES #" + room);
			bob.expect(":parley 353 " + me + " = #" + room + " :~" + owner.name() + " " + carol.name() + " @" + me);
			bob.expect(":parley 366 " + me + " #" + room + " :End of /NAMES list");

			// the IRC operator voices and kicks a line user, and sets the topic
			bob.send("MODE #" + room + " +v " + carol.name()).expect(mask(me) + " MODE #" + room + " +v " + carol.name());
			carol.expect("ROLE " + room + " " + me + " " + carol.name() + " voice");
			owner.expect("ROLE " + room + " " + me + " " + carol.name() + " voice");
			bob.send("TOPIC #" + room + " :new rules").expect(mask(me) + " TOPIC #" + room + " :new rules");
			owner.expect("TOPIC " + room + " " + me + " new rules");
			carol.expect("TOPIC " + room + " " + me + " new rules");
			bob.send("KICK #" + room + " " + carol.name() + " :too loud")
				.expect(mask(me) + " KICK #" + room + " " + carol.name() + " :too loud");
			carol.expect("KICK " + room + " " + me + " " + carol.name() + " too loud");
			owner.expect("KICK " + room + " " + me + " " + carol.name() + " too loud");
			carol.send("/say " + room + " still here?").expect("ERR not-in-room you are not in " + room + "; /join " + room
					+ " first");

			// an operator may not kick the owner; the owner hands the room over
			bob.send("KICK #" + room + " " + owner.name()).expect(":parley 482 " + me + " #" + room
					+ " :You can't do that to " + owner.name() + ": their role is above yours");
			owner.send("/owner " + room + " " + me);
			owner.expect("ROLE " + room + " " + owner.name() + " " + me + " owner");
			owner.expect("ROLE " + room + " " + owner.name() + " " + owner.name() + " member");
			owner.expect("ROLE " + room + " " + owner.name() + " " + owner.name() + " operator");
			bob.expect(mask(owner.name()) + " MODE #" + room + " +q-q+o " + me + " " + owner.name() + " " + owner.name());
			owner.send("/room " + room).expect("INFO " + room + " owner=" + me + " members=2 flags=topic-lock operators="
					+ owner.name() + " voices=" + carol.name() + " topic=new rules");
		}
	}

	@Test
	void bansInvitesKeysLimitsAndModerationKeepPeopleOutOrQuiet() throws Exception {
		String room = room();
		try (ChatClient owner = this.server.register("gate"); ChatClient dan = this.server.register("dan");
				IrcSocket erin = this.irc.logIn(this.http.createUser("erin"))) {
			String me = erin.nick();
			owner.send("/join " + room).expect("OK join " + room);
			dan.send("/join " + room).expect("OK join " + room);
			owner.expect("JOIN " + room + " " + dan.name());
			// a ban of a member present removes it
			owner.send("/ban " + room + " " + dan.name()).expect("BAN " + room + " " + owner.name() + " " + dan.name());
			owner.expect("KICK " + room + " " + owner.name() + " " + dan.name() + " banned");
			dan.expect("BAN " + room + " " + owner.name() + " " + dan.name());
			dan.expect("KICK " + room + " " + owner.name() + " " + dan.name() + " banned");
			dan.send("/join " + room).expect("ERR banned you are banned from " + room);
			owner.send("/ban " + room + " " + me).expect("BAN " + room + " " + owner.name() + " " + me);
			erin.send("JOIN #" + room).expect(":parley 474 " + me + " #" + room + " :Cannot join channel (+b)");
			owner.send("/unban " + room + " " + me).expect("UNBAN " + room + " " + owner.name() + " " + me);

			owner.send("/flags " + room + " +invite-only").expect("FLAG " + room + " " + owner.name() + " +invite-only");
			erin.send("JOIN #" + room).expect(":parley 473 " + me + " #" + room + " :Cannot join channel (+i)");
			owner.send("/invite " + room + " " + me).expect("OK invite " + room + " " + me);
			erin.expect(mask(owner.name()) + " INVITE " + me + " #" + room);
			erin.send("JOIN #" + room).expect(mask(me) + " JOIN #" + room);
			erin.readThrough("366");
			owner.expect("JOIN " + room + " " + me);
			erin.send("PART #" + room).expect(mask(me) + " PART #" + room);
			owner.expect("LEAVE " + room + " " + me);
			erin.send("JOIN #" + room).expect(":parley 473 " + me + " #" + room + " :Cannot join channel (+i)");

			owner.send("/flags " + room + " -invite-only +key=sesame +limit=2");
			owner.expect("FLAG " + room + " " + owner.name() + " -invite-only");
			owner.expect("FLAG " + room + " " + owner.name() + " +key=sesame");
			owner.expect("FLAG " + room + " " + owner.name() + " +limit=2");
			erin.send("JOIN #" + room).expect(":parley 475 " + me + " #" + room + " :Cannot join channel (+k)");
			erin.send("JOIN #" + room + " sesame").expect(mask(me) + " JOIN #" + room);
			erin.readThrough("366");
			owner.expect("JOIN " + room + " " + me);
			try (ChatClient third = this.server.register("third")) {
				third.send("/join " + room + " sesame").expect("ERR room-limit " + room + " is full (2 members); try again later");
			}

			// moderated: only voice speaks; a mute quiets one member
			owner.send("/flags " + room + " +moderated").expect("FLAG " + room + " " + owner.name() + " +moderated");
			erin.expect(mask(owner.name()) + " MODE #" + room + " +m");
			erin.send("PRIVMSG #" + room + " :hello?").expect(":parley 404 " + me + " #" + room + " :Cannot send to channel (+m)");
			owner.send("/voice " + room + " " + me).expect("ROLE " + room + " " + owner.name() + " " + me + " voice");
			erin.expect(mask(owner.name()) + " MODE #" + room + " +v " + me);
			erin.send("PRIVMSG #" + room + " :now I speak");
			owner.expect("ROOM " + room + " " + me + " now I speak");
			owner.send("/mute " + room + " " + me).expect("MUTE " + room + " " + owner.name() + " " + me);
			erin.expect(":parley NOTICE #" + room + " :" + me + " was muted by " + owner.name());
			erin.send("PRIVMSG #" + room + " :and now?").expect(":parley 404 " + me + " #" + room
					+ " :Cannot send to channel (you are muted)");
			owner.send("/ping quiet").expect("PONG quiet");
		}
	}

	@Test
	void badInputGetsAnErrorChangesNothingAndKeepsTheConnection() throws Exception {
		String room = room();
		try (ChatClient owner = this.server.register("strict"); IrcSocket op = this.irc.logIn(this.http.createUser("ops"))) {
			String me = op.nick();
			owner.send("/join " + room).expect("OK join " + room);
			op.send("JOIN #" + room).readThrough("366");
			owner.expect("JOIN " + room + " " + me);
			owner.send("/op " + room + " " + me).expect("ROLE " + room + " " + owner.name() + " " + me + " operator");
			op.expect(mask(owner.name()) + " MODE #" + room + " +o " + me);
			String before = this.http.admin().get("/api/admin/rooms/" + room).body();

			// the line protocol
			owner.send("/flags " + room + " +bogus").expect("ERR bad-syntax there is no flag +bogus; flags are topic-lock,"
					+ " invite-only, moderated, secret, key=<key> and limit=<n>, each with + or -");
			owner.send("/flags " + room + " +moderated +key").expect("ERR bad-syntax key takes a key of 1-64 printable ASCII"
					+ " characters, without spaces, commas or colons");
			owner.send("/flags " + room + " +limit=many").expect("ERR bad-syntax limit takes a number from 1 to 1000000");
			owner.send("/flags " + room + " +moderated +secret +invite-only -topic-lock +limit=5 +key=k -moderated")
				.expect("ERR bad-syntax at most 6 changes at once; nothing was changed");
			owner.send("/kick " + room + " nobody-here").expect("ERR not-in-room nobody-here is not in " + room);
			owner.send("/ban " + room + " no-such-account").expect("ERR no-such-user there is no account no-such-account");
			owner.send("/ban " + room + " not/a/name").expect("ERR bad-syntax ban takes a user name");
			owner.send("/topic " + room + " " + "x".repeat(391)).expect("ERR bad-syntax a topic is at most 390 characters");
			owner.send("/op " + room).expect("ERR bad-syntax usage: /op <room> <name>");
			owner.send("/kick no-such-room someone").expect("ERR no-room there is no room no-such-room with members;"
					+ " /rooms lists the rooms");

			// IRC
			op.send("MODE #" + room + " +X").expect(":parley 472 " + me + " X :is unknown mode char to me");
			op.send("MODE #" + room + " +mo").expect(":parley 461 " + me + " MODE :Not enough parameters");
			op.send("MODE #" + room + " +k").expect(":parley 461 " + me + " MODE :Not enough parameters");
			op.send("MODE #" + room + " +m extra").expect(":parley 461 " + me
					+ " MODE :Too many parameters for the modes given; nothing was changed");
			op.send("MODE #" + room + " +l lots").expect(":parley 696 " + me + " #" + room
					+ " l * :Invalid parameter: a number from 1 to 1000000");
			op.send("KICK #" + room + " nobody-here").expect(":parley 441 " + me + " nobody-here #" + room
					+ " :They aren't on that channel");
			op.send("MODE #" + room + " +b no-such-account").expect(":parley 401 " + me + " no-such-account :No such nick/channel");
			op.send("TOPIC #" + room + " :" + "y".repeat(391)).expect("FAIL * BAD_SYNTAX :A topic is at most 390 characters;"
					+ " the topic is unchanged");
			op.send("MODE #" + room + " +mist-t+lk 5 key").expect("FAIL * BAD_SYNTAX :At most 6 mode changes at once;"
					+ " nothing was changed");
			// a flood of mode changes: each line answered, none dropped, the connection stays
			List<String> flood = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				flood.add("MODE #" + room + " +X");
			}
			op.send(flood);
			for (int i = 0; i < 50; i++) {
				op.expect(":parley 472 " + me + " X :is unknown mode char to me");
			}
			assertThat(this.http.admin().get("/api/admin/rooms/" + room).body()).isEqualTo(before);
			op.send("PING still-here").expect(":parley PONG parley :still-here");
			owner.send("/ping still-here").expect("PONG still-here");
		}
	}

	@Test
	void kicksModesAndTopicsComeInTheRoomsOneOrderForEveryMember() throws Exception {
		String room = room();
		try (ChatClient owner = this.server.register("order"); ChatClient talker = this.server.register("talker");
				ChatClient lineWatcher = this.server.register("lw"); IrcSocket ircWatcher = this.irc.logIn(this.http.createUser("iw"))) {
			LineServer.joinAll(room, owner, talker, lineWatcher);
			ircWatcher.send("JOIN #" + room).readThrough("366");
			owner.expect("JOIN " + room + " " + ircWatcher.nick());
			talker.expect("JOIN " + room + " " + ircWatcher.nick());
			lineWatcher.expect("JOIN " + room + " " + ircWatcher.nick());
			// two senders at once: the talker's lines and the owner's changes interleave as the room orders them
			Thread talking = new Thread(() -> {
				try {
					for (int i = 0; i < 40; i++) {
						talker.send("/say " + room + " line " + i);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			talking.start();
			for (int i = 0; i < 10; i++) {
				owner.send("/topic " + room + " topic " + i);
				owner.send((i % 2 == 0) ? "/voice " + room + " " + talker.name() : "/devoice " + room + " " + talker.name());
			}
			talking.join();
			List<String> seenByLine = new ArrayList<>();
			while (seenByLine.size() < 60) {
				String line = lineWatcher.readLine();
				if (line.startsWith("ROOM ")) {
					seenByLine.add(line.substring(line.lastIndexOf(' ', line.lastIndexOf(' ') - 1) + 1));
				}
				else if (line.startsWith("TOPIC ") || line.startsWith("ROLE ")) {
					seenByLine.add(line.startsWith("TOPIC ") ? line.substring(line.indexOf("topic ")) : line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			List<String> seenByIrc = new ArrayList<>();
			while (seenByIrc.size() < 60) {
				String line = IrcSocket.untagged(ircWatcher.readLine());
				String command = IrcSocket.command(line);
				if (command.equals("PRIVMSG")) {
					seenByIrc.add(line.substring(line.indexOf(" :") + 2));
				}
				else if (command.equals("TOPIC")) {
					seenByIrc.add(line.substring(line.indexOf(" :") + 2));
				}
				else if (command.equals("MODE")) {
					seenByIrc.add(line.contains(" +v ") ? "voice" : "member");
				}
			}
			assertThat(seenByIrc).isEqualTo(seenByLine);
			assertThat(seenByLine).filteredOn(s -> s.startsWith("line ")).hasSize(40);
		}
	}

	@Test
	void secretRoomsAreListedToTheirMembersAndToAdminsOnly() throws Exception {
		String room = room();
		try (ChatClient owner = this.server.register("hush"); ChatClient outsider = this.server.register("out");
				IrcSocket ircOutsider = this.irc.logIn(this.http.createUser("iout"))) {
			owner.send("/join " + room).expect("OK join " + room);
			owner.send("/flags " + room + " +secret").expect("FLAG " + room + " " + owner.name() + " +secret");
			owner.send("/topic " + room + " hidden").expect("TOPIC " + room + " " + owner.name() + " hidden");
			owner.send("/untopic " + room).expect("TOPIC " + room + " " + owner.name());
			assertThat(this.http.admin().get("/api/admin/rooms/" + room).json().path("topic").isNull()).isTrue();
			owner.send("/rooms");
			assertThat(readUntil(owner, l -> l.startsWith("ROOMS "))).contains(room + ":1");
			outsider.send("/rooms");
			assertThat(readUntil(outsider, l -> l.equals("ROOMS") || l.startsWith("ROOMS "))).doesNotContain(room);
			outsider.send("/who " + room).expect("ERR no-room there is no room " + room + "; /rooms lists the rooms");
			outsider.send("/room " + room).expect("ERR no-room there is no room " + room + "; /rooms lists the rooms");
			ircOutsider.send("LIST");
			assertThat(ircOutsider.readThrough("323")).noneMatch(l -> l.contains("#" + room + " "));
			ircOutsider.send("NAMES #" + room).expect(":parley 366 " + ircOutsider.nick() + " #" + room + " :End of /NAMES list");
			assertThat(this.http.admin().get("/api/admin/rooms?limit=500").body()).contains("\"room\":\"" + room + "\"");
		}
	}

	@Test
	void adminsSeeTheWholeRoomHandItOverAndDeleteIt() throws Exception {
		String room = room();
		String heir = this.http.createUser("heir");
		try (ChatClient owner = this.server.register("founder"); IrcSocket member = this.irc.logIn(this.http.createUser("mem"))) {
			owner.send("/join " + room).expect("OK join " + room);
			member.send("JOIN #" + room).readThrough("366");
			owner.expect("JOIN " + room + " " + member.nick());
			owner.send("/topic " + room + " hello").expect("TOPIC " + room + " " + owner.name() + " hello");
			owner.send("/ban " + room + " " + heir).expect("BAN " + room + " " + owner.name() + " " + heir);
			AdminHttp.Response detail = this.http.admin().get("/api/admin/rooms/" + room);
			assertThat(detail.json().path("owner").asString()).isEqualTo(owner.name());
			assertThat(detail.json().path("stored").asBoolean()).isTrue();
			assertThat(detail.json().path("topic").path("text").asString()).isEqualTo("hello");
			assertThat(detail.json().path("flags").path("topicLocked").asBoolean()).isTrue();
			assertThat(detail.json().path("bans").toString()).isEqualTo("[\"" + heir + "\"]");

			AdminHttp.Response handed = this.http.admin().put("/api/admin/rooms/" + room + "/owner", "{\"owner\":\"" + heir + "\"}");
			assertThat(handed.status()).isEqualTo(200);
			assertThat(handed.json().path("owner").asString()).isEqualTo(heir);
			owner.expect("ROLE " + room + " * " + heir + " owner");
			assertThat(this.http.admin().put("/api/admin/rooms/" + room + "/owner", "{\"owner\":\"nobody-at-all\"}").status())
				.isEqualTo(404);
			assertThat(this.http.admin().get("/api/admin/rooms?stored=true&limit=500").body()).contains("\"room\":\"" + room + "\"");

			assertThat(this.http.admin().delete("/api/admin/rooms/" + room).status()).isEqualTo(204);
			readUntil(owner, l -> l.equals("KICK " + room + " * " + owner.name() + " room deleted"));
			String kick = member.readLine();
			while (!kick.contains(" " + member.nick() + " :")) {
				kick = member.readLine();
			}
			assertThat(kick).isEqualTo(":parley KICK #" + room + " " + member.nick() + " :room deleted");
			assertThat(this.http.admin().get("/api/admin/rooms/" + room).status()).isEqualTo(404);
			assertThat(this.http.admin().delete("/api/admin/rooms/" + room).status()).isEqualTo(404);
		}
	}

	@Test
	void aRoomMadeByAGuestIsNotStoredAndItsMakerIsItsOperator() throws Exception {
		// guests are off in this context; an IRC guest is what irctest plays, shown in the IRC tests: here an
		// account-less room is the one an admin deleted from the store while it was in use
		String room = room();
		try (ChatClient maker = this.server.register("maker")) {
			maker.send("/join " + room).expect("OK join " + room);
			maker.send("/room " + room).expect("INFO " + room + " owner=" + maker.name()
					+ " members=1 flags=topic-lock operators=- voices=- topic=");
		}
	}

}
