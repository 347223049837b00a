package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.parley.account.UserNames;
import io.parley.chat.Listings;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.UserStatus;
import io.parley.protocol.TextCleaner;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/** Questions about users: WHO, WHOIS, WHOWAS, USERHOST, ISON; and AWAY, which they show. */
final class IrcQueries {

	/** Nicks one USERHOST answers for, as RFC 2812 says. */
	static final int MAX_USERHOST = 5;

	private final Listings listings;

	private final UserStatus users;

	private final IrcServer server;

	private final RoomModeration moderation;

	private final IrcAwayNotify awayNotify;

	private final IrcMetadata metadata;

	IrcQueries(Listings listings, UserStatus users, IrcServer server, RoomModeration moderation,
			IrcAwayNotify awayNotify, IrcMetadata metadata) {
		this.awayNotify = awayNotify;
		this.metadata = metadata;
		this.listings = listings;
		this.users = users;
		this.server = server;
		this.moderation = moderation;
	}

	/**
	 * The 315 that ends the reply echoes the mask as the client sent it, which is how clients match it up. A
	 * channel's members or everyone online come a page at a time as the client reads.
	 */
	void who(Session session, List<String> args) {
		IrcClient client = client(session);
		String mask = args.isEmpty() ? "*" : args.get(0);
		String echo = TextCleaner.clean(mask);
		// WHOX (WHO <mask> %<fields>[,<token>]): 354 lines of the fields asked for; anything else after the mask
		// (an "o" of RFC 2812) is read past
		// (a guest has no account: "0", as the WHOX spec says)
		IrcWhox whox = (args.size() > 1) ? IrcWhox.parse(args.get(1),
				name -> this.users.userInfo(name).filter(u -> !u.guest()).map(UserStatus.UserInfo::name).orElse("0"))
				: null;
		Predicate<String> away = name -> this.users.away(name).isPresent();
		ReplyPages.Listing<String> users;
		String channel = "*";
		// the roles of a page's members, as the page is made: each page asks the room once
		java.util.Map<String, String> prefixes = new java.util.concurrent.ConcurrentHashMap<>();
		boolean every = client.has("multi-prefix");
		if (isChannel(mask)) {
			users = (after, limit) -> {
				List<String> names = new ArrayList<>();
				for (RoomModeration.RoomMember member : this.moderation.membersAfter(mask, after, limit)) {
					names.add(member.name());
					prefixes.put(member.name(), IrcModes.prefix(member.role(), every));
				}
				return names;
			};
			channel = "#" + RoomNames.canonical(mask);
		}
		else if (mask.equals("*") || mask.equals("0") || NickMask.isMask(mask)) {
			// every user is invisible (+i): a mask finds the asker and those it shares a channel with (an operator
			// finds everyone); a plain nick finds its user wherever it is
			NickMask pattern = NickMask.of(mask.equals("0") ? "*" : mask);
			Predicate<String> visible = visibleTo(session, client);
			users = (after, limit) -> matching(name -> pattern.matches(name) && visible.test(name), after, limit);
		}
		else {
			List<String> one = this.users.userInfo(mask).map(u -> List.of(u.name())).orElse(List.of());
			send(session, client.who(echo, channel, one, away, name -> "", true, whox));
			return;
		}
		String shownChannel = channel;
		session.sendPages(ReplyPages.of(users, name -> name, Listings.PAGE_SIZE,
				(names, first, last) -> client.who(echo, shownChannel, names, away,
						name -> prefixes.getOrDefault(name, ""), last, whox).bytes()));
	}

	/**
	 * Up to {@code limit} users online after {@code after} whose nick matches {@code mask}: read a page of
	 * everyone at a time, so a mask that matches few costs a walk of the list, never a copy of it.
	 */
	private List<String> matching(Predicate<String> mask, String after, int limit) {
		List<String> found = new ArrayList<>();
		String from = after;
		while (found.size() < limit) {
			List<String> page = this.listings.onlineNamesAfter(from, Listings.PAGE_SIZE);
			for (String name : page) {
				if (mask.test(name) && found.size() < limit) {
					found.add(name);
				}
			}
			if (page.size() < Listings.PAGE_SIZE) {
				break;
			}
			from = page.get(page.size() - 1);
		}
		return found;
	}

	/** Whom a WHO with a mask shows {@code session}: itself and its channels' members, or everyone to an operator. */
	private Predicate<String> visibleTo(Session session, IrcClient client) {
		if (client.operator()) {
			return name -> true;
		}
		java.util.Set<String> mine = java.util.Set.copyOf(this.users.roomsOf(session.user()));
		String me = UserNames.key(session.user());
		return name -> UserNames.key(name).equals(me) || this.users.roomsOf(name).stream().anyMatch(mine::contains);
	}

	void whois(Session session, List<String> args) {
		IrcClient client = client(session);
		String nick = args.get(args.size() - 1);
		IrcLine lines = this.users.userInfo(nick).map(user -> {
			IrcDirectory.Identity identity = identity(user.name(), user.guest());
			IrcLine found = client.reply("311", identity.realName(), user.name(), identity.user(),
					this.server.host(), "*");
			if (!user.rooms().isEmpty()) {
				// each channel with the prefix of the user's role there (@#chan), as NAMES shows it
				found.addList(this.server.name(), "319", user.rooms()
					.stream()
					.map(r -> this.moderation.overview(r, user.name())
						.map(room -> IrcModes.prefix(room.asker(), client.has("multi-prefix")))
						.orElse("") + "#" + r)
					.toList(), client.me(), user.name());
			}
			found.add(null, this.server.name(), "312", this.server.network(), client.me(), user.name(),
					this.server.name());
			if (user.away() != null) {
				found.add(null, this.server.name(), "301", user.away(), client.me(), user.name());
			}
			if (this.server.directory().isBot(user.name())) {
				found.add(null, this.server.name(), "335", "is a bot", client.me(), user.name());
			}
			if (this.server.directory().isOperator(user.name())) {
				found.add(null, this.server.name(), "313", "is an IRC operator", client.me(), user.name());
			}
			if (!user.guest()) {
				found.add(null, this.server.name(), "330", "is logged in as", client.me(), user.name(), user.name());
			}
			this.metadata.whois(found, client.me(), user.name());
			return found;
		}).orElseGet(() -> client.reply("401", "No such nick/channel", nick));
		send(session, lines.add(null, this.server.name(), "318", "End of /WHOIS list", client.me(), nick));
	}

	/** What {@code name} told the server with USER, or for a line-protocol user its name and what it is. */
	private IrcDirectory.Identity identity(String name, boolean guest) {
		return this.server.directory()
			.identity(name)
			.orElseGet(() -> new IrcDirectory.Identity(name, guest ? "guest" : "Parley user"));
	}

	/**
	 * {@code 302}: {@code nick=+user@host} for each of up to five nicks online ({@code -} when away, {@code *}
	 * after the nick for an operator); nicks offline are left out.
	 */
	void userhost(Session session, List<String> args) {
		List<String> replies = new ArrayList<>();
		for (String nick : args.subList(0, Math.min(args.size(), MAX_USERHOST))) {
			this.users.userInfo(nick).ifPresent(user -> replies.add(user.name()
					+ (this.server.directory().isOperator(user.name()) ? "*" : "") + "="
					+ (user.away() != null ? "-" : "+") + identity(user.name(), user.guest()).user() + "@"
					+ this.server.host()));
		}
		send(session, client(session).reply("302", String.join(" ", replies)));
	}

	/**
	 * {@code 314} and {@code 312} for each time {@code nick} left lately (the most recent first, at most
	 * {@code count} when given and positive), {@code 406} when it never did, then {@code 369}.
	 */
	void whowas(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.isEmpty() || args.get(0).isEmpty()) {
			send(session, client.reply("431", "No nickname given"));
			return;
		}
		String nick = args.get(0);
		String echo = TextCleaner.excerpt(nick);
		int count = IrcDirectory.WHOWAS_SIZE;
		if (args.size() > 1) {
			try {
				int asked = Integer.parseInt(args.get(1));
				count = (asked > 0) ? asked : count;
			}
			catch (NumberFormatException ex) {
				// not a count: every entry, as for none
			}
		}
		List<IrcDirectory.Gone> gone = this.server.directory().whowas(nick, count);
		IrcLine lines = new IrcLine();
		if (gone.isEmpty()) {
			lines.add(null, this.server.name(), "406", "There was no such nickname", client.me(), echo);
		}
		for (IrcDirectory.Gone g : gone) {
			lines.add(null, this.server.name(), "314", g.identity().realName(), client.me(), g.nick(),
					g.identity().user(), this.server.host(), "*")
				.add(null, this.server.name(), "312", g.at().toString(), client.me(), g.nick(), this.server.name());
		}
		send(session, lines.add(null, this.server.name(), "369", "End of WHOWAS", client.me(), echo));
	}

	void away(Session session, List<String> args) {
		String message = args.isEmpty() ? null : args.get(0);
		this.users.setAway(session, message);
		boolean away = message != null && !message.isBlank();
		send(session, away ? client(session).reply("306", "You have been marked as being away")
				: client(session).reply("305", "You are no longer marked as being away"));
		this.awayNotify.changed(session.user(),
				away ? this.users.away(session.user()).map(UserStatus.Away::message).orElse(message) : null, null);
	}

	void ison(Session session, List<String> args) {
		List<String> online = new ArrayList<>();
		for (String param : args) {
			for (String nick : param.strip().split(" +")) {
				this.users.userInfo(nick).ifPresent(user -> online.add(user.name()));
			}
		}
		send(session, client(session).reply("303", String.join(" ", online)));
	}
}
