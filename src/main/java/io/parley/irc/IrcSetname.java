package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.parley.chat.Listings;
import io.parley.chat.UserStatus;
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

	private final Listings listings;

	private final UserStatus users;

	IrcSetname(IrcServer server, Listings listings, UserStatus users) {
		this.server = server;
		this.listings = listings;
		this.users = users;
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
		Set<Session> told = new HashSet<>(Set.of(session));
		for (String room : this.users.roomsOf(session.user())) {
			for (String member : this.listings.roomMembers(room).orElse(List.of())) {
				this.server.directory()
					.session(member)
					.filter(peer -> client(peer).has(CAPABILITY) && told.add(peer))
					.ifPresent(peer -> send(peer, line));
			}
		}
		this.server.directory()
			.monitorsOf(session.user())
			.stream()
			.filter(peer -> client(peer).has(CAPABILITY) && client(peer).has("extended-monitor") && told.add(peer))
			.forEach(peer -> send(peer, line));
	}

}
