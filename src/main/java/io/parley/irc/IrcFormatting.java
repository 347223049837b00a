package io.parley.irc;

import java.util.function.IntPredicate;

/**
 * mIRC formatting codes in the text IRC clients send: bold {@code \x02}, colour {@code \x03[fg[,bg]]}, hex colour
 * {@code \x04[RRGGBB[,RRGGBB]]}, reset {@code \x0F}, reverse {@code \x16}, italics {@code \x1D}, underline
 * {@code \x1F}, strike-through {@code \x1E} and monospace {@code \x11}. Line users' terminals cannot show them, and
 * the control-character cleaning every message gets would drop a colour code's control character but keep its
 * digits ({@code \x0304,12red} would read {@code 04,12red}), so the gateway removes them whole first.
 */
final class IrcFormatting {

	private IrcFormatting() {
	}

	static String strip(String text) {
		if (text.chars().noneMatch(IrcFormatting::isCode)) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i++);
			if (c == '\u0003') {
				i = skipColours(text, i, 2, IrcFormatting::isDigit);
			}
			else if (c == '\u0004') {
				i = skipColours(text, i, 6, IrcFormatting::isHexDigit);
			}
			else if (!isCode(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Past {@code fg[,bg]} after a colour code; the comma is the text's own unless a background follows it. */
	private static int skipColours(String text, int from, int maxDigits, IntPredicate digit) {
		int i = skipDigits(text, from, maxDigits, digit);
		if (i > from && i + 1 < text.length() && text.charAt(i) == ',' && digit.test(text.charAt(i + 1))) {
			i = skipDigits(text, i + 1, maxDigits, digit);
		}
		return i;
	}

	private static int skipDigits(String text, int from, int maxDigits, IntPredicate digit) {
		int i = from;
		while (i < text.length() && i - from < maxDigits && digit.test(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isCode(int c) {
		return c == 0x02 || c == 0x03 || c == 0x04 || c == 0x0F || c == 0x11 || c == 0x16 || c == 0x1D || c == 0x1E
				|| c == 0x1F;
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isHexDigit(int c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
