package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parley.account.UserNames;
import io.parley.chat.Listings;
import io.parley.chat.MessageId;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.RoomRole;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * STATUSMSG ({@code ISUPPORT STATUSMSG=~@+}): {@code PRIVMSG @#chan :text} reaches the channel's members of that
 * rank or above ({@code ~} owners, {@code @} operators, {@code +} voices), over IRC only: it is a side word among a
 * channel's staff, not a channel line, so it is neither kept in history nor shown to line users. Any member may send
 * one (in a {@code +m} channel only those with voice), as on Ergo; it reaches each recipient's IRC session its user
 * registered last, with its own {@code msgid} and, for those that asked, {@code time}; echo-message echoes it.
 */
final class IrcStatusMessages {

	static final String ISUPPORT = "STATUSMSG=~@+";

	private final IrcServer server;

	private final RoomModeration moderation;

	IrcStatusMessages(IrcServer server, RoomModeration moderation) {
		this.server = server;
		this.moderation = moderation;
	}

	/** Whether {@code target} is a status message's: a rank's prefix, then a channel. */
	static boolean isStatusTarget(String target) {
		return target.length() > 1 && "~@+".indexOf(target.charAt(0)) >= 0 && target.charAt(1) == '#';
	}

	void message(Session session, String target, String text, boolean noReply) {
		IrcClient client = client(session);
		String channel = target.substring(1);
		Optional<RoomModeration.RoomOverview> room = isChannel(channel)
				? this.moderation.overview(channel, session.user()) : Optional.empty();
		if (room.isEmpty()) {
			if (!noReply) {
				send(session, client.reply("403", "No such channel", TextCleaner.excerpt(channel)));
			}
			return;
		}
		RoomRole asker = room.get().asker();
		if (!asker.atLeast(RoomRole.MEMBER) || (room.get().flags().moderated() && !asker.atLeast(RoomRole.VOICE))) {
			if (!noReply) {
				send(session, client.reply("404", "Cannot send to channel", "#" + room.get().room()));
			}
			return;
		}
		RoomRole rank = switch (target.charAt(0)) {
			case '~' -> RoomRole.OWNER;
			case '@' -> RoomRole.OPERATOR;
			default -> RoomRole.VOICE;
		};
		String shown = target.charAt(0) + "#" + RoomNames.canonical(channel);
		String id = MessageId.next().toString();
		Instant at = Instant.now();
		String command = noReply ? "NOTICE" : "PRIVMSG";
		Set<Session> told = new HashSet<>(Set.of(session));
		String after = null;
		List<RoomModeration.RoomMember> page;
		do {
			page = this.moderation.membersAfter(channel, after, Listings.PAGE_SIZE);
			for (RoomModeration.RoomMember member : page) {
				if (member.role().atLeast(rank) && !UserNames.key(member.name()).equals(UserNames.key(session.user()))) {
					this.server.directory().session(member.name()).filter(told::add)
						.ifPresent(peer -> send(peer, line(client(peer), session.user(), command, shown, text, id, at)));
				}
			}
			after = page.isEmpty() ? null : page.get(page.size() - 1).name();
		}
		while (page.size() == Listings.PAGE_SIZE);
		if (client.has("echo-message")) {
			send(session, line(client, session.user(), command, shown, text, id, at));
		}
	}

	private IrcLine line(IrcClient to, String from, String command, String target, String text, String id, Instant at) {
		String tags = IrcEvents.tags(to.has("server-time") ? at : null, to.has("message-tags") ? id : null, null);
		return new IrcLine().addText(tags, this.server.events(false).mask(from), command, target, text);
	}

}
