package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.IrcGateway;
import io.parley.support.IrcSocket;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The whole table of who may do what in a room (README "Room rules"), walked on both protocols: every action by
 * an owner, an operator, a voice, a member, a non-member, a banned user and a server admin. An allowed action is
 * seen done; a refused one gets the documented error (line protocol) or numeric (IRC), and the room is as it was
 * (its state through the admin API, and no line reached the other members).
 */
@ParleyTest
class RoomPermissionMatrixTest {

	enum Protocol {

		LINE, IRC

	}

	/** Where the actor stands. */
	enum Standing {

		OWNER, OPERATOR, VOICE, MEMBER, OUTSIDER, BANNED, ADMIN

	}

	/** The actions, each with the least standing that may do it, as README documents them. */
	enum Action {

		SPEAK(Standing.MEMBER), SPEAK_MODERATED(Standing.VOICE), SET_TOPIC(Standing.MEMBER),
		SET_LOCKED_TOPIC(Standing.OPERATOR), INVITE(Standing.MEMBER), INVITE_TO_INVITE_ONLY(Standing.OPERATOR),
		KICK(Standing.OPERATOR), BAN(Standing.OPERATOR), MUTE(Standing.OPERATOR), GIVE_VOICE(Standing.OPERATOR),
		EDIT_INVITE_LIST(Standing.OPERATOR), SET_FLAGS(Standing.OPERATOR), APPOINT_OPERATOR(Standing.OWNER),
		TRANSFER(Standing.OWNER);

		final Standing least;

		Action(Standing least) {
			this.least = least;
		}

		boolean allows(Standing standing) {
			return standing == Standing.ADMIN || (standing.ordinal() <= this.least.ordinal()
					&& standing.ordinal() <= Standing.MEMBER.ordinal());
		}

	}

	@Autowired
	LineServer server;

	@Autowired
	IrcGateway irc;

	@Autowired
	AdminHttp http;

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void everyActionByEveryStandingIsAllowedOrRefusedAsDocumented(Protocol protocol) throws Exception {
		List<String> failures = new ArrayList<>();
		int cells = 0;
		for (Action action : Action.values()) {
			if (action == Action.MUTE && protocol == Protocol.IRC) {
				continue; // IRC has no mute mode: a mute is made on the line protocol (RoomRulesTest shows IRC obeys it)
			}
			for (Standing standing : Standing.values()) {
				cells++;
				try {
					cell(protocol, action, standing);
				}
				catch (AssertionError | RuntimeException ex) {
					failures.add(action + " by " + standing + ": " + ex.getMessage());
				}
			}
		}
		assertThat(failures).as("cells that failed of " + cells).isEmpty();
	}

	private void cell(Protocol protocol, Action action, Standing standing) throws Exception {
		String room = LineServer.uniqueName("mx").toLowerCase(Locale.ROOT);
		String actorName = (standing == Standing.ADMIN) ? admin() : this.http.createUser("act");
		String ownerName = this.http.createUser("own");
		String targetName = this.http.createUser("tgt");
		String guestName = this.http.createUser("inv");
		ChatClient owner = this.server.logIn(ownerName);
		ChatClient target = this.server.logIn(targetName);
		ChatClient invitee = this.server.logIn(guestName);
		try (Actor actor = (protocol == Protocol.LINE) ? new LineActor(this.server.logIn(actorName))
				: new IrcActor(this.irc.logIn(actorName)); owner; target; invitee) {
			// the room: made by the actor when it is to own it, else by the owner
			if (standing == Standing.OWNER) {
				actor.join(room);
				owner.send("/join " + room).expect("OK join " + room);
			}
			else {
				owner.send("/join " + room).expect("OK join " + room);
			}
			target.send("/join " + room).expect("OK join " + room);
			switch (standing) {
				case OPERATOR, VOICE, MEMBER, ADMIN -> actor.join(room);
				default -> {
				}
			}
			ChatClient boss = (standing == Standing.OWNER) ? null : owner;
			if (boss != null) {
				switch (standing) {
					case OPERATOR -> boss.send("/op " + room + " " + actorName);
					case VOICE -> boss.send("/voice " + room + " " + actorName);
					case BANNED -> boss.send("/ban " + room + " " + actorName);
					default -> {
					}
				}
			}
			String ruler = (standing == Standing.OWNER) ? actorName : ownerName;
			ChatClient flagger = (standing == Standing.OWNER) ? null : owner;
			String flag = switch (action) {
				case SPEAK_MODERATED -> "+moderated";
				case SET_TOPIC -> "-topic-lock";
				case INVITE_TO_INVITE_ONLY -> "+invite-only";
				default -> null;
			};
			if (flag != null) {
				if (flagger != null) {
					flagger.send("/flags " + room + " " + flag);
				}
				else {
					actor.flags(room, flag);
				}
			}
			sync(owner);
			sync(target);
			actor.sync();
			String before = state(room);
			actor.act(action, room, targetName, guestName);
			if (action.allows(standing)) {
				if (action == Action.SPEAK || action == Action.SPEAK_MODERATED) {
					// nothing comes back to a speaker: the others hear it
					actor.sync();
					readUntil(target, line -> line.equals("ROOM " + room + " " + actorName + " hello"));
				}
				else {
					actor.expectDone(action, room, targetName, guestName);
				}
				if (action == Action.SPEAK || action == Action.SPEAK_MODERATED) {
					// the room's state is the same
				}
				else if (action != Action.INVITE && action != Action.INVITE_TO_INVITE_ONLY) {
					assertThat(state(room)).as("the room changed").isNotEqualTo(before);
				}
			}
			else {
				actor.expectRefused(action, standing, room, actorName);
				assertThat(state(room)).as("nothing changed").isEqualTo(before);
				// nothing reached the members: the ruler's next line is the next thing they see
				ChatClient speaker = (standing == Standing.OWNER) ? target : owner;
				String speakerName = (standing == Standing.OWNER) ? targetName : ruler;
				speaker.send("/say " + room + " marker");
				ChatClient other = (speaker == owner) ? target : owner;
				String next = readUntil(other, line -> line.startsWith("ROOM ") || line.startsWith("TOPIC ")
						|| line.startsWith("KICK ") || line.startsWith("ROLE ") || line.startsWith("FLAG ")
						|| line.startsWith("BAN ") || line.startsWith("MUTE ") || line.startsWith("ALLOW "));
				assertThat(next).isEqualTo("ROOM " + room + " " + speakerName + " marker");
			}
		}
	}

	/** A fresh server admin: an account given the role ADMIN. */
	private String admin() {
		String name = this.http.createUser("adm");
		AdminHttp.Response promoted = this.http.admin().put("/api/admin/users/" + name + "/role", "{\"role\":\"ADMIN\"}");
		assertThat(promoted.status()).isEqualTo(200);
		return name;
	}

	/** The room as the admin API shows it, members aside. */
	private String state(String room) {
		AdminHttp.Response detail = this.http.admin().get("/api/admin/rooms/" + room);
		assertThat(detail.status()).isEqualTo(200);
		return detail.json().toString();
	}

	private static void sync(ChatClient client) throws IOException {
		client.send("/ping sync");
		readUntil(client, line -> line.equals("PONG sync"));
	}

	static String readUntil(ChatClient client, Predicate<String> wanted) throws IOException {
		for (int i = 0; i < 200; i++) {
			String line = client.readLine();
			if (wanted.test(line)) {
				return line;
			}
		}
		return fail("no such line in 200");
	}

	/** The one acting, over one protocol. */
	interface Actor extends Closeable {

		void join(String room) throws IOException;

		void flags(String room, String flag) throws IOException;

		void sync() throws IOException;

		void act(Action action, String room, String target, String invitee) throws IOException;

		void expectDone(Action action, String room, String target, String invitee) throws IOException;

		void expectRefused(Action action, Standing standing, String room, String me) throws IOException;

	}

	static final class LineActor implements Actor {

		private final ChatClient client;

		LineActor(ChatClient client) {
			this.client = client;
		}

		@Override
		public void join(String room) throws IOException {
			this.client.send("/join " + room).expect("OK join " + room);
		}

		@Override
		public void flags(String room, String flag) throws IOException {
			this.client.send("/flags " + room + " " + flag);
		}

		@Override
		public void sync() throws IOException {
			RoomPermissionMatrixTest.sync(this.client);
		}

		@Override
		public void act(Action action, String room, String target, String invitee) throws IOException {
			this.client.send(switch (action) {
				case SPEAK, SPEAK_MODERATED -> "/say " + room + " hello";
				case SET_TOPIC, SET_LOCKED_TOPIC -> "/topic " + room + " new topic";
				case INVITE, INVITE_TO_INVITE_ONLY -> "/invite " + room + " " + invitee;
				case KICK -> "/kick " + room + " " + target + " bye";
				case BAN -> "/ban " + room + " " + target;
				case MUTE -> "/mute " + room + " " + target;
				case GIVE_VOICE -> "/voice " + room + " " + target;
				case EDIT_INVITE_LIST -> "/allow " + room + " " + invitee;
				case SET_FLAGS -> "/flags " + room + " +moderated";
				case APPOINT_OPERATOR -> "/op " + room + " " + target;
				case TRANSFER -> "/owner " + room + " " + target;
			});
		}

		@Override
		public void expectDone(Action action, String room, String target, String invitee) throws IOException {
			String line = this.client.readLine();
			assertThat(line).startsWith(switch (action) {
				case SET_TOPIC, SET_LOCKED_TOPIC -> "TOPIC " + room + " ";
				case INVITE, INVITE_TO_INVITE_ONLY -> "OK invite " + room + " " + invitee;
				case KICK -> "KICK " + room + " ";
				case BAN -> "BAN " + room + " ";
				case MUTE -> "MUTE " + room + " ";
				case GIVE_VOICE -> "ROLE " + room + " ";
				case EDIT_INVITE_LIST -> "ALLOW " + room + " ";
				case SET_FLAGS -> "FLAG " + room + " ";
				default -> "ROLE " + room + " ";
			});
		}

		@Override
		public void expectRefused(Action action, Standing standing, String room, String me) throws IOException {
			String line = this.client.readLine();
			boolean outside = standing == Standing.OUTSIDER || standing == Standing.BANNED;
			if (outside) {
				assertThat(line).isEqualTo("ERR not-in-room you are not in " + room + "; /join " + room + " first");
			}
			else if (action == Action.SPEAK_MODERATED) {
				assertThat(line).isEqualTo("ERR moderated " + room + " is moderated: only members with voice may speak");
			}
			else {
				RoomAction table = RoomAction.valueOf(action.name());
				String role = table.least().word();
				String article = "aeiou".indexOf(role.charAt(0)) >= 0 ? "an" : "a";
				assertThat(line).isEqualTo("ERR forbidden you need to be " + article + " " + role + " of " + room
						+ " to " + table.words() + "; /room " + room + " shows who is");
			}
		}

		@Override
		public void close() throws IOException {
			this.client.close();
		}

	}

	static final class IrcActor implements Actor {

		private final IrcSocket client;

		IrcActor(IrcSocket client) {
			this.client = client;
		}

		@Override
		public void join(String room) throws IOException {
			this.client.send("JOIN #" + room);
			this.client.readThrough("366");
		}

		@Override
		public void flags(String room, String flag) throws IOException {
			char letter = switch (flag.substring(1)) {
				case "moderated" -> 'm';
				case "topic-lock" -> 't';
				default -> 'i';
			};
			this.client.send("MODE #" + room + " " + flag.charAt(0) + letter);
		}

		@Override
		public void sync() throws IOException {
			this.client.send("PING sync");
			for (int i = 0; i < 200; i++) {
				if (this.client.readLine().equals(":parley PONG parley :sync")) {
					return;
				}
			}
			fail("no PONG");
		}

		@Override
		public void act(Action action, String room, String target, String invitee) throws IOException {
			this.client.send(switch (action) {
				case SPEAK, SPEAK_MODERATED -> "PRIVMSG #" + room + " :hello";
				case SET_TOPIC, SET_LOCKED_TOPIC -> "TOPIC #" + room + " :new topic";
				case INVITE, INVITE_TO_INVITE_ONLY -> "INVITE " + invitee + " #" + room;
				case KICK -> "KICK #" + room + " " + target + " :bye";
				case BAN -> "MODE #" + room + " +b " + target;
				case MUTE -> throw new IllegalStateException("no mute on IRC");
				case GIVE_VOICE -> "MODE #" + room + " +v " + target;
				case EDIT_INVITE_LIST -> "MODE #" + room + " +I " + invitee;
				case SET_FLAGS -> "MODE #" + room + " +m";
				case APPOINT_OPERATOR -> "MODE #" + room + " +o " + target;
				case TRANSFER -> "MODE #" + room + " +q " + target;
			});
		}

		@Override
		public void expectDone(Action action, String room, String target, String invitee) throws IOException {
			String line = this.client.readLine();
			assertThat(IrcSocket.command(line)).as(line).isEqualTo(switch (action) {
				case SET_TOPIC, SET_LOCKED_TOPIC -> "TOPIC";
				case INVITE, INVITE_TO_INVITE_ONLY -> "341";
				case KICK -> "KICK";
				default -> "MODE";
			});
		}

		@Override
		public void expectRefused(Action action, Standing standing, String room, String me) throws IOException {
			String line = this.client.readLine();
			boolean outside = standing == Standing.OUTSIDER || standing == Standing.BANNED;
			if (action == Action.SPEAK || action == Action.SPEAK_MODERATED) {
				assertThat(line).isEqualTo(outside ? ":parley 404 " + me + " #" + room + " :Cannot send to channel"
						: ":parley 404 " + me + " #" + room + " :Cannot send to channel (+m)");
			}
			else if (outside) {
				assertThat(line).isEqualTo(":parley 442 " + me + " #" + room + " :You're not on that channel");
			}
			else {
				boolean owner = RoomAction.valueOf(action.name()).least() == RoomRole.OWNER;
				assertThat(line).isEqualTo(":parley 482 " + me + " #" + room + " :"
						+ (owner ? "You're not the channel owner" : "You're not channel operator"));
			}
		}

		@Override
		public void close() throws IOException {
			this.client.close();
		}

	}

	static {
		// the documented table and the core's agree on every least role (a drift fails here first)
		Map<Action, RoomRole> core = new EnumMap<>(Action.class);
		for (Action action : Action.values()) {
			core.put(action, RoomAction.valueOf(action.name()).least());
			if (!core.get(action).name().equals(action.least.name())) {
				throw new IllegalStateException(action + ": the table says " + core.get(action) + ", README says "
						+ action.least);
			}
		}
	}

}
