package io.parley.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a command was refused, as a value without words: the case ({@link Kind}, which has its wire
 * {@link ErrorCode}), what it is about ({@code subject}: the command, user or room named, or null) and what
 * else its words need ({@code args}: a limit, a usage). Each protocol words it in its own renderer: the line
 * protocol names its commands, IRC answers with its numerics and never tells a user to type a line-protocol
 * command.
 */
public record ChatError(Kind kind, ErrorCode code, String subject, List<String> args) {

	public ChatError {
		args = List.copyOf(args);
	}

	/** {@code kind}'s error about {@code subject}, with {@code args} as text. */
	public static ChatError of(Kind kind, String subject, Object... args) {
		List<String> text = new ArrayList<>(args.length);
		for (Object arg : args) {
			text.add(String.valueOf(arg));
		}
		return new ChatError(kind, kind.code(), subject, text);
	}

	/** A refusal of the account store ({@code io.parley.account}), which words its own: {@code text}. */
	public static ChatError account(ErrorCode code, String text) {
		return new ChatError(Kind.ACCOUNT, code, null, List.of(text));
	}

	/** The {@code i}th argument. */
	public String arg(int i) {
		return this.args.get(i);
	}

	/** Every case the chat core and the command dispatcher refuse a command for. */
	public enum Kind {

		// commands (the dispatcher)
		/** subject: the command as typed (an excerpt). */
		UNKNOWN_COMMAND(ErrorCode.UNKNOWN_COMMAND),
		/** subject: the command. */
		LOGIN_FIRST(ErrorCode.AUTH_REQUIRED),
		/** subject: the command; args: its usage. */
		USAGE(ErrorCode.BAD_SYNTAX),
		/** No subject. */
		EMPTY_MESSAGE(ErrorCode.BAD_SYNTAX),

		// logins
		/** args: the user the session is logged in as. */
		ALREADY_LOGGED_IN(ErrorCode.ALREADY_LOGGED_IN),
		/** subject: the name asked for. */
		REGISTRATIONS_EXCEEDED(ErrorCode.RATE_LIMITED),
		/** subject: the name asked for. */
		GUESTS_OFF(ErrorCode.FORBIDDEN),
		/** subject: the name asked for. */
		BAD_USER_NAME(ErrorCode.BAD_NAME),
		/** subject: the name, which an account holds. */
		NAME_REGISTERED(ErrorCode.NAME_TAKEN),
		/** subject: the name, which a guest holds. */
		NAME_IN_USE(ErrorCode.NAME_TAKEN),
		/** subject: the user; args: the most sessions one user may have. */
		SESSION_CAP(ErrorCode.TOO_MANY_SESSIONS),
		/** args: the account store's own words; the code is the store's. */
		ACCOUNT(ErrorCode.INTERNAL_ERROR),

		// private messages
		/** subject: the account, as registered. */
		OFFLINE(ErrorCode.OFFLINE),
		/** subject: the name as typed (an excerpt). */
		NO_SUCH_USER(ErrorCode.NO_SUCH_USER),
		/** subject: the account, offline, that holds as many kept messages as it may; args: that many. */
		MAILBOX_FULL(ErrorCode.MAILBOX_FULL),

		// rooms
		/** subject: the room name as typed, cleaned. */
		BAD_ROOM_NAME(ErrorCode.BAD_NAME),
		/** subject: the room; args: the most rooms one user may be in. */
		USER_ROOMS_FULL(ErrorCode.TOO_MANY_ROOMS),
		/** subject: the room; args: the most rooms the server holds. */
		SERVER_ROOMS_FULL(ErrorCode.ROOMS_FULL),
		/** subject: the room left. */
		NOT_IN_ROOM_TO_LEAVE(ErrorCode.NOT_IN_ROOM),
		/** subject: the room spoken to. */
		NOT_IN_ROOM_TO_SAY(ErrorCode.NOT_IN_ROOM),
		/** No subject: plain text, and no room to say it in. */
		NO_CURRENT_ROOM(ErrorCode.NOT_IN_ROOM),
		/** subject: the room spoken to. */
		NO_ROOM_TO_SAY(ErrorCode.NO_ROOM),
		/** subject: the room listed. */
		NO_ROOM_TO_LIST(ErrorCode.NO_ROOM),

		// room rules
		/** subject: the room; args: the action (a word), the least role it needs (a word). */
		ROOM_RANK(ErrorCode.FORBIDDEN),
		/** subject: the room acted on, which the actor is not in. */
		NOT_IN_ROOM_TO_ACT(ErrorCode.NOT_IN_ROOM),
		/** subject: the room acted on. */
		NO_ROOM_TO_ACT(ErrorCode.NO_ROOM),
		/** subject: the room. */
		ROOM_BANNED(ErrorCode.BANNED),
		/** subject: the room. */
		ROOM_INVITE_ONLY(ErrorCode.INVITE_ONLY),
		/** subject: the room. */
		ROOM_BAD_KEY(ErrorCode.BAD_KEY),
		/** subject: the room; args: its member limit. */
		ROOM_LIMIT(ErrorCode.ROOM_LIMIT),
		/** subject: the room, moderated, where the speaker has no voice. */
		ROOM_MODERATED(ErrorCode.MODERATED),
		/** subject: the room, where the speaker is muted. */
		ROOM_MUTED(ErrorCode.MODERATED),
		/** subject: the room; args: the name, who is not in it. */
		TARGET_NOT_IN_ROOM(ErrorCode.NOT_IN_ROOM),
		/** subject: the room; args: the name, who is in it already. */
		TARGET_IN_ROOM(ErrorCode.ALREADY_IN_ROOM),
		/** subject: the room; args: the name, whose role is above the actor's. */
		TARGET_OUTRANKS(ErrorCode.FORBIDDEN),
		/** subject: the room; args: the name, which no account holds (an owner, a ban, a stored role need one). */
		NO_SUCH_ACCOUNT(ErrorCode.NO_SUCH_USER),
		/** subject: the room; args: the flag or mode as typed. */
		UNKNOWN_MODE(ErrorCode.BAD_SYNTAX),
		/** subject: the room; args: the mode (its line-protocol word), what is wrong with its argument. */
		MODE_ARGUMENT(ErrorCode.BAD_SYNTAX),
		/** subject: the room; args: the most changes one command may make. */
		TOO_MANY_MODES(ErrorCode.BAD_SYNTAX),
		/** subject: the room; args: the longest topic, in characters. */
		TOPIC_TOO_LONG(ErrorCode.BAD_SYNTAX),
		/** subject: the room; args: the list's mode word, the most entries it holds. */
		ROOM_LIST_FULL(ErrorCode.LIST_FULL),

		// broadcasts (parley.broadcast.*)
		BROADCASTS_OFF(ErrorCode.FORBIDDEN),
		BROADCASTS_FOR_ADMINS(ErrorCode.FORBIDDEN),
		/** args: broadcasts a minute, and at once. */
		BROADCAST_RATE(ErrorCode.RATE_LIMITED),

		// history (parley.history.*)
		/** The operator switched history off. */
		HISTORY_OFF(ErrorCode.FORBIDDEN),
		/**
		 * subject: the room asked for, which the user is not in; whether it exists is not said (the same for a
		 * room that does not).
		 */
		NOT_IN_ROOM_TO_READ(ErrorCode.NOT_IN_ROOM),
		/** subject: the target as typed, cleaned (an excerpt): neither a room nor a name. */
		BAD_HISTORY_TARGET(ErrorCode.BAD_NAME),
		/** subject: the message id or time as typed, cleaned (an excerpt). */
		BAD_HISTORY_CURSOR(ErrorCode.BAD_SYNTAX),
		/** subject: the limit as typed, cleaned (an excerpt); args: the most a page may hold. */
		BAD_HISTORY_LIMIT(ErrorCode.BAD_SYNTAX),

		// end-to-end encrypted private messages (issue 21)
		/** subject: the recipient; args: the envelope's size in bytes, the most one may have. */
		ENVELOPE_TOO_LARGE(ErrorCode.LINE_TOO_LONG);

		private final ErrorCode code;

		Kind(ErrorCode code) {
			this.code = code;
		}

		public ErrorCode code() {
			return this.code;
		}

	}

}
