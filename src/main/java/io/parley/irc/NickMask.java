package io.parley.irc;

import java.util.Locale;

/**
 * A WHO mask such as {@code coolni*}: {@code *} stands for any run of characters, {@code ?} for one, and case
 * is ignored as CASEMAPPING=ascii says. Only the nick part of a {@code nick!user@host} mask is read: every
 * user's host is the server's name.
 */
record NickMask(String pattern) {

	static boolean isMask(String text) {
		return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('!') >= 0;
	}

	static NickMask of(String mask) {
		int bang = mask.indexOf('!');
		return new NickMask(((bang >= 0) ? mask.substring(0, bang) : mask).toLowerCase(Locale.ROOT));
	}

	/** Whether {@code nick} matches; linear in the two lengths (no backtracking a client could blow up). */
	boolean matches(String nick) {
		String text = nick.toLowerCase(Locale.ROOT);
		int p = 0;
		int t = 0;
		int star = -1;
		int mark = 0;
		while (t < text.length()) {
			if (p < this.pattern.length()
					&& (this.pattern.charAt(p) == '?' || this.pattern.charAt(p) == text.charAt(t))) {
				p++;
				t++;
			}
			else if (p < this.pattern.length() && this.pattern.charAt(p) == '*') {
				star = p++;
				mark = t;
			}
			else if (star >= 0) {
				p = star + 1;
				t = ++mark;
			}
			else {
				return false;
			}
		}
		while (p < this.pattern.length() && this.pattern.charAt(p) == '*') {
			p++;
		}
		return p == this.pattern.length();
	}

}
