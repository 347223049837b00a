package io.parley.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One IRC line from a client: {@code [@tags] [:source] COMMAND params... [:trailing]}. Tags and source are
 * read past and dropped: a client has no say in either.
 *
 * @param command upper case
 * @param params the middle parameters, then the trailing one if any
 */
record IrcMessage(String command, List<String> params) {

	/** Parses a line; null when it holds no command (blank, or tags and source only). */
	static IrcMessage parse(String line) {
		int i = 0;
		if (line.startsWith("@")) {
			i = skipWord(line, 0);
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
		return new IrcMessage(command, params);
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
