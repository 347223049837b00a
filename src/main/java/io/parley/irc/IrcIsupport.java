package io.parley.irc;

import java.util.ArrayList;
import java.util.List;

import io.parley.account.UserNames;
import io.parley.chat.RoomNames;
import io.parley.files.FileSharing;

/**
 * The ISUPPORT tokens ({@code 005}) in one place, so a feature that changes what the server supports (room
 * roles bring channel modes and member prefixes, history {@code CHATHISTORY}, files {@code FILEHOST}) changes
 * one list. Sent at registration and on request ({@code VERSION}), at most {@value #PER_LINE} tokens a line: a
 * line has at most 15 parameters.
 */
final class IrcIsupport {

	static final int PER_LINE = 12;

	private final IrcServer server;

	private final IrcTargets targets;

	private final FileSharing files;

	IrcIsupport(IrcServer server, IrcTargets targets, FileSharing files) {
		this.server = server;
		this.targets = targets;
		this.files = files;
	}

	List<String> tokens() {
		// the member prefixes and channel modes are room roles' (IrcModes); PREFIX=() is valid but Kitteh and
		// others read it as malformed
		List<String> tokens = new ArrayList<>(List.of("AWAYLEN=" + IrcLine.MAX_AWAY, "CASEMAPPING=ascii",
				IrcModes.CHANMODES, "CHANNELLEN=" + (RoomNames.MAX_LENGTH + 1), "CHANTYPES=#",
				"NETWORK=" + this.server.network(), "NICKLEN=" + UserNames.MAX_LENGTH, IrcModes.PREFIX,
				"USERLEN=" + IrcRegistration.MAX_USER, "UTF8ONLY", "SAFELIST", "INVEX"));
		// the bounds as configured: targets, modes per command, topic length, list sizes
		tokens.addAll(this.targets.isupport());
		// MONITOR's list per session (IrcMonitor)
		tokens.add("MONITOR=" + IrcMonitor.MAX_TARGETS);
		// user mode +B marks a bot (IrcOperators)
		tokens.add("BOT=B");
		// WHO <mask> %<fields>[,<token>] (IrcWhox)
		tokens.add("WHOX");
		// no CLIENTTAGDENY: every client-only tag is relayed, on TAGMSG, PRIVMSG and NOTICE (IrcTagMessages)
		// PRIVMSG @#chan: to a channel's operators (IrcStatusMessages)
		tokens.add(IrcStatusMessages.ISUPPORT);
		if (this.server.history()) {
			tokens.add("CHATHISTORY=" + this.server.historyPage());
			tokens.add("MSGREFTYPES=msgid,timestamp");
		}
		// where clients such as gamja and senpai upload files (soju.im/FILEHOST); '=' would need escaping, a URL of
		// ours has none
		tokens.add("soju.im/FILEHOST=" + this.files.uploadUrl());
		return tokens;
	}

	/** {@code 005} lines for {@code me}. */
	IrcLine lines(String me) {
		IrcLine lines = new IrcLine();
		List<String> tokens = tokens();
		for (int from = 0; from < tokens.size(); from += PER_LINE) {
			List<String> params = new ArrayList<>(List.of(me));
			params.addAll(tokens.subList(from, Math.min(tokens.size(), from + PER_LINE)));
			lines.add(null, this.server.name(), "005", "are supported by this server", params.toArray(String[]::new));
		}
		return lines;
	}

}
