package io.parley.system;

/**
 * Text a client chose (a name typed at login, a kick reason, a URL), made safe to write into a log line:
 * whatever could end the line, forge another one or drive the terminal of whoever reads the log is written as
 * an escape instead, and a long text is cut. Every log statement that carries client text passes it through
 * {@link #escape}; the log then always shows what was sent, never what it would do.
 */
public final class LogText {

	/** Longest client text a log line keeps, in characters, before {@code ...}. */
	static final int MAX_CHARS = 200;

	private LogText() {
	}

	/**
	 * {@code text} with a backslash doubled, control characters (C0, DEL, C1), line and paragraph separators,
	 * the bidirectional controls and unpaired surrogates written as {@code \xNN} or {@code \}{@code uNNNN}, and
	 * cut after {@link #MAX_CHARS} characters; {@code null} stays {@code null}.
	 */
	public static String escape(String text) {
		if (text == null) {
			return null;
		}
		int end = Math.min(text.length(), MAX_CHARS);
		if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--; // not half a pair
		}
		StringBuilder out = new StringBuilder(end + 16);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				out.append("\\\\");
			}
			else if (c < 0x20 || c == 0x7F) {
				out.append(String.format("\\x%02x", (int) c));
			}
			else if (unsafe(c, text, i)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		if (end < text.length()) {
			out.append("...");
		}
		return out.toString();
	}

	private static boolean unsafe(char c, String text, int i) {
		if (c >= 0x80 && c <= 0x9F) {
			return true;
		}
		if (c == '\u2028' || c == '\u2029' || c == '\u061C' || c == '\u200E' || c == '\u200F'
				|| (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
			return true;
		}
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
		}
		return false;
	}

}
