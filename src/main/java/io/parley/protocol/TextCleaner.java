package io.parley.protocol;

/**
 * Cleans text that one user sends to others, so nobody can drive another user's terminal: C0 controls,
 * DEL and C1 controls are removed (a tab becomes a space), and so are the Unicode bidirectional
 * overrides that make a line display in another order than it reads ("Trojan Source").
 */
public final class TextCleaner {

	/** Longest piece of a client's input, in characters, that {@link #excerpt} keeps. */
	public static final int MAX_EXCERPT = 32;

	private TextCleaner() {
	}

	/**
	 * A client's input as an error may quote it back (an unknown command or name): cleaned, and cut to
	 * {@link #MAX_EXCERPT} characters followed by {@code ...}, so an error never repeats a whole over-long
	 * line. Cut between code points, never inside a surrogate pair.
	 */
	public static String excerpt(String text) {
		String clean = clean(text);
		if (clean.codePointCount(0, clean.length()) <= MAX_EXCERPT) {
			return clean;
		}
		return clean.substring(0, clean.offsetByCodePoints(0, MAX_EXCERPT)) + "...";
	}

	public static String clean(String text) {
		int first = firstUnwanted(text);
		if (first < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		out.append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\t') {
				out.append(' ');
			}
			else if (!unwanted(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static int firstUnwanted(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (unwanted(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	static boolean unwanted(char c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
