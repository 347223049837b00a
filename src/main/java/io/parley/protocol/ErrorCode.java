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
	// history: offline private messages past parley.history.offline-cap; the admin API's unknown message id
	MAILBOX_FULL, NO_SUCH_MESSAGE;

	private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

	public String wireName() {
		return this.wireName;
	}

}
