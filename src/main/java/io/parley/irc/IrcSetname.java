package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.util.List;

import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRCv3 {@code setname}: {@code SETNAME :<real name>} changes the real name WHO and WHOIS show, confirmed to the
 * client with {@code :nick!user@host SETNAME :<real name>} and told the same way to the clients that asked for
 * {@code setname} and share a channel with it, or MONITOR it with {@code extended-monitor}. A real name is what
 * USER allows: not empty, at most {@value IrcRegistration#MAX_REAL_NAME} characters (else {@code FAIL SETNAME
 * INVALID_REALNAME}), control characters out.
 */
final class IrcSetname {

	static final String CAPABILITY = "setname";

	private final IrcServer server;

	private final IrcAwayNotify peers;

	IrcSetname(IrcServer server, IrcAwayNotify peers) {
		this.server = server;
		this.peers = peers;
	}

	void setname(Session session, List<String> args) {
		IrcClient client = client(session);
		String realName = args.isEmpty() ? "" : TextCleaner.clean(args.get(0)).strip();
		if (realName.isEmpty() || realName.codePointCount(0, realName.length()) > IrcRegistration.MAX_REAL_NAME) {
			send(session, new IrcLine().add(null, this.server.name(), "FAIL",
					"Real names are 1 to " + IrcRegistration.MAX_REAL_NAME + " characters", "SETNAME",
					"INVALID_REALNAME"));
			return;
		}
		client.realName(realName);
		this.server.directory().realName(session, realName);
		IrcLine line = new IrcLine().add(null, client.mask(), "SETNAME", realName);
		send(session, line);
		this.peers.tellPeers(session.user(), null, line, CAPABILITY);
	}

}
