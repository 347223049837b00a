package io.parley.line;

import io.parley.protocol.ChatError;

/**
 * The chat's refusals in the line protocol's words: each says what to type next, naming the protocol's own
 * commands. Scripts dispatch on the error code before the text; the texts are for the person at the terminal.
 */
final class LineErrors {

	private LineErrors() {
	}

	private static String article(String word) {
		return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
	}

	static String text(ChatError e) {
		String about = e.subject();
		return switch (e.kind()) {
			case UNKNOWN_COMMAND -> "/" + about + " is not a command; /help lists the commands";
			case LOGIN_FIRST -> "log in first: /login <name> <password>, or /register <name> <password> for a new account";
			case USAGE -> "usage: " + e.arg(0);
			case EMPTY_MESSAGE -> "the message is empty; type some text after the command";
			case ALREADY_LOGGED_IN -> "this session is logged in as " + e.arg(0) + "; /quit and connect again to switch";
			case REGISTRATIONS_EXCEEDED -> "too many new accounts from your address this hour; log in, or try again later";
			case GUESTS_OFF -> "guest logins are off on this server; /register instead";
			case BAD_USER_NAME -> "a name is 2-32 letters, digits, _ or -, starting with a letter";
			case NAME_REGISTERED -> about + " is a registered name; log in, or pick another";
			case NAME_IN_USE -> about + " is in use; pick another name";
			case SESSION_CAP -> about + " already has " + e.arg(0) + " sessions; /quit one of them first";
			case ACCOUNT -> e.arg(0);
			case OFFLINE -> about + " is not online; try again later";
			case NO_SUCH_USER -> "there is no user " + about + "; /who lists who is online";
			case BAD_ROOM_NAME -> "a room name is 1-32 letters, digits, _ or -, with an optional leading #";
			case USER_ROOMS_FULL -> "you are in " + e.arg(0) + " rooms, the most one user may be in; /leave one first";
			case SERVER_ROOMS_FULL -> "the server holds " + e.arg(0)
					+ " rooms, its most, and opens no new ones; join a room that exists (/rooms lists them)";
			case NOT_IN_ROOM_TO_LEAVE -> "you are not in " + about + "; /rooms lists the rooms";
			case NOT_IN_ROOM_TO_SAY -> "you are not in " + about + "; /join " + about + " first";
			case NO_CURRENT_ROOM -> "you are in no room; /join <room> first, or /msg <name> <text> to talk to one person";
			case NO_ROOM_TO_SAY -> "there is no room " + about + "; /join " + about + " to open it";
			case NO_ROOM_TO_LIST -> "there is no room " + about + "; /rooms lists the rooms";
			case ROOM_RANK -> "you need to be " + article(e.arg(1)) + " " + e.arg(1) + " of " + about + " to " + e.arg(0)
					+ "; /room " + about + " shows who is";
			case NOT_IN_ROOM_TO_ACT -> "you are not in " + about + "; /join " + about + " first";
			case NO_ROOM_TO_ACT -> "there is no room " + about + " with members; /rooms lists the rooms";
			case ROOM_BANNED -> "you are banned from " + about;
			case ROOM_INVITE_ONLY -> about + " is invite-only; ask one of its operators for an /invite";
			case ROOM_BAD_KEY -> about + " needs a key: /join " + about + " <key>";
			case ROOM_LIMIT -> about + " is full (" + e.arg(0) + " members); try again later";
			case ROOM_MODERATED -> about + " is moderated: only members with voice may speak";
			case ROOM_MUTED -> "you are muted in " + about;
			case TARGET_NOT_IN_ROOM -> e.arg(0) + " is not in " + about;
			case TARGET_IN_ROOM -> e.arg(0) + " is in " + about + " already";
			case TARGET_OUTRANKS -> e.arg(0) + "'s role in " + about + " is above yours";
			case NO_SUCH_ACCOUNT -> "there is no account " + e.arg(0);
			case UNKNOWN_MODE -> "there is no flag " + e.arg(0)
					+ "; flags are topic-lock, invite-only, moderated, secret, key=<key> and limit=<n>, each with + or -";
			case MODE_ARGUMENT -> e.arg(0) + " takes " + e.arg(1);
			case TOO_MANY_MODES -> "at most " + e.arg(0) + " changes at once; nothing was changed";
			case TOPIC_TOO_LONG -> "a topic is at most " + e.arg(0) + " characters";
			case ENVELOPE_TOO_LARGE -> "an encrypted message is at most " + e.arg(1) + " bytes, that one was "
					+ e.arg(0) + "; it was not sent";
			case ROOM_LIST_FULL -> "the " + e.arg(0) + " list of " + about + " holds " + e.arg(1)
					+ " names, its most; remove one first";
			case BROADCASTS_OFF -> "broadcasts are off on this server; say it in a room";
			case BROADCASTS_FOR_ADMINS -> "only admins may broadcast on this server; say it in a room";
			case BROADCAST_RATE -> "at most " + e.arg(0) + " broadcasts a minute (" + e.arg(1)
					+ " at once); that one reached nobody, try again later";
			case MAILBOX_FULL -> about + " is offline and has " + e.arg(0)
					+ " messages waiting, the most kept for one user; that one was not kept, try again later";
			case HISTORY_OFF -> "history is off on this server";
			case NOT_IN_ROOM_TO_READ -> "you are not in " + about + "; /join " + about + " to read its history";
			case BAD_HISTORY_TARGET -> "history is read for a room or for @<name>, not " + about;
			case BAD_HISTORY_CURSOR -> about + " is not a message id; ids come in HIST lines";
			case BAD_HISTORY_LIMIT -> "a page is 1-" + e.arg(0) + " messages, not " + about;
		};
	}

}
