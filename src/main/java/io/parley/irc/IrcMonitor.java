package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.account.UserNames;
import io.parley.chat.UserStatus;
import io.parley.session.Session;

/**
 * IRCv3 {@code MONITOR}: a client names nicks ({@code MONITOR + a,b}) and is told when each comes online
 * ({@code 730} with its mask) or goes offline ({@code 731}), and at once where each stands. {@code -} stops,
 * {@code C} clears, {@code L} lists ({@code 732}, {@code 733}), {@code S} tells again. At most
 * {@value #MAX_TARGETS} nicks per session (ISUPPORT {@code MONITOR}); past them {@code 734}. Masks are not nicks:
 * they are answered 731 and never match.
 * <p>
 * What it sees: IRC registrations, nick changes and the end of an IRC session that was its nick's latest (the
 * directory's hooks); a line-protocol user shows online or offline when a client asks (+ and S), not when it
 * logs in or out.
 */
final class IrcMonitor {

	static final int MAX_TARGETS = 100;

	private final IrcServer server;

	private final UserStatus users;

	/** Nick key to the sessions monitoring it. */
	private final Map<String, Set<Session>> watchers = new ConcurrentHashMap<>();

	IrcMonitor(IrcServer server, UserStatus users) {
		this.server = server;
		this.users = users;
	}

	void monitor(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.isEmpty()) {
			send(session, client.reply("461", "Not enough parameters", "MONITOR"));
			return;
		}
		String sub = args.get(0);
		List<String> nicks = (args.size() > 1) ? List.of(args.get(1).split(",")) : List.of();
		switch (sub) {
			case "+" -> add(session, client, nicks);
			case "-" -> nicks.forEach(nick -> remove(session, client, nick));
			case "C", "c" -> List.copyOf(client.monitored().values()).forEach(nick -> remove(session, client, nick));
			case "L", "l" -> {
				IrcLine lines = new IrcLine();
				List<String> all = List.copyOf(client.monitored().values());
				// comma-separated, as the spec has it; ten nicks of at most 32 characters fit a line
				for (int from = 0; from < all.size(); from += 10) {
					lines.add(null, this.server.name(), "732", String.join(",", all.subList(from,
							Math.min(all.size(), from + 10))), client.me());
				}
				send(session, lines.add(null, this.server.name(), "733", "End of MONITOR list", client.me()));
			}
			case "S", "s" -> status(session, client, List.copyOf(client.monitored().values()));
			default -> send(session, client.reply("421", "Unknown MONITOR subcommand", "MONITOR"));
		}
	}

	private void add(Session session, IrcClient client, List<String> nicks) {
		List<String> added = new ArrayList<>();
		for (String nick : nicks) {
			if (nick.isEmpty()) {
				continue;
			}
			String key = UserNames.key(nick);
			if (!client.monitored().containsKey(key) && client.monitored().size() >= MAX_TARGETS) {
				send(session, client.reply("734", "Monitor list is full.", String.valueOf(MAX_TARGETS),
						String.join(",", nicks.subList(nicks.indexOf(nick), nicks.size()))));
				break;
			}
			client.monitored().put(key, nick);
			this.watchers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
			added.add(nick);
		}
		status(session, client, added);
	}

	private void remove(Session session, IrcClient client, String nick) {
		String key = UserNames.key(nick);
		client.monitored().remove(key);
		this.watchers.computeIfPresent(key, (k, sessions) -> {
			sessions.remove(session);
			return sessions.isEmpty() ? null : sessions;
		});
	}

	/** 730 for each of {@code nicks} online (with its mask), 731 for each offline, one line each. */
	private void status(Session session, IrcClient client, List<String> nicks) {
		IrcLine lines = new IrcLine();
		for (String nick : nicks) {
			UserStatus.UserInfo user = UserNames.isValid(nick) ? this.users.userInfo(nick).orElse(null) : null;
			if (user != null) {
				lines.add(null, this.server.name(), "730", this.server.events(false).mask(user.name()), client.me());
			}
			else {
				lines.add(null, this.server.name(), "731", nick, client.me());
			}
		}
		send(session, lines);
	}

	/** {@code nick} came online (an IRC registration or a nick change): its watchers get 730. */
	void online(String nick) {
		tell(nick, "730", this.server.events(false).mask(nick));
	}

	/** {@code nick} went offline (or changed to another nick): its watchers get 731. */
	void offline(String nick) {
		tell(nick, "731", nick);
	}

	private void tell(String nick, String numeric, String what) {
		Set<Session> sessions = this.watchers.get(UserNames.key(nick));
		if (sessions == null) {
			return;
		}
		for (Session watcher : sessions) {
			send(watcher, new IrcLine().add(null, this.server.name(), numeric, what, client(watcher).me()));
		}
	}

	/** The sessions that monitor {@code nick}. */
	Set<Session> watchers(String nick) {
		return this.watchers.getOrDefault(UserNames.key(nick), Set.of());
	}

	/** A session ended: it monitors nothing any more. */
	void ended(Session session) {
		if (IrcCommands.PROTOCOL.equals(session.protocol())) {
			IrcClient client = client(session);
			List.copyOf(client.monitored().values()).forEach(nick -> remove(session, client, nick));
		}
	}

}
