package io.parley.chat;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.SharedFile;
import io.parley.session.Session;
import io.parley.system.ParleyMetrics;

/**
 * Joining, leaving and speaking in rooms. What members see happens in the {@link Room}, under its lock, as
 * chat events; the acting session gets its confirmation or a {@link ChatError}. Callers have checked login and
 * arity ({@link io.parley.protocol.CommandDispatcher}).
 */
@Service
public class Rooms {

	/**
	 * Members past which a room's line is handed to a worker even though it never waits: the loop that read it would
	 * spend its time queueing the line for each member (a thousand take well under a millisecond), while its other
	 * connections wait to be read.
	 */
	static final int MAX_MEMBERS_TOLD_ON_A_LOOP = 1_000;

	private final Presence presence;

	private final RoomDirectory rooms;

	private final ParleyMetrics metrics;

	private final ServerAdmins admins;

	/** The history feature's replay of a room's last lines to a new member; absent when history is off. */
	private final ObjectProvider<JoinReplay> replay;

	private final ClusterLinks cluster;

	Rooms(Presence presence, RoomDirectory rooms, ParleyMetrics metrics, ServerAdmins admins,
			ObjectProvider<JoinReplay> replay, ClusterLinks cluster) {
		this.cluster = cluster;
		this.presence = presence;
		this.rooms = rooms;
		this.metrics = metrics;
		this.admins = admins;
		this.replay = replay;
	}

	/** Joins a room, creating it if new; true when the session's user is a member afterwards. */
	public boolean join(Session session, String room) {
		return join(session, room, null);
	}

	/**
	 * Joins a room with its key ({@code key}, null when none given), creating it if new; true when the session's
	 * user is a member afterwards. A new member that wants it is then shown the room's last lines.
	 */
	public boolean join(Session session, String room, String key) {
		Entry entry = enter(session, room, key);
		if (entry.joinedAt() != null) {
			replayAfterJoin(session, entry.room(), entry.joinedAt());
		}
		return entry.member();
	}

	/**
	 * What a join did: whether the session's user is a member of {@code room} (canonical) afterwards, and for a new
	 * member the id of its join event, which every earlier line of the room is below and every later one above.
	 * A replay of the room's last lines reads up to that id: an id made any later would take in lines the new
	 * member was also given live.
	 */
	public record Entry(boolean member, String room, MessageId joinedAt) {

		static final Entry NONE = new Entry(false, null, null);

	}

	/**
	 * Joins a room as {@link #join} does, without the replay: for a protocol that shows it itself, later (IRC,
	 * after its NAMES). Refused by the room's rules, a server admin is let in all the same (asked only then, so an
	 * ordinary join reads no account).
	 */
	public Entry enter(Session session, String room, String key) {
		Entry[] entry = { Entry.NONE };
		this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			if (name == null) {
				return false;
			}
			Reply.Ok confirmation = new Reply.Ok("join", name);
			RoomDirectory.JoinResult result = this.rooms.join(name, user, session, confirmation, key, false);
			if (result.joined() == RoomDirectory.Joined.REFUSED_BY_ROOM && this.admins.isAdmin(session)) {
				result = this.rooms.join(name, user, session, confirmation, key, true);
			}
			if (result.joined() == RoomDirectory.Joined.REFUSED_BY_ROOM) {
				session.send(new Reply.Refused(result.refusal()));
				return false;
			}
			RoomDirectory.Joined joined = result.joined();
			if (joined == RoomDirectory.Joined.USER_FULL) {
				ChatInput.refuse(session, ChatError.Kind.USER_ROOMS_FULL, name, this.rooms.perUser());
				return false;
			}
			if (joined == RoomDirectory.Joined.SERVER_FULL) {
				ChatInput.refuse(session, ChatError.Kind.SERVER_ROOMS_FULL, name, this.rooms.total());
				return false;
			}
			session.currentRoom(name);
			entry[0] = new Entry(true, name, result.joinedAt());
			return true;
		});
		return entry[0];
	}

	/** The hook after a new member's join: it is shown the room's last lines before {@code joinedAt} (issue 17). */
	private void replayAfterJoin(Session session, String room, MessageId joinedAt) {
		JoinReplay hook = this.replay.getIfAvailable();
		if (hook != null && session.wantsJoinReplay()) {
			hook.joined(session, room, joinedAt);
		}
	}

	public void leave(Session session, String room) {
		leave(session, room, null);
	}

	/** Leaves {@code room} saying {@code reason} (null: nothing), which the members are shown where a protocol can. */
	public void leave(Session session, String room, String reason) {
		this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			if (name == null) {
				return false;
			}
			if (!this.rooms.leave(name, user, session, reason)) {
				ChatInput.refuse(session, ChatError.Kind.NOT_IN_ROOM_TO_LEAVE, name);
				return false;
			}
			session.leftRoom(name, user.rooms()::contains);
			// a room's name has no space: the reason, if any, follows it
			session.send(new Reply.Ok("leave", (reason != null) ? name + " " + reason : name));
			return true;
		});
	}

	public void say(Session session, String room, String text) {
		say(session, room, text, false);
	}

	/**
	 * Whether a line to {@code room} is handled without waiting for anything, and quickly: not in cluster mode (the
	 * event goes to Redis and back), and the room, if there is one, lets everyone speak (a moderated room or one
	 * with mutes may ask whether the speaker is a server admin, an account read), its lock is free (a worker may
	 * hold it while it writes the room's rules) and it has at most {@link #MAX_MEMBERS_TOLD_ON_A_LOOP} members.
	 * Should the room change before the line is handled, {@link #say} gives the line back to be handled on a worker
	 * ({@link Session#handLineToWorker}).
	 */
	public boolean sayNeverWaits(@Nullable String room) {
		return this.cluster.link() == null
				&& (room == null || !RoomNames.isValid(room)
						|| this.rooms.find(RoomNames.canonical(room))
							.map(target -> target.letsEveryoneSpeakNow(MAX_MEMBERS_TOLD_ON_A_LOOP))
							.orElse(true));
	}

	/** {@link #sayNeverWaits} for the room plain text goes to. */
	public boolean sayInCurrentRoomNeverWaits(Session session) {
		return sayNeverWaits(session.currentRoom());
	}

	/** @param noReply a message no client may answer automatically */
	public void say(Session session, String room, String text, boolean noReply) {
		say(session, room, text, noReply, Map.of());
	}

	/** @param clientTags what the client attached for the other clients ({@link ChatEvent.RoomMessage}) */
	public void say(Session session, String room, String text, boolean noReply, Map<String, String> clientTags) {
		this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			String clean = (name != null) ? ChatInput.cleanText(session, text) : null;
			return clean != null && toRoom(session, name, "room",
					(target, admin) -> target.say(user, session, clean, noReply, clientTags, admin));
		});
	}

	/**
	 * Shares an uploaded file in a room the session's user is in, as a message members see with the file's link
	 * (issue 20); true when it was shared. A file is a line like any other: a moderated room or a mute stops it.
	 */
	public boolean shareFile(Session session, String room, SharedFile file) {
		return this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			return name != null
					&& toRoom(session, name, "file", (target, admin) -> target.shareFile(user, session, file, admin));
		});
	}

	/**
	 * Speaks in the room {@code name} if the room lets the user speak; else tells the session why. A server admin
	 * may speak where the room's rules refuse it: asked only then, so the path of an ordinary line reads no
	 * account. {@code speak} is told whether the speaker is a server admin.
	 */
	private boolean toRoom(Session session, String name, String kind, BiFunction<Room, Boolean, Room.SayOutcome> speak) {
		Optional<Room> target = this.rooms.find(name);
		if (target.isEmpty()) {
			ChatInput.refuse(session, ChatError.Kind.NO_ROOM_TO_SAY, name);
			return false;
		}
		Room room = target.get();
		Room.SayOutcome outcome = speak.apply(room, false);
		boolean refused = outcome == Room.SayOutcome.MODERATED || outcome == Room.SayOutcome.MUTED;
		if (outcome == Room.SayOutcome.WOULD_WAIT || (refused && session.handlingOnIoThread())) {
			// on an event loop, which must not wait for the room's lock nor read the speaker's account: nothing of
			// the line is done yet, so it goes to a worker and is handled there
			session.handLineToWorker();
			return false;
		}
		if (refused && this.admins.isAdmin(session)) {
			outcome = speak.apply(room, true);
		}
		switch (outcome) {
			case SAID:
				this.metrics.messageReceived(kind);
				session.currentRoom(name);
				return true;
			case NOT_MEMBER:
				ChatInput.refuse(session, ChatError.Kind.NOT_IN_ROOM_TO_SAY, room.name());
				return false;
			case MUTED:
				ChatInput.refuse(session, ChatError.Kind.ROOM_MUTED, room.name());
				return false;
			default:
				ChatInput.refuse(session, ChatError.Kind.ROOM_MODERATED, room.name());
				return false;
		}
	}

	/**
	 * Plain text: to the room the session last joined or spoke in; when its user has left that one (here or from
	 * another session), to the most recent room before it that the user is still in.
	 */
	public void sayInCurrentRoom(Session session, String text) {
		this.presence.withUser(session, user -> {
			String asked = session.currentRoom();
			String room = asked;
			if (room != null && !user.rooms().contains(room)) {
				room = session.leftRoom(room, user.rooms()::contains);
			}
			if (room == null) {
				ChatInput.refuse(session, ChatError.Kind.NO_CURRENT_ROOM, null);
				return false;
			}
			if (session.handlingOnIoThread() && !room.equals(asked) && !sayNeverWaits(room)) {
				session.handLineToWorker(); // the room it falls back to was not the one asked about
				return false;
			}
			say(session, room, text);
			return true;
		});
	}

}
