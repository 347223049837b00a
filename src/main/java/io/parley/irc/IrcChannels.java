package io.parley.irc;

import static io.parley.irc.IrcCommands.charged;
import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;
import static io.parley.irc.IrcCommands.tooManyTargets;

import java.util.List;

import io.parley.chat.Listings;
import io.parley.chat.RoomNames;
import io.parley.chat.Rooms;
import io.parley.chat.UserStatus;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/** JOIN, PART, NAMES, and TOPIC and MODE, which are queries only on Parley. */
final class IrcChannels {

	private final Rooms rooms;

	private final Listings listings;

	private final UserStatus users;

	private final IrcServer server;

	private final IrcTargets targets;

	IrcChannels(Rooms rooms, Listings listings, UserStatus users, IrcServer server, IrcTargets targets) {
		this.rooms = rooms;
		this.listings = listings;
		this.users = users;
		this.server = server;
		this.targets = targets;
	}

	void join(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("461", "Not enough parameters", "JOIN"));
			return;
		}
		if (args.get(0).equals("0")) {
			for (String room : this.users.roomsOf(session.user())) {
				this.rooms.leave(session, room);
			}
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		for (String channel : channels.handled()) {
			if (!isChannel(channel)) {
				send(session, client(session).reply("403", "No such channel", channel));
			}
			else if (this.rooms.join(session, channel)) {
				names(session, channel);
			}
		}
		tooManyTargets(session, channels);
	}

	void part(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("461", "Not enough parameters", "PART"));
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		for (String channel : channels.handled()) {
			if (isChannel(channel)) {
				this.rooms.leave(session, channel);
			}
			else {
				send(session, client(session).reply("403", "No such channel", channel));
			}
		}
		tooManyTargets(session, channels);
	}

	void names(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("366", "End of /NAMES list", "*"));
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		for (String channel : channels.handled()) {
			names(session, channel);
		}
		tooManyTargets(session, channels);
	}

	/** {@code 353} lines of as many names as fit, a page of members at a time as the client reads, then 366. */
	private void names(Session session, String channel) {
		IrcClient client = client(session);
		String name = isChannel(channel) ? "#" + RoomNames.canonical(channel) : channel;
		boolean masks = client.capabilities().contains("userhost-in-names");
		session.sendPages(ReplyPages.of((after, limit) -> this.listings.roomMembersAfter(channel, after, limit),
				member -> member, Listings.PAGE_SIZE, (members, first, last) -> {
					IrcLine lines = new IrcLine();
					if (!members.isEmpty()) {
						// userhost-in-names: nick!user@host for each member
						List<String> shown = masks ? members.stream().map(this.server.events(false)::mask).toList()
								: members;
						lines.addList(this.server.name(), "353", shown, client.me(), "=", name);
					}
					return (last ? lines.add(null, this.server.name(), "366", "End of /NAMES list", client.me(), name)
							: lines).bytes();
				}));
	}

	void topic(Session session, List<String> args) {
		IrcClient client = client(session);
		String channel = args.get(0);
		if (!isChannel(channel) || this.listings.roomMembers(channel).isEmpty()) {
			send(session, client.reply("403", "No such channel", channel));
		}
		else if (args.size() > 1) {
			send(session, client.reply("482", "Topics are read-only on Parley", channel));
		}
		else {
			send(session, client.reply("331", "No topic is set", "#" + RoomNames.canonical(channel)));
		}
	}

	void mode(Session session, List<String> args) {
		IrcClient client = client(session);
		String target = args.get(0);
		if (isChannel(target)) {
			if (this.listings.roomMembers(target).isEmpty()) {
				send(session, client.reply("403", "No such channel", target));
			}
			else if (args.size() == 1) {
				send(session, new IrcLine().addPlain(null, this.server.name(), "324", client.me(),
						"#" + RoomNames.canonical(target), "+nt"));
			}
			else if (args.get(1).equals("b") || args.get(1).equals("+b")) {
				send(session, client.reply("368", "End of channel ban list", "#" + RoomNames.canonical(target)));
			}
			else {
				send(session, client.reply("482", "Channel modes are fixed on Parley", target));
			}
		}
		else if (target.equalsIgnoreCase(client.nick())) {
			send(session, new IrcLine().addPlain(null, this.server.name(), "221", client.me(), "+i"));
		}
		else {
			send(session, client.reply("502", "Can't change mode for other users"));
		}
	}
}
