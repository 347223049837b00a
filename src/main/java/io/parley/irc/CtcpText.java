package io.parley.irc;

/**
 * CTCP, the {@code \u0001}-quoted requests inside IRC messages. Chat text is cleaned of control characters
 * for everyone, so an IRC {@code /me} (ACTION) is turned into plain text first; other CTCP requests (VERSION,
 * TIME, ...) are not relayed at all, so nobody can fingerprint other users' clients through Parley.
 */
final class CtcpText {

	private static final char CTCP = '\u0001';

	private CtcpText() {
	}

	/** The text to relay, or null when it is a CTCP request that is not relayed. */
	static String toChat(String text, String nick) {
		if (text.isEmpty() || text.charAt(0) != CTCP) {
			return text;
		}
		String body = text.substring(1, text.endsWith(String.valueOf(CTCP)) ? text.length() - 1 : text.length());
		if (body.startsWith("ACTION ")) {
			return "* " + nick + " " + body.substring("ACTION ".length());
		}
		return null;
	}

}
