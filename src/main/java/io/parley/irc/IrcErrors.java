package io.parley.irc;

import java.util.Locale;

import io.parley.protocol.ChatError;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;

/**
 * Parley's error codes as the numerics IRC clients understand (RFC 2812 and the Modern IRC documents), with
 * the texts clients expect; the line protocol's texts speak of its own commands, so they are not reused.
 */
final class IrcErrors {

	@FunctionalInterface
	interface Numeric {

		IrcLine line(String numeric, String trailing, String... middle);

	}

	private IrcErrors() {
	}

	/**
	 * Why the server closed a session, in IRC's words where IRC servers have their own: a flood is "Excess
	 * Flood" in every IRC server's {@code ERROR} and {@code QUIT}, and clients and bots look for it.
	 */
	static String closingReason(String reason) {
		return reason.equals("flooding") ? "Excess Flood" : reason;
	}

	/** The text of a {@code QUIT} other users see: the server's reason, or the user's own after "Quit: ". */
	static String quitText(String reason) {
		String closing = closingReason(reason);
		return closing.equals(reason) ? "Quit: " + reason : closing;
	}

	/**
	 * The chat's refusals as numerics, or as IRCv3 standard replies ({@code FAIL * <CODE> :<text>}) where no
	 * numeric fits; the texts name no line-protocol command.
	 */
	static IrcLine render(ChatError e, Numeric numeric) {
		String subject = (e.subject() != null) ? e.subject() : "*";
		return switch (e.kind()) {
			case UNKNOWN_COMMAND -> numeric.line("421", "Unknown command", subject.toUpperCase(Locale.ROOT));
			case LOGIN_FIRST -> numeric.line("451", "You have not registered");
			case USAGE -> numeric.line("461", "Not enough parameters", subject.toUpperCase(Locale.ROOT));
			case EMPTY_MESSAGE -> numeric.line("412", "No text to send");
			case ALREADY_LOGGED_IN -> numeric.line("462", "You may not reregister");
			case NAME_REGISTERED -> numeric.line("433",
					"Nickname is registered; log in with SASL or PASS, or choose another", subject);
			case NAME_IN_USE -> numeric.line("433", subject + " is in use; pick another name", subject);
			case BAD_USER_NAME -> numeric.line("432",
					"Erroneous nickname: 2-32 letters, digits, _ or -, starting with a letter", subject);
			case BAD_ROOM_NAME -> numeric.line("403", "No such channel", subject);
			case OFFLINE, NO_SUCH_USER -> numeric.line("401", "No such nick/channel", subject);
			case NOT_IN_ROOM_TO_LEAVE, NOT_IN_ROOM_TO_SAY, NO_CURRENT_ROOM -> numeric.line("442",
					"You're not on that channel", channel(e));
			case NO_ROOM_TO_SAY, NO_ROOM_TO_LIST -> numeric.line("403", "No such channel", channel(e));
			case USER_ROOMS_FULL -> numeric.line("405", "You have joined too many channels", channel(e));
			case SERVER_ROOMS_FULL -> numeric.line("405", "Too many channels on this server; join one that exists",
					channel(e));
			case ROOM_RANK -> numeric.line("482", e.arg(1).equals("owner") ? "You're not the channel owner"
					: "You're not channel operator", channel(e));
			case NOT_IN_ROOM_TO_ACT -> numeric.line("442", "You're not on that channel", channel(e));
			case NO_ROOM_TO_ACT -> numeric.line("403", "No such channel", channel(e));
			case ROOM_BANNED -> numeric.line("474", "Cannot join channel (+b)", channel(e));
			case ROOM_INVITE_ONLY -> numeric.line("473", "Cannot join channel (+i)", channel(e));
			case ROOM_BAD_KEY -> numeric.line("475", "Cannot join channel (+k)", channel(e));
			case ROOM_LIMIT -> numeric.line("471", "Cannot join channel (+l)", channel(e));
			case ROOM_MODERATED -> numeric.line("404", "Cannot send to channel (+m)", channel(e));
			case ROOM_MUTED -> numeric.line("404", "Cannot send to channel (you are muted)", channel(e));
			case TARGET_NOT_IN_ROOM -> numeric.line("441", "They aren't on that channel", e.arg(0), channel(e));
			case TARGET_IN_ROOM -> numeric.line("443", "is already on channel", e.arg(0), channel(e));
			case TARGET_OUTRANKS -> numeric.line("482", "You can't do that to " + e.arg(0) + ": their role is above yours",
					channel(e));
			case NO_SUCH_ACCOUNT -> numeric.line("401", "No such nick/channel", e.arg(0));
			case UNKNOWN_MODE -> numeric.line("472", "is unknown mode char to me", e.arg(0));
			case MODE_ARGUMENT -> numeric.line("696", "Invalid parameter: " + e.arg(1), channel(e),
					String.valueOf(IrcModes.letter(io.parley.protocol.RoomMode.valueOf(
							e.arg(0).toUpperCase(Locale.ROOT).replace('-', '_')))), "*");
			case ROOM_LIST_FULL -> numeric.line("478", "Channel list is full", channel(e), String.valueOf(IrcModes
				.letter(io.parley.protocol.RoomMode.valueOf(e.arg(0).toUpperCase(Locale.ROOT).replace('-', '_')))));
			case TOO_MANY_MODES -> fail(e, "At most " + e.arg(0) + " mode changes at once; nothing was changed");
			case TOPIC_TOO_LONG -> fail(e, "A topic is at most " + e.arg(0) + " characters; the topic is unchanged");
			case ENVELOPE_TOO_LARGE -> fail(e, "An encrypted message is at most " + e.arg(1) + " bytes, that one was "
					+ e.arg(0) + "; it was not sent");
			case BROADCASTS_FOR_ADMINS -> numeric.line("481", "Permission Denied- You're not an IRC operator");
			case SESSION_CAP -> fail(e, "You already have " + e.arg(0) + " connections as " + subject
					+ ", the most one account may have; disconnect one of them first");
			case REGISTRATIONS_EXCEEDED -> fail(e, "Too many new accounts from your address this hour");
			case GUESTS_OFF -> fail(e, "Guest logins are off on this server; log in with SASL PLAIN or PASS");
			case BROADCASTS_OFF -> fail(e, "broadcasts are off on this server; say it in a room");
			case BROADCAST_RATE -> fail(e, "at most " + e.arg(0) + " broadcasts a minute (" + e.arg(1)
					+ " at once); that one reached nobody, try again later");
			case MAILBOX_FULL -> fail(e, subject + " is offline and has " + e.arg(0)
					+ " messages waiting, the most kept for one user; that one was not kept");
			// CHATHISTORY words these as its own FAIL codes (IrcHistory); here for any other way they arrive
			case HISTORY_OFF -> fail(e, "History is off on this server");
			case NOT_IN_ROOM_TO_READ -> numeric.line("442", "You're not on that channel", channel(e));
			case BAD_HISTORY_TARGET -> fail(e, "Not a channel or nick: " + subject);
			case BAD_HISTORY_CURSOR -> fail(e, "Not a message id or time: " + subject);
			case BAD_HISTORY_LIMIT -> fail(e, "A page is 1-" + e.arg(0) + " messages");
			// the account store's own words, which name no command
			case ACCOUNT -> render(new Reply.Error(e.code(), e.arg(0), e.subject()), numeric);
		};
	}

	private static String channel(ChatError e) {
		return (e.subject() != null) ? "#" + e.subject() : "*";
	}

	private static IrcLine fail(ChatError e, String text) {
		return fail(e.code(), text);
	}

	/** An IRCv3 standard reply, {@code FAIL <command> <code> :<text>}, the command unknown here. */
	private static IrcLine fail(ErrorCode code, String text) {
		return new IrcLine().add(null, null, "FAIL", text, "*", code.wireName().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/**
	 * Errors worded by whoever made them ({@link Reply.Error}: this protocol, the transport, the account store),
	 * by their code; those no numeric fits are standard replies with the maker's text.
	 */
	static IrcLine render(Reply.Error error, Numeric numeric) {
		String subject = (error.subject() != null) ? error.subject() : "*";
		return switch (error.code()) {
			case BAD_CREDENTIALS -> numeric.line("464", "Password incorrect");
			case BANNED -> numeric.line("465", "You are banned from this server");
			case NAME_TAKEN -> numeric.line("433", error.text(), subject);
			case NO_SUCH_USER -> numeric.line("401", "No such nick/channel", subject);
			case LINE_TOO_LONG -> numeric.line("417", "Input line was too long");
			default -> fail(error.code(), error.text());
		};
	}

}
