package io.parley.irc;

import static io.parley.irc.IrcCommands.charged;
import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;
import static io.parley.irc.IrcCommands.tooManyTargets;

import java.util.List;
import java.util.Optional;

import io.parley.chat.JoinReplay;
import io.parley.chat.Listings;
import io.parley.chat.MessageId;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.RoomRole;
import io.parley.chat.Rooms;
import io.parley.chat.StoredRoom;
import io.parley.chat.UserStatus;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/**
 * JOIN, PART, NAMES and TOPIC; channel modes, KICK and INVITE are {@link IrcChannelModes}. Who may do what is
 * the chat core's to decide ({@link RoomModeration}); here are only IRC's words for it.
 */
final class IrcChannels {

	private final Rooms rooms;

	private final Listings listings;

	private final UserStatus users;

	private final IrcServer server;

	private final IrcTargets targets;

	private final RoomModeration moderation;

	/** The history's replay of a channel's last lines; null when history is off. */
	private final JoinReplay replay;

	private final IrcReadMarkers readMarkers;

	private final IrcAwayNotify awayNotify;

	private final IrcMetadata metadata;

	IrcChannels(Rooms rooms, Listings listings, UserStatus users, IrcServer server, IrcTargets targets,
			RoomModeration moderation, JoinReplay replay, IrcReadMarkers readMarkers, IrcAwayNotify awayNotify,
			IrcMetadata metadata) {
		this.metadata = metadata;
		this.awayNotify = awayNotify;
		this.replay = replay;
		this.readMarkers = readMarkers;
		this.rooms = rooms;
		this.listings = listings;
		this.users = users;
		this.server = server;
		this.targets = targets;
		this.moderation = moderation;
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
		String[] keys = (args.size() > 1) ? args.get(1).split(",", -1) : new String[0];
		int i = 0;
		for (String channel : channels.handled()) {
			String key = (i < keys.length && !keys[i].isEmpty()) ? keys[i] : null;
			i++;
			if (!isChannel(channel)) {
				send(session, client(session).reply("403", "No such channel", channel));
			}
			else {
				Rooms.Entry entry = this.rooms.enter(session, channel, key);
				if (entry.member()) {
					topic(session, channel, false);
					this.readMarkers.joined(session, "#" + RoomNames.canonical(channel));
					names(session, channel, true, null);
					if (entry.joinedAt() != null) {
						replayAfterJoin(session, RoomNames.canonical(channel), entry.joinedAt());
						this.awayNotify.joined(session.user(), RoomNames.canonical(channel));
						this.metadata.joined(session, RoomNames.canonical(channel));
					}
				}
			}
		}
		tooManyTargets(session, channels);
	}

	/**
	 * The hook after a successful join (issue 17): a channel's last lines, after NAMES as Ergo sends them, for
	 * clients that do not read history themselves ({@code draft/chathistory}).
	 */
	private void replayAfterJoin(Session session, String room, MessageId joined) {
		if (this.replay != null && !client(session).has("draft/chathistory")) {
			this.replay.joined(session, room, joined);
		}
	}

	void part(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("461", "Not enough parameters", "PART"));
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		// PART's message: formatting and CTCP marks off, as for messages; an empty one is none
		String reason = (args.size() > 1 && !args.get(1).isBlank()) ? IrcFormatting.strip(args.get(1)) : null;
		for (String channel : channels.handled()) {
			if (isChannel(channel)) {
				this.rooms.leave(session, channel, reason);
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
		List<String> handled = channels.handled();
		for (int i = 0; i < handled.size(); i++) {
			// several channels: their 353s, then one 366 that names them as the client did (as Ergo answers)
			boolean last = i == handled.size() - 1;
			names(session, handled.get(i), last, (handled.size() == 1) ? null : String.join(",", handled));
		}
		tooManyTargets(session, channels);
	}

	/**
	 * {@code 353} lines of as many names as fit, each with the prefix of its role ({@code ~@+}), a page of members at
	 * a time as the client reads, then 366. A secret channel shows its names to its members only; {@code =} is a
	 * public channel, {@code @} a secret one.
	 */
	private void names(Session session, String channel, boolean ends, String endName) {
		IrcClient client = client(session);
		String name = isChannel(channel) ? "#" + RoomNames.canonical(channel) : channel;
		Optional<RoomModeration.RoomOverview> room = this.moderation.overview(channel, session.user());
		boolean hidden = room.isEmpty() || (room.get().flags().secret() && !room.get().asker().atLeast(RoomRole.MEMBER));
		// the 366 after the last page, naming the channel or (endName) all those the client asked for
		String end = !ends ? null : (endName != null) ? endName : name;
		if (hidden) {
			if (end != null) {
				send(session, client.reply("366", "End of /NAMES list", end));
			}
			return;
		}
		String kind = room.get().flags().secret() ? "@" : "=";
		boolean masks = client.has("userhost-in-names");
		boolean every = client.has("multi-prefix");
		IrcEvents plain = this.server.events(false);
		session.sendPages(ReplyPages.of((after, limit) -> this.moderation.membersAfter(channel, after, limit),
				RoomModeration.RoomMember::name, Listings.PAGE_SIZE, (members, first, last) -> {
					IrcLine lines = new IrcLine();
					if (!members.isEmpty()) {
						// multi-prefix: every prefix of the member's rank; userhost-in-names: nick!user@host
						lines.addList(this.server.name(), "353",
								members.stream()
									.map(m -> IrcModes.prefix(m.role(), every)
											+ (masks ? plain.mask(m.name()) : m.name()))
									.toList(),
								client.me(), kind, name);
					}
					return (last && end != null ? lines.add(null, this.server.name(), "366", "End of /NAMES list", client.me(), end)
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
			this.moderation.topic(session, channel, args.get(1));
		}
		else {
			topic(session, channel, true);
		}
	}

	/** {@code 332} and {@code 333} for a channel's topic; {@code 331} when it has none, if {@code always}. */
	private void topic(Session session, String channel, boolean always) {
		IrcClient client = client(session);
		String name = "#" + RoomNames.canonical(channel);
		Optional<RoomModeration.RoomOverview> room = this.moderation.overview(channel, session.user());
		if (room.isPresent() && room.get().flags().secret() && !room.get().asker().atLeast(RoomRole.MEMBER)) {
			send(session, client.reply("442", "You're not on that channel", name));
			return;
		}
		StoredRoom.Topic topic = room.map(RoomModeration.RoomOverview::topic).orElse(null);
		if (topic == null) {
			if (always) {
				send(session, client.reply("331", "No topic is set", name));
			}
			return;
		}
		send(session, client.reply("332", topic.text(), name)
			.addPlain(null, this.server.name(), "333", client.me(), name,
					(topic.by() != null) ? topic.by() : this.server.name(),
					Long.toString(topic.at().getEpochSecond())));
	}

}
