package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.parley.chat.Listings;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.UserStatus;
import io.parley.protocol.TextCleaner;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/** Questions about users: WHO, WHOIS, ISON; and AWAY, which WHO and WHOIS show. */
final class IrcQueries {

	private final Listings listings;

	private final UserStatus users;

	private final IrcServer server;

	private final RoomModeration moderation;

	IrcQueries(Listings listings, UserStatus users, IrcServer server, RoomModeration moderation) {
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
		Predicate<String> away = name -> this.users.away(name).isPresent();
		ReplyPages.Listing<String> users;
		String channel = "*";
		// the roles of a page's members, as the page is made: each page asks the room once
		java.util.Map<String, String> prefixes = new java.util.concurrent.ConcurrentHashMap<>();
		if (isChannel(mask)) {
			users = (after, limit) -> {
				List<String> names = new ArrayList<>();
				for (RoomModeration.RoomMember member : this.moderation.membersAfter(mask, after, limit)) {
					names.add(member.name());
					prefixes.put(member.name(), IrcModes.prefix(member.role()));
				}
				return names;
			};
			channel = "#" + RoomNames.canonical(mask);
		}
		else if (mask.equals("*") || mask.equals("0")) {
			users = this.listings::onlineNamesAfter;
		}
		else {
			List<String> one = this.users.userInfo(mask).map(u -> List.of(u.name())).orElse(List.of());
			send(session, client.who(echo, channel, one, away, name -> "", true));
			return;
		}
		String shownChannel = channel;
		session.sendPages(ReplyPages.of(users, name -> name, Listings.PAGE_SIZE,
				(names, first, last) -> client.who(echo, shownChannel, names, away,
						name -> prefixes.getOrDefault(name, ""), last).bytes()));
	}

	void whois(Session session, List<String> args) {
		IrcClient client = client(session);
		String nick = args.get(args.size() - 1);
		IrcLine lines = this.users.userInfo(nick).map(user -> {
			IrcLine found = client.reply("311", user.guest() ? "guest" : "Parley user", user.name(), user.name(),
					this.server.host(), "*");
			if (!user.rooms().isEmpty()) {
				found.addList(this.server.name(), "319", user.rooms().stream().map(r -> "#" + r).toList(), client.me(),
						user.name());
			}
			found.add(null, this.server.name(), "312", this.server.network(), client.me(), user.name(),
					this.server.name());
			if (user.away() != null) {
				found.add(null, this.server.name(), "301", user.away(), client.me(), user.name());
			}
			if (!user.guest()) {
				found.add(null, this.server.name(), "330", "is logged in as", client.me(), user.name(), user.name());
			}
			return found;
		}).orElseGet(() -> client.reply("401", "No such nick/channel", nick));
		send(session, lines.add(null, this.server.name(), "318", "End of /WHOIS list", client.me(), nick));
	}

	void away(Session session, List<String> args) {
		String message = args.isEmpty() ? null : args.get(0);
		this.users.setAway(session, message);
		boolean away = message != null && !message.isBlank();
		send(session, away ? client(session).reply("306", "You have been marked as being away")
				: client(session).reply("305", "You are no longer marked as being away"));
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
