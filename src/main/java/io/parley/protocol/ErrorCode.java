package io.parley.protocol;

import java.util.Locale;

/**
 * Every way a client request can fail. The wire name is the enum name in lower kebab case, so the
 * list in README.md and the codes clients see cannot drift apart.
 */
public enum ErrorCode {

	UNKNOWN_COMMAND, BAD_SYNTAX, AUTH_REQUIRED, ALREADY_LOGGED_IN, BAD_CREDENTIALS, NAME_TAKEN, BAD_NAME,
	WEAK_PASSWORD, NO_SUCH_USER, OFFLINE, NOT_IN_ROOM, NO_ROOM, LINE_TOO_LONG, RATE_LIMITED, BANNED,
	TOO_MANY_SESSIONS, FORBIDDEN, SERVER_BUSY, INTERNAL_ERROR,
	// bounds on rooms (parley.limits.rooms.*)
	TOO_MANY_ROOMS, ROOMS_FULL,
	// room rules (issue 16): a room's ban is BANNED, a missing role FORBIDDEN
	INVITE_ONLY, BAD_KEY, ROOM_LIMIT, MODERATED, ALREADY_IN_ROOM, LIST_FULL,
	// offline private messages (parley.history.offline-cap)
	MAILBOX_FULL,
	// the admin API's unknown message id
	NO_SUCH_MESSAGE,
	// file sharing (parley.files.*)
	NO_SUCH_FILE, FILE_TOO_LARGE, QUOTA_EXCEEDED, STORE_FULL, TYPE_NOT_ALLOWED;

	private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

	public String wireName() {
		return this.wireName;
	}

}
