package io.parley.irc;

import java.util.ArrayList;
import java.util.List;

import io.parley.account.UserNames;
import io.parley.chat.RoomNames;

/**
 * The ISUPPORT tokens ({@code 005}) in one place, so a feature that changes what the server supports (room
 * roles bring channel modes and member prefixes) changes one list. Sent at registration and on request
 * ({@code VERSION}), at most {@value #PER_LINE} tokens a line: a line has at most 15 parameters.
 */
final class IrcIsupport {

	static final int PER_LINE = 12;

	/**
	 * The member prefixes, {@code (modes)prefixes}, highest first: channel operator and voice, the pair every
	 * client knows. {@code PREFIX=()} is valid but Kitteh and others read it as malformed.
	 */
	static final String PREFIX = "(ov)@+";

	private final IrcServer server;

	private final IrcTargets targets;

	IrcIsupport(IrcServer server, IrcTargets targets) {
		this.server = server;
		this.targets = targets;
	}

	List<String> tokens() {
		List<String> tokens = new ArrayList<>(List.of("AWAYLEN=" + IrcLine.MAX_AWAY, "CASEMAPPING=ascii",
				"CHANMODES=b,,,nt", "CHANNELLEN=" + (RoomNames.MAX_LENGTH + 1), "CHANTYPES=#",
				"NETWORK=" + this.server.network(), "NICKLEN=" + UserNames.MAX_LENGTH, "PREFIX=" + PREFIX,
				"USERLEN=" + IrcRegistration.MAX_USER, "UTF8ONLY", "SAFELIST", "TOPICLEN=0"));
		tokens.addAll(this.targets.isupport());
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
