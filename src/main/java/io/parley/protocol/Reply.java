package io.parley.protocol;

import java.time.Instant;
import java.util.List;

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
	 * {@code noReply}: a message that must never be answered automatically (IRC's NOTICE). {@code time}: the
	 * chat event's time, which protocols that show a time (IRC's server-time) show.
	 */
	record PrivateMessage(String from, String to, String text, boolean noReply, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.privateMessage(this);
		}
	}

	/** As {@link PrivateMessage}. */
	record RoomMessage(String room, String from, String text, boolean noReply, Instant time) implements Reply {
		public <T> T render(Renderer<T> r) {
			return r.roomMessage(this);
		}
	}

	record Broadcast(String from, String text, Instant time) implements Reply {
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

	/** {@code quit}: why the user went offline, when leaving is its last session ending; null for a leave. */
	record Left(String room, String user, String quit, Instant time) implements Reply {
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

}
