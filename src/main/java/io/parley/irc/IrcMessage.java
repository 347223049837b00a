package io.parley.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One IRC line from a client: {@code [@tags] [:source] COMMAND params... [:trailing]}. Of the tags only
 * {@code label} is kept (labeled-response); the rest and the source are read past and dropped: a client has no
 * say in what others see of it.
 *
 * @param command upper case
 * @param params the middle parameters, then the trailing one if any
 * @param label the {@code label} tag as sent (its escaped form, which the reply repeats), or null
 */
record IrcMessage(String command, List<String> params, String label) {

	/** The longest label repeated: labels are short ids (the spec suggests at most 64 bytes). */
	static final int MAX_LABEL = 64;

	IrcMessage(String command, List<String> params) {
		this(command, params, null);
	}

	/** Parses a line; null when it holds no command (blank, or tags and source only). */
	static IrcMessage parse(String line) {
		int i = 0;
		String label = null;
		if (line.startsWith("@")) {
			i = skipWord(line, 0);
			label = label(line.substring(1, i));
		}
		i = skipSpaces(line, i);
		if (i < line.length() && line.charAt(i) == ':') {
			i = skipSpaces(line, skipWord(line, i));
		}
		int end = wordEnd(line, i);
		if (end == i) {
			return null;
		}
		String command = line.substring(i, end).toUpperCase(Locale.ROOT);
		List<String> params = new ArrayList<>();
		i = skipSpaces(line, end);
		while (i < line.length()) {
			if (line.charAt(i) == ':') {
				params.add(line.substring(i + 1));
				break;
			}
			end = wordEnd(line, i);
			params.add(line.substring(i, end));
			i = skipSpaces(line, end);
		}
		return new IrcMessage(command, params, label);
	}

	/** The {@code label} tag among {@code tags}; null when absent, empty, too long or holding a space. */
	private static String label(String tags) {
		for (String tag : tags.split(";")) {
			if (tag.startsWith("label=")) {
				String value = tag.substring("label=".length());
				boolean plain = !value.isEmpty() && value.length() <= MAX_LABEL
						&& value.chars().allMatch(c -> c > ' ' && c < 0x7f);
				return plain ? value : null;
			}
		}
		return null;
	}

	private static int skipWord(String s, int from) {
		return wordEnd(s, from);
	}

	private static int wordEnd(String s, int from) {
		int i = from;
		while (i < s.length() && s.charAt(i) != ' ') {
			i++;
		}
		return i;
	}

	private static int skipSpaces(String s, int from) {
		int i = from;
		while (i < s.length() && s.charAt(i) == ' ') {
			i++;
		}
		return i;
	}

}
