package io.parley.chat;

import java.time.Instant;
import java.util.Map;

import io.parley.protocol.SharedFile;

/**
 * What happened in the chat, as every subscriber of the {@code chatEvents} channel sees it (local delivery now;
 * a history writer and a cluster bridge later): protocol-neutral, no wire text. Each event has an id unique for
 * all time ({@link MessageId}) and the server's time with milliseconds, stamped once by the core (both from
 * {@link Stamp#now()}); an event in a room also has the room's sequence number, which grows by one per event
 * of that room, in the one order all its members see.
 */
public sealed interface ChatEvent {

	MessageId id();

	Instant time();

	/** An event in one room, published while the room's order is held. */
	sealed interface InRoom extends ChatEvent {

		String room();

		/** The room's sequence number: 1 for the first event of the room since it opened, then one more each. */
		long seq();

	}

	/**
	 * A member said {@code text} in {@code room}. {@code noReply}: a message no client may answer automatically
	 * (what IRC calls a NOTICE). {@code clientTags}: what the sender's client attached for the other clients
	 * (IRCv3's client-only tags, names without their {@code +}, values as meant), carried and never read here;
	 * empty for none. History does not keep them.
	 */
	record RoomMessage(MessageId id, Instant time, String room, long seq, String from, String text,
			boolean noReply, Map<String, String> clientTags) implements InRoom {
		public RoomMessage {
			clientTags = (clientTags == null) ? Map.of() : clientTags;
		}

		public RoomMessage(MessageId id, Instant time, String room, long seq, String from, String text,
				boolean noReply) {
			this(id, time, room, seq, from, text, noReply, Map.of());
		}
	}

	record Joined(MessageId id, Instant time, String room, long seq, String user) implements InRoom {
	}

	/** A member left the room by its own choice, saying {@code reason} (null: nothing; IRC's PART message). */
	record Left(MessageId id, Instant time, String room, long seq, String user, String reason) implements InRoom {
	}

	/** A member left because its last session ended, for {@code reason} (its own words when it quit). */
	record Quit(MessageId id, Instant time, String room, long seq, String user, String reason) implements InRoom {
	}

	/** Text from the server or an operator to a room's members. */
	record RoomNotice(MessageId id, Instant time, String room, long seq, String text) implements InRoom {
	}

	/** {@code by} (null: the server) set the room's topic to {@code topic}; empty when cleared. */
	record TopicChanged(MessageId id, Instant time, String room, long seq, String by, String topic)
			implements InRoom {
	}

	/** {@code by} (null: the server) changed roles, lists or flags of the room, all at once. */
	record ModesChanged(MessageId id, Instant time, String room, long seq, String by,
			java.util.List<io.parley.protocol.RoomMode.Change> changes) implements InRoom {
		public ModesChanged {
			changes = java.util.List.copyOf(changes);
		}
	}

	/** {@code by} (null: the server) removed {@code user} from the room, for {@code reason} (may be empty). */
	record Kicked(MessageId id, Instant time, String room, long seq, String by, String user, String reason)
			implements InRoom {
	}

	/** {@code by} invited {@code user} into {@code room}: an event for the one invited, not for the room. */
	record Invited(MessageId id, Instant time, String room, String by, String user) implements ChatEvent {
	}

	/**
	 * {@code noReply} as for {@link RoomMessage}. {@code fromGuest} and {@code toGuest}: whether each party was a
	 * guest when it was sent, as a name is a guest's only while it is online (the history keeps a guest's
	 * conversations apart from those of an account later registered under the name). A recipient online on another
	 * node counts as an account: this node cannot tell. {@code clientTags} as for {@link RoomMessage}.
	 */
	record PrivateMessage(MessageId id, Instant time, String from, String to, String text, boolean noReply,
			boolean fromGuest, boolean toGuest, Map<String, String> clientTags) implements ChatEvent {
		public PrivateMessage {
			clientTags = (clientTags == null) ? Map.of() : clientTags;
		}

		public PrivateMessage(MessageId id, Instant time, String from, String to, String text, boolean noReply,
				boolean fromGuest, boolean toGuest) {
			this(id, time, from, to, text, noReply, fromGuest, toGuest, Map.of());
		}
	}

	/** A user's text to everyone online. */
	record Broadcast(MessageId id, Instant time, String from, String text) implements ChatEvent {
	}

	/** Text from the server or an operator to every session, logged in or not. */
	record ServerNotice(MessageId id, Instant time, String text) implements ChatEvent {
	}

	/** A member shared an uploaded file in {@code room} (issue 20): a message that carries the file's link. */
	record RoomFile(MessageId id, Instant time, String room, long seq, String from, SharedFile file)
			implements InRoom {
	}

	/** A user shared an uploaded file with another (or with itself). */
	record PrivateFile(MessageId id, Instant time, String from, String to, SharedFile file) implements ChatEvent {
	}

	/** An event's id and time, made together so the time is the id's own millisecond. */
	record Stamp(MessageId id, Instant time) {

		static Stamp now() {
			MessageId id = MessageId.next();
			return new Stamp(id, id.time());
		}

	}

}
