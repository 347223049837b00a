package io.parley.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the server can say to a session, independent of how a protocol spells it. Codecs render
 * these through {@link Renderer}, which makes every codec handle every kind of reply (the compiler
 * checks it, even on Java 17 where a switch over sealed types is not yet available).
 */
public sealed interface Reply {

	<T> T render(Renderer<T> renderer);

	/** One method per kind of reply; a codec implements all of them. */
	interface Renderer<T> {

		T hello(Hello reply);

		T ok(Ok reply);

		T error(Error reply);

		T refused(Refused reply);

		T privateMessage(PrivateMessage reply);

		T roomMessage(RoomMessage reply);

		T broadcast(Broadcast reply);

		T notice(Notice reply);

		T joined(Joined reply);

		T left(Left reply);

		T who(Who reply);

		T rooms(Rooms reply);

		T pong(Pong reply);

		T ping(Ping reply);

		T help(Help reply);

		T bye(Bye reply);

		T topicChanged(TopicChanged reply);

		T modesChanged(ModesChanged reply);

		T kicked(Kicked reply);

		T invited(Invited reply);

		T roomInfo(RoomInfo reply);

		T history(History reply);

		T fileShared(FileShared reply);

		T renamed(Renamed reply);

	}

	/** Greeting sent once when a connection opens. */
	record Hello(String server, String version, int protocolVersion) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.hello(this);
		}
	}

	/** A command succeeded; {@code detail} may be empty. */
	record Ok(String command, String detail) implements Reply {
		public Ok {
			detail = (detail != null) ? detail : "";
		}

		public <T> T render(Renderer<T> r) {
			return r.ok(this);
		}
	}

	/**
	 * A command failed, in the words of the protocol or transport that refused it (a line too long, an internal
	 * error); the chat's refusals are {@link Refused}. {@code text} tells a person what to do next.
	 * {@code subject} is what the error is about (the command, user or room named), or null: protocols whose
	 * errors name it (IRC numerics) need it.
	 */
	record Error(ErrorCode code, String text, String subject) implements Reply {
		public Error(ErrorCode code, String text) {
			this(code, text, null);
		}

		public <T> T render(Renderer<T> r) {
			return r.error(this);
		}
	}

	/** A command the chat refused, for a reason each protocol words in its own way ({@link ChatError}). */
	record Refused(ChatError error) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.refused(this);
		}
	}

	/**
	 * {@code noReply}: a message that must never be answered automatically (IRC's NOTICE). {@code time} and
	 * {@code id}: the chat event's, which protocols that show them (IRC's server-time and msgid, the line
	 * protocol's {@code /ids on}) show, so a live line matches the same message read back from history; the id
	 * may be null (a reply made outside the chat core). {@code clientTags}: the chat event's (IRCv3 client-only
	 * tags, names without their {@code +}), which IRC shows to clients with {@code message-tags}; empty for none.
	 */
	record PrivateMessage(String from, String to, String text, boolean noReply, Instant time, String id,
			Map<String, String> clientTags) implements Reply {
		public PrivateMessage {
			clientTags = (clientTags == null) ? Map.of() : clientTags;
		}

		public PrivateMessage(String from, String to, String text, boolean noReply, Instant time, String id) {
			this(from, to, text, noReply, time, id, Map.of());
		}

		public PrivateMessage(String from, String to, String text, boolean noReply, Instant time) {
			this(from, to, text, noReply, time, null);
		}

		public <T> T render(Renderer<T> r) {
			return r.privateMessage(this);
		}
	}

	/** As {@link PrivateMessage}. */
	record RoomMessage(String room, String from, String text, boolean noReply, Instant time, String id,
			Map<String, String> clientTags) implements Reply {
		public RoomMessage {
			clientTags = (clientTags == null) ? Map.of() : clientTags;
		}

		public RoomMessage(String room, String from, String text, boolean noReply, Instant time, String id) {
			this(room, from, text, noReply, time, id, Map.of());
		}

		public RoomMessage(String room, String from, String text, boolean noReply, Instant time) {
			this(room, from, text, noReply, time, null);
		}

		public <T> T render(Renderer<T> r) {
			return r.roomMessage(this);
		}
	}

	record Broadcast(String from, String text, Instant time, String id) implements Reply {
		public Broadcast(String from, String text, Instant time) {
			this(from, text, time, null);
		}

		public <T> T render(Renderer<T> r) {
			return r.broadcast(this);
		}
	}

	/** Text from the server or an operator, not from a user. */
	record Notice(String text) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.notice(this);
		}
	}

	record Joined(String room, String user, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.joined(this);
		}
	}

	/** A guest took another name ({@code to}), seen by itself and by everyone in a room with it. */
	record Renamed(String from, String to) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.renamed(this);
		}
	}

	/**
	 * {@code quit}: why the user went offline, when leaving is its last session ending; null for a leave.
	 * {@code reason}: what the user said as it left by its own choice (IRC's PART message); null for none.
	 */
	record Left(String room, String user, String quit, Instant time, String reason) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.left(this);
		}
	}

	/**
	 * Users online ({@code room} null) or in one room, sorted by name; one page of them when the list is long:
	 * {@code continued} when pages came before this one, {@code more} when others follow.
	 */
	record Who(String room, List<String> users, boolean continued, boolean more) implements Reply {
		public Who(String room, List<String> users) {
			this(room, users, false, false);
		}

		public <T> T render(Renderer<T> r) {
			return r.who(this);
		}
	}

	/** Rooms with their member counts, sorted by name; one page of them, as for {@link Who}. */
	record Rooms(List<RoomCount> rooms, boolean continued, boolean more) implements Reply {
		public Rooms(List<RoomCount> rooms) {
			this(rooms, false, false);
		}

		public <T> T render(Renderer<T> r) {
			return r.rooms(this);
		}
	}

	record RoomCount(String room, int members) {
	}

	/** {@code token} may be empty. */
	record Pong(String token) implements Reply {
		public Pong {
			token = (token != null) ? token : "";
		}

		public <T> T render(Renderer<T> r) {
			return r.pong(this);
		}
	}

	/** The server's keep-alive: a client quiet for a while is asked to answer with any line. */
	record Ping(String token) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.ping(this);
		}
	}

	record Help(String text) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.help(this);
		}
	}

	/** The last line before the server closes the connection. */
	record Bye(String reason) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.bye(this);
		}
	}

	/** {@code by} set the room's topic to {@code topic} (empty: cleared); {@code by} null: the server. */
	record TopicChanged(String room, String by, String topic, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.topicChanged(this);
		}
	}

	/** {@code by} (null: the server) changed roles, lists or flags of the room, all at once. */
	record ModesChanged(String room, String by, List<RoomMode.Change> changes, Instant time) implements Reply {
		public ModesChanged {
			changes = List.copyOf(changes);
		}

		public <T> T render(Renderer<T> r) {
			return r.modesChanged(this);
		}
	}

	/** {@code by} (null: the server) removed {@code user} from the room, for {@code reason} (may be empty). */
	record Kicked(String room, String by, String user, String reason, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.kicked(this);
		}
	}

	/** {@code by} invited {@code user} into the room: told to the one invited. */
	record Invited(String room, String by, String user, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.invited(this);
		}
	}

	/**
	 * Stored messages, a page of a block that may span several pages ({@code first}: the block's first page, which
	 * carries its header; {@code last}: its last, which carries its end). {@code purpose} says why they come:
	 * asked for ({@link Purpose#PAGE}), the last lines of a room just joined ({@link Purpose#JOIN}), or private
	 * messages kept while the user was offline ({@link Purpose#OFFLINE}). {@code target} is what was read: a
	 * room, {@code @name} for a conversation, or {@code *} for the offline messages. {@code more}: on the last
	 * page, whether more messages lie beyond the block in the direction read.
	 */
	record History(Purpose purpose, String target, List<HistoryLine> lines, boolean first, boolean last,
			boolean more) implements Reply {
		public History {
			lines = List.copyOf(lines);
		}

		public <T> T render(Renderer<T> r) {
			return r.history(this);
		}

		public enum Purpose {

			PAGE, JOIN, OFFLINE;

			/** As the line protocol shows it. */
			public String wireName() {
				return name().toLowerCase(java.util.Locale.ROOT);
			}

		}
	}

	/**
	 * What a room is: its owner (null for a room nobody owns, made by a guest), topic (empty when none), its flags
	 * as set changes, its operators and voices by name, how many members it has.
	 */
	record RoomInfo(String room, String owner, String topic, String topicBy, Instant topicAt,
			List<RoomMode.Change> flags, List<String> operators, List<String> voices, int members) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.roomInfo(this);
		}
	}

	/**
	 * One stored message: {@code room} is null for a private message, {@code to} null for a room message; its id
	 * and time are the live message's.
	 */
	record HistoryLine(String id, Instant time, String room, String from, String to, String text,
			boolean noReply) {
	}

	/**
	 * A file shared by {@code from} in {@code room}, or with {@code to} when {@code room} is null (issue 20). Each
	 * protocol shows the link, name, size and type in its own words.
	 */
	record FileShared(String room, String from, String to, SharedFile file, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.fileShared(this);
		}
	}

}
