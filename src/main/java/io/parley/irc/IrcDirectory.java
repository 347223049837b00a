package io.parley.irc;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.account.UserNames;
import io.parley.session.Session;
import io.parley.session.SessionEnds;

/**
 * What IRC clients told the server about themselves at registration ({@code USER}'s user name and real
 * name), by nick, for WHO, WHOIS, USERHOST and users' masks; and who left recently, for WHOWAS. A user of the
 * line protocol has no entry: its user name is its name and its real name says it is a Parley user. An account
 * online in several IRC sessions shows what its latest one registered with, until that one ends.
 */
final class IrcDirectory implements SessionEnds {

	/** Nicks WHOWAS remembers, the most recent first; older ones are forgotten. */
	static final int WHOWAS_SIZE = 1000;

	private final Map<String, Entry> online = new ConcurrentHashMap<>();

	private final Deque<Gone> gone = new ArrayDeque<>();

	/** The sessions with user mode {@code +w}, which WALLOPS reach. */
	private final Set<Session> wallops = ConcurrentHashMap.newKeySet();

	/** Sessions that quit and are in WHOWAS already, until they end. */
	private final Set<Session> remembered = ConcurrentHashMap.newKeySet();

	/** The sessions that are IRC operators (OPER), by name key. */
	private final Map<String, Session> operators = new ConcurrentHashMap<>();

	/** The sessions that marked themselves bots (user mode {@code +B}), by name key. */
	private final Map<String, Session> bots = new ConcurrentHashMap<>();

	/** One IRC session's identity; the session makes an entry of a later registration under the same name distinct. */
	record Identity(String user, String realName) {
	}

	/** A user who left, as WHOWAS shows it. */
	record Gone(String nick, Identity identity, Instant at) {
	}

	private record Entry(Session session, Identity identity) {
	}

	/** Told of nicks coming and going (MONITOR); null until the IRC gateway is set up. */
	private volatile IrcMonitor monitor;

	void monitor(IrcMonitor monitor) {
		this.monitor = monitor;
	}

	/** The sessions that MONITOR {@code nick}. */
	java.util.Collection<Session> monitorsOf(String nick) {
		return (this.monitor != null) ? this.monitor.watchers(nick) : List.of();
	}

	void registered(Session session, String nick, Identity identity) {
		this.online.put(UserNames.key(nick), new Entry(session, identity));
		if (this.monitor != null) {
			this.monitor.online(nick);
		}
	}

	/** {@code session} changed its real name (SETNAME): WHO and WHOIS show the new one while it is the nick's latest. */
	void realName(Session session, String realName) {
		this.online.computeIfPresent(UserNames.key(session.user()), (key, entry) -> (entry.session() != session) ? entry
				: new Entry(session, new Identity(entry.identity().user(), realName)));
	}

	/** The identity of {@code nick}, online over IRC; empty for a line-protocol user or nobody. */
	Optional<Identity> identity(String nick) {
		Entry entry = this.online.get(UserNames.key(nick));
		return (entry != null) ? Optional.of(entry.identity()) : Optional.empty();
	}

	/** The IRC session {@code nick} registered last, while it lasts; empty for a line-protocol user or nobody. */
	Optional<Session> session(String nick) {
		Entry entry = this.online.get(UserNames.key(nick));
		return (entry != null) ? Optional.of(entry.session()) : Optional.empty();
	}

	/** The user name in {@code nick}'s mask: USER's for an IRC client, else the nick. */
	String userOf(String nick) {
		Entry entry = this.online.get(UserNames.key(nick));
		return (entry != null) ? entry.identity().user() : nick;
	}

	/** {@code session} became an IRC operator (OPER), until it ends. */
	void operator(Session session) {
		this.operators.put(UserNames.key(session.user()), session);
	}

	void notOperator(Session session) {
		this.operators.remove(UserNames.key(session.user()), session);
	}

	void wallops(Session session, boolean on) {
		if (on) {
			this.wallops.add(session);
		}
		else {
			this.wallops.remove(session);
		}
	}

	Set<Session> wallopsReaders() {
		return this.wallops;
	}

	/** {@code session} marked itself a bot ({@code MODE nick +B}), until it ends or sets {@code -B}. */
	void bot(Session session, boolean on) {
		if (on) {
			this.bots.put(UserNames.key(session.user()), session);
		}
		else {
			this.bots.remove(UserNames.key(session.user()), session);
		}
	}

	/** Whether {@code nick} is a bot: its messages carry the {@code bot} tag, WHO and WHOIS say so. */
	boolean isBot(String nick) {
		return !this.bots.isEmpty() && this.bots.containsKey(UserNames.key(nick));
	}

	boolean isOperator(String nick) {
		return this.operators.containsKey(UserNames.key(nick));
	}

	/** IRC operators online, each counted once. */
	int operatorCount() {
		return this.operators.size();
	}

	/** A nick changed: its identity moves with it. */
	void renamed(Session session, String from, String to) {
		Entry entry = this.online.get(UserNames.key(from));
		if (entry != null && entry.session() == session) {
			this.online.remove(UserNames.key(from), entry);
			this.online.put(UserNames.key(to), entry);
			remember(from, entry.identity());
		}
		// a change of case only is no change to those who monitor the nick
		if (this.monitor != null && !UserNames.key(from).equals(UserNames.key(to))) {
			this.monitor.offline(from);
			this.monitor.online(to);
		}
	}

	/** The latest {@code max} who left under {@code nick}, the most recent first. */
	List<Gone> whowas(String nick, int max) {
		String key = UserNames.key(nick);
		List<Gone> found = new ArrayList<>();
		synchronized (this.gone) {
			for (Gone g : this.gone) {
				if (found.size() >= max) {
					break;
				}
				if (UserNames.key(g.nick()).equals(key)) {
					found.add(g);
				}
			}
		}
		return found;
	}

	/**
	 * The session sent QUIT: WHOWAS knows of it before the client can read its ERROR and ask, while its mask
	 * stays whole for the QUIT line the others get.
	 */
	void quitting(Session session) {
		if (!session.isLoggedIn()) {
			return;
		}
		Entry entry = this.online.get(UserNames.key(session.user()));
		if (entry != null && entry.session() == session && this.remembered.add(session)) {
			remember(session.user(), entry.identity());
			// those who monitor the nick learn it now, not when the connection closes (up to the close grace later)
			if (this.monitor != null) {
				this.monitor.offline(session.user());
			}
		}
	}

	@Override
	public void sessionEnded(Session session) {
		this.wallops.remove(session);
		if (this.monitor != null) {
			this.monitor.ended(session);
		}
		if (!session.isLoggedIn()) {
			return;
		}
		String key = UserNames.key(session.user());
		this.operators.remove(key, session);
		this.bots.remove(key, session);
		Entry entry = this.online.get(key);
		if (entry != null && entry.session() == session) {
			this.online.remove(key, entry);
			if (!this.remembered.remove(session)) {
				remember(session.user(), entry.identity());
				if (this.monitor != null) {
					this.monitor.offline(session.user());
				}
			}
		}
		this.remembered.remove(session);
	}

	private void remember(String nick, Identity identity) {
		synchronized (this.gone) {
			this.gone.addFirst(new Gone(nick, identity, Instant.now()));
			if (this.gone.size() > WHOWAS_SIZE) {
				this.gone.removeLast();
			}
		}
	}

}
