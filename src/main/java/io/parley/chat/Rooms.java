package io.parley.chat;

import java.util.Optional;
import java.util.function.Predicate;

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

	private final Presence presence;

	private final RoomDirectory rooms;

	private final ParleyMetrics metrics;

	Rooms(Presence presence, RoomDirectory rooms, ParleyMetrics metrics) {
		this.presence = presence;
		this.rooms = rooms;
		this.metrics = metrics;
	}

	/** Joins a room, creating it if new; true when the session's user is a member afterwards. */
	public boolean join(Session session, String room) {
		return this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			if (name == null) {
				return false;
			}
			RoomDirectory.Joined joined = this.rooms.join(name, user, session, new Reply.Ok("join", name));
			if (joined == RoomDirectory.Joined.USER_FULL) {
				ChatInput.refuse(session, ChatError.Kind.USER_ROOMS_FULL, name, this.rooms.perUser());
				return false;
			}
			if (joined == RoomDirectory.Joined.SERVER_FULL) {
				ChatInput.refuse(session, ChatError.Kind.SERVER_ROOMS_FULL, name, this.rooms.total());
				return false;
			}
			session.currentRoom(name);
			return true;
		});
	}

	public void leave(Session session, String room) {
		this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			if (name == null) {
				return false;
			}
			if (!this.rooms.leave(name, user, session)) {
				ChatInput.refuse(session, ChatError.Kind.NOT_IN_ROOM_TO_LEAVE, name);
				return false;
			}
			session.leftRoom(name, user.rooms()::contains);
			session.send(new Reply.Ok("leave", name));
			return true;
		});
	}

	public void say(Session session, String room, String text) {
		say(session, room, text, false);
	}

	/** @param noReply a message no client may answer automatically */
	public void say(Session session, String room, String text, boolean noReply) {
		this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			String clean = (name != null) ? ChatInput.cleanText(session, text) : null;
			return clean != null && toRoom(session, name, "room", target -> target.say(user, session, clean, noReply));
		});
	}

	/**
	 * Shares an uploaded file in a room the session's user is in, as a message members see with the file's link
	 * (issue 20); true when it was shared.
	 */
	public boolean shareFile(Session session, String room, SharedFile file) {
		return this.presence.withUser(session, user -> {
			String name = ChatInput.roomName(session, room);
			return name != null && toRoom(session, name, "file", target -> target.shareFile(user, session, file));
		});
	}

	/** Runs {@code speak} in the room {@code name}, or refuses: no such room, or not a member. */
	private boolean toRoom(Session session, String name, String kind, Predicate<Room> speak) {
		Optional<Room> target = this.rooms.find(name);
		if (target.isEmpty()) {
			ChatInput.refuse(session, ChatError.Kind.NO_ROOM_TO_SAY, name);
		}
		else if (!speak.test(target.get())) {
			ChatInput.refuse(session, ChatError.Kind.NOT_IN_ROOM_TO_SAY, name);
		}
		else {
			this.metrics.messageReceived(kind);
			session.currentRoom(name);
			return true;
		}
		return false;
	}

	/**
	 * Plain text: to the room the session last joined or spoke in; when its user has left that one (here or from
	 * another session), to the most recent room before it that the user is still in.
	 */
	public void sayInCurrentRoom(Session session, String text) {
		this.presence.withUser(session, user -> {
			String room = session.currentRoom();
			if (room != null && !user.rooms().contains(room)) {
				room = session.leftRoom(room, user.rooms()::contains);
			}
			if (room == null) {
				ChatInput.refuse(session, ChatError.Kind.NO_CURRENT_ROOM, null);
				return false;
			}
			say(session, room, text);
			return true;
		});
	}

}
