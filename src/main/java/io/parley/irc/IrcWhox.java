package io.parley.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * WHOX (IRCv3 whox, ISUPPORT {@code WHOX}): {@code WHO <mask> %<fields>[,<token>]} asks for {@code 354} lines
 * of the fields named by their letters, always in the spec's order {@code tcuihsnfdlaor} whatever order they
 * were asked in: the query type token, channel, user, IP, host, server, nick, flags, hop count, idle seconds,
 * account and op level, then the real name last (it may hold spaces). Letters it does not know are read past.
 *
 * @param fields the letters asked for
 * @param token the query type ({@code t}): up to three digits, as the spec allows; "0" when none was given
 * @param accounts a nick's account name, {@code "0"} for none
 */
record IrcWhox(String fields, String token, UnaryOperator<String> accounts) {

	private static final String ORDER = "tcuihsnfdlaor";

	/** What one WHO line tells of a user. */
	record Row(String channel, String user, String host, String server, String nick, String flags, String realName) {
	}

	/** The WHOX request in a WHO's second parameter, or null when it is none (no {@code %}). */
	static IrcWhox parse(String parameter, UnaryOperator<String> accounts) {
		if (!parameter.startsWith("%")) {
			return null;
		}
		int comma = parameter.indexOf(',');
		String fields = parameter.substring(1, (comma < 0) ? parameter.length() : comma);
		String token = (comma < 0) ? "0" : parameter.substring(comma + 1);
		if (!token.matches("[0-9]{1,3}")) {
			token = "0";
		}
		return new IrcWhox(fields, token, accounts);
	}

	/** The {@code 354} line of {@code row} for {@code me}. */
	void add(IrcLine lines, String serverName, String me, Row row) {
		List<String> params = new ArrayList<>();
		params.add(me);
		for (char letter : ORDER.toCharArray()) {
			if (this.fields.indexOf(letter) < 0 || letter == 'r') {
				continue;
			}
			params.add(switch (letter) {
				case 't' -> this.token;
				case 'c' -> row.channel();
				case 'u' -> row.user();
				case 'i' -> "255.255.255.255"; // addresses are not shown, as for WHO's host
				case 'h' -> row.host();
				case 's' -> row.server();
				case 'n' -> row.nick();
				case 'f' -> row.flags();
				case 'd' -> "0";
				case 'l' -> "0";
				case 'a' -> this.accounts.apply(row.nick());
				case 'o' -> "n/a";
				default -> throw new IllegalStateException("not a WHOX field: " + letter);
			});
		}
		if (this.fields.indexOf('r') >= 0) {
			lines.add(null, serverName, "354", row.realName(), params.toArray(String[]::new));
		}
		else if (params.size() > 1) {
			String last = params.remove(params.size() - 1);
			lines.add(null, serverName, "354", last, params.toArray(String[]::new));
		}
		else {
			lines.addPlain(null, serverName, "354", me);
		}
	}

}
