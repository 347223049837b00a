package io.parley.irc;

import io.parley.protocol.RoomMode;

/**
 * Room modes as IRC mode letters, and what {@code ISUPPORT} says of them: roles {@code q} (owner, {@code ~}),
 * {@code o} (operator, {@code @}), {@code v} (voice, {@code +}); lists {@code b} (bans) and {@code I} (invite
 * list); {@code k} key, {@code l} limit, and {@code i}, {@code m}, {@code n} (always on), {@code s}, {@code t}.
 * Lists hold names, shown as {@code name!*@*}. A mute has no letter: IRC has no such mode.
 */
final class IrcModes {

	static final String PREFIX = "PREFIX=(qov)~@+";

	static final String CHANMODES = "CHANMODES=Ib,k,l,imnst";

	private IrcModes() {
	}

	static char letter(RoomMode mode) {
		return switch (mode) {
			case OWNER -> 'q';
			case OPERATOR -> 'o';
			case VOICE -> 'v';
			case BAN -> 'b';
			case INVITE -> 'I';
			case MUTE -> 'M';
			case TOPIC_LOCK -> 't';
			case INVITE_ONLY -> 'i';
			case MODERATED -> 'm';
			case SECRET -> 's';
			case KEY -> 'k';
			case LIMIT -> 'l';
		};
	}

	/** The mode of an IRC letter, or null for a letter Parley does not know ({@code n} is always on: null too). */
	static RoomMode mode(char letter) {
		return switch (letter) {
			case 'q' -> RoomMode.OWNER;
			case 'o' -> RoomMode.OPERATOR;
			case 'v' -> RoomMode.VOICE;
			case 'b' -> RoomMode.BAN;
			case 'I' -> RoomMode.INVITE;
			case 't' -> RoomMode.TOPIC_LOCK;
			case 'i' -> RoomMode.INVITE_ONLY;
			case 'm' -> RoomMode.MODERATED;
			case 's' -> RoomMode.SECRET;
			case 'k' -> RoomMode.KEY;
			case 'l' -> RoomMode.LIMIT;
			default -> null;
		};
	}

	/** The parameter a change shows in a {@code MODE} line, or null. */
	static String parameter(RoomMode.Change change) {
		return switch (change.mode()) {
			case OWNER, OPERATOR, VOICE -> change.argument();
			case BAN, INVITE, MUTE -> mask(change.argument());
			case KEY -> change.on() ? change.argument() : "*";
			case LIMIT -> change.on() ? change.argument() : null;
			default -> null;
		};
	}

	/** Whether the mode takes a parameter when set ({@code on}) or cleared. */
	static boolean takesParameter(RoomMode mode, boolean on) {
		return switch (mode) {
			case OWNER, OPERATOR, VOICE, BAN, INVITE, MUTE -> true;
			case KEY -> on;
			case LIMIT -> on;
			default -> false;
		};
	}

	/** A name as an IRC mask. */
	static String mask(String name) {
		return name + "!*@*";
	}

	/** The name in a mask ({@code bob!*@*}, {@code bob}): what comes before the {@code !}. */
	static String name(String mask) {
		int bang = mask.indexOf('!');
		return (bang < 0) ? mask : mask.substring(0, bang);
	}

	/** The prefix of a role in NAMES and WHO, or empty. */
	static String prefix(io.parley.chat.RoomRole role) {
		return switch (role) {
			case OWNER -> "~";
			case OPERATOR -> "@";
			case VOICE -> "+";
			default -> "";
		};
	}

	/**
	 * The prefixes of a role: the highest only, or with {@code every} (IRCv3 multi-prefix) each one its rank
	 * includes, highest first. Roles are ranks here, not separate modes: an operator may all a voice may, so it is
	 * {@code @+}, an owner {@code ~@+}.
	 */
	static String prefix(io.parley.chat.RoomRole role, boolean every) {
		if (!every) {
			return prefix(role);
		}
		return switch (role) {
			case OWNER -> "~@+";
			case OPERATOR -> "@+";
			case VOICE -> "+";
			default -> "";
		};
	}

}
