package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.parley.account.UserNames;
import io.parley.chat.Listings;
import io.parley.chat.UserStatus;
import io.parley.session.Session;

/** IRCv3 {@code away-notify}: channel peers (and extended-monitor watchers) learn when a user goes away or comes back. */
final class IrcAwayNotify {

	static final String CAPABILITY = "away-notify";

	private final UserStatus users;

	private final Listings listings;

	private final IrcServer server;

	IrcAwayNotify(UserStatus users, Listings listings, IrcServer server) {
		this.users = users;
		this.listings = listings;
		this.server = server;
	}

	/**
	 * away-notify: {@code :nick!user@host AWAY [:message]} to the clients that asked for it and share a channel with
	 * {@code nick} ({@code only}: that channel alone, when it has just joined one), and to those that MONITOR it
	 * with extended-monitor. Each reaches the IRC session its user registered last.
	 */
	void changed(String nick, String message, String only) {
		IrcLine line = (message != null) ? new IrcLine().add(null, this.server.events(false).mask(nick), "AWAY", message)
				: new IrcLine().addPlain(null, this.server.events(false).mask(nick), "AWAY");
		tellPeers(nick, only, line, CAPABILITY);
	}

	/**
	 * {@code line} to the IRC clients that asked for {@code capability} and share a channel with {@code nick}
	 * ({@code only}: that channel alone), and, when {@code only} is null, to those that MONITOR it with
	 * extended-monitor; never to {@code nick} itself. Each reaches the IRC session its user registered last. What a
	 * user changes about itself travels so: AWAY here, SETNAME ({@link IrcSetname}).
	 */
	void tellPeers(String nick, String only, IrcLine line, String capability) {
		Set<Session> told = new HashSet<>();
		for (String room : (only != null) ? List.of(only) : this.users.roomsOf(nick)) {
			for (String member : this.listings.roomMembers(room).orElse(List.of())) {
				if (!UserNames.key(member).equals(UserNames.key(nick))) {
					this.server.directory().session(member)
						.filter(peer -> client(peer).has(capability) && told.add(peer))
						.ifPresent(peer -> send(peer, line));
				}
			}
		}
		if (only == null) {
			this.server.directory().monitorsOf(nick)
				.stream()
				.filter(peer -> client(peer).has(capability) && client(peer).has("extended-monitor") && told.add(peer))
				.forEach(peer -> send(peer, line));
		}
	}

	/** {@code nick} joined {@code room}: if it is away, the members that asked for away-notify are told so. */
	void joined(String nick, String room) {
		this.users.away(nick).ifPresent(away -> changed(nick, away.message(), room));
	}

}
