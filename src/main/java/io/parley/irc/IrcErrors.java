package io.parley.irc;

import java.util.Locale;

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

	static IrcLine render(Reply.Error error, Numeric numeric) {
		String subject = (error.subject() != null) ? error.subject() : "*";
		return switch (error.code()) {
			case UNKNOWN_COMMAND -> numeric.line("421", "Unknown command", subject.toUpperCase(Locale.ROOT));
			case BAD_SYNTAX -> (error.subject() != null)
					? numeric.line("461", "Not enough parameters", subject.toUpperCase(Locale.ROOT))
					: numeric.line("412", "No text to send");
			case AUTH_REQUIRED -> numeric.line("451", "You have not registered");
			case ALREADY_LOGGED_IN -> numeric.line("462", "You may not reregister");
			case BAD_CREDENTIALS -> numeric.line("464", "Password incorrect");
			case NAME_TAKEN -> numeric.line("433", error.text(), subject);
			case BAD_NAME -> subject.startsWith("#") ? numeric.line("403", "No such channel", subject)
					: numeric.line("432", "Erroneous nickname: " + error.text(), subject);
			case NO_SUCH_USER, OFFLINE -> numeric.line("401", "No such nick/channel", subject);
			case NOT_IN_ROOM -> numeric.line("442", "You're not on that channel", "#" + subject);
			case NO_ROOM -> (error.subject() != null) ? numeric.line("403", "No such channel", "#" + subject)
					: numeric.line("412", "No text to send");
			case LINE_TOO_LONG -> numeric.line("417", "Input line was too long");
			case BANNED -> numeric.line("465", "You are banned from this server");
			case TOO_MANY_ROOMS -> numeric.line("405", "You have joined too many channels", "#" + subject);
			case ROOMS_FULL -> numeric.line("405", "Too many channels on this server; join one that exists",
					"#" + subject);
			// IRCv3 standard replies: FAIL <command> <code> :<text>, the command unknown here. RATE_LIMITED among
			// them: SASL and PASS answer a login lockout themselves, so what reaches here is a broadcast over its
			// allowance, which a 904 ("SASL authentication failed") would misname
			default -> new IrcLine().add(null, null, "FAIL", error.text(), "*",
					error.code().wireName().toUpperCase(Locale.ROOT).replace('-', '_'));
		};
	}

}
