package io.parley.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * How many arguments a command takes: {@code required} of them, then up to {@code optional} more. With
 * {@code textTail} the last argument is the rest of the line, spaces and all (the text of a message).
 */
public record Arity(int required, int optional, boolean textTail) {

	public static final Arity NONE = new Arity(0, 0, false);

	public static Arity exactly(int n) {
		return new Arity(n, 0, false);
	}

	public static Arity upTo(int n) {
		return new Arity(0, n, false);
	}

	/** {@code words} leading words, then the text of the line. */
	public static Arity wordsThenText(int words) {
		return new Arity(words + 1, 0, true);
	}

	public static Arity optionalText() {
		return new Arity(0, 1, true);
	}

	public int max() {
		return this.required + this.optional;
	}

	public boolean accepts(int count) {
		return count >= this.required && count <= max();
	}

	/**
	 * Splits the argument text of a line-protocol command, or returns null when the count does not fit.
	 * Words are separated by runs of spaces; a text tail keeps its inner spacing.
	 */
	public List<String> split(String argText) {
		List<String> args = new ArrayList<>(max());
		int i = skipSpaces(argText, 0);
		while (i < argText.length()) {
			if (this.textTail && args.size() == max() - 1) {
				args.add(argText.substring(i).stripTrailing());
				break;
			}
			int end = argText.indexOf(' ', i);
			if (end < 0) {
				end = argText.length();
			}
			args.add(argText.substring(i, end));
			i = skipSpaces(argText, end);
		}
		return accepts(args.size()) ? args : null;
	}

	private static int skipSpaces(String s, int from) {
		int i = from;
		while (i < s.length() && s.charAt(i) == ' ') {
			i++;
		}
		return i;
	}

}
