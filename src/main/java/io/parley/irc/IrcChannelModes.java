package io.parley.irc;

import static io.parley.irc.IrcCommands.charged;
import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;
import static io.parley.irc.IrcCommands.tooManyTargets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parley.chat.RoomFlags;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.RoomRole;
import io.parley.chat.StoredRoom;
import io.parley.protocol.RoomMode;
import io.parley.session.Session;

/**
 * MODE, KICK and INVITE: IRC's words for the chat core's room changes ({@link RoomModeration}), which decides
 * who may make them. A MODE line is read whole before anything is asked of the core: an unknown letter or a
 * missing or extra parameter refuses the whole line, so nothing is half applied.
 */
final class IrcChannelModes {

	private final RoomModeration moderation;

	private final IrcServer server;

	private final IrcTargets targets;

	IrcChannelModes(RoomModeration moderation, IrcServer server, IrcTargets targets) {
		this.moderation = moderation;
		this.server = server;
		this.targets = targets;
	}

	void mode(Session session, List<String> args) {
		IrcClient client = client(session);
		String target = args.get(0);
		if (!isChannel(target)) {
			if (target.equalsIgnoreCase(client.nick())) {
				send(session, new IrcLine().addPlain(null, this.server.name(), "221", client.me(), "+i"));
			}
			else {
				send(session, client.reply("502", "Can't change mode for other users"));
			}
			return;
		}
		Optional<RoomModeration.RoomOverview> room = this.moderation.overview(target, session.user());
		String channel = "#" + RoomNames.canonical(target);
		if (room.isEmpty()) {
			send(session, client.reply("403", "No such channel", target));
		}
		else if (args.size() == 1) {
			send(session, modes(client, channel, room.get()));
		}
		else {
			change(session, client, channel, args);
		}
	}

	/** {@code 324} with the channel's flags (its key for members only), then {@code 329}, when it was made. */
	private IrcLine modes(IrcClient client, String channel, RoomModeration.RoomOverview room) {
		RoomFlags flags = room.flags();
		StringBuilder letters = new StringBuilder("+");
		List<String> params = new ArrayList<>(List.of(client.me(), channel));
		letters.append(flags.inviteOnly() ? "i" : "").append(flags.moderated() ? "m" : "").append('n');
		letters.append(flags.secret() ? "s" : "").append(flags.topicLocked() ? "t" : "");
		if (flags.key() != null) {
			letters.append('k');
			params.add(room.asker().atLeast(RoomRole.MEMBER) ? flags.key() : "*");
		}
		if (flags.limit() > 0) {
			letters.append('l');
			params.add(Integer.toString(flags.limit()));
		}
		params.add(2, letters.toString());
		return new IrcLine().addPlain(null, this.server.name(), "324", params.toArray(String[]::new))
			.addPlain(null, this.server.name(), "329", client.me(), channel,
					Long.toString(room.createdAt().getEpochSecond()));
	}

	/** Reads the whole mode string, then asks the core for every change at once; list letters alone are queries. */
	private void change(Session session, IrcClient client, String channel, List<String> args) {
		List<RoomMode.Change> changes = new ArrayList<>();
		Set<RoomMode> queries = new LinkedHashSet<>();
		boolean on = true;
		int next = 2;
		for (char letter : args.get(1).toCharArray()) {
			if (letter == '+' || letter == '-') {
				on = letter == '+';
				continue;
			}
			if (letter == 'n') {
				continue; // no messages from outside: always on
			}
			RoomMode mode = IrcModes.mode(letter);
			if (mode == null) {
				send(session, client.reply("472", "is unknown mode char to me", String.valueOf(letter)));
				return;
			}
			if (mode.kind() == RoomMode.Kind.LIST && next >= args.size()) {
				queries.add(mode);
				continue;
			}
			String argument = null;
			if (mode == RoomMode.KEY && !on) {
				next += (next < args.size()) ? 1 : 0; // -k takes the key, which need not be right
			}
			else if (IrcModes.takesParameter(mode, on)) {
				if (next >= args.size()) {
					send(session, client.reply("461", "Not enough parameters", "MODE"));
					return;
				}
				argument = args.get(next++);
				if (mode.kind() == RoomMode.Kind.LIST) {
					argument = IrcModes.name(argument);
				}
			}
			changes.add(new RoomMode.Change(on, mode, argument));
		}
		if (next < args.size()) {
			send(session, client.reply("461", "Too many parameters for the modes given; nothing was changed", "MODE"));
			return;
		}
		for (RoomMode list : queries) {
			send(session, list(client, channel, list));
		}
		if (!changes.isEmpty()) {
			session.lineBudget().charge(changes.size() - 1);
			this.moderation.change(session, channel, changes);
		}
	}

	/** {@code 367}/{@code 368} for the ban list, {@code 346}/{@code 347} for the invite list. */
	private IrcLine list(IrcClient client, String channel, RoomMode mode) {
		boolean bans = mode == RoomMode.BAN;
		IrcLine lines = new IrcLine();
		for (StoredRoom.ListEntry entry : this.moderation.entries(channel,
				bans ? StoredRoom.RoomList.BAN : StoredRoom.RoomList.INVITE)) {
			lines.addPlain(null, this.server.name(), bans ? "367" : "346", client.me(), channel,
					IrcModes.mask(entry.name()), (entry.by() != null) ? entry.by() : this.server.name(),
					Long.toString(entry.at().getEpochSecond()));
		}
		return lines.add(null, this.server.name(), bans ? "368" : "347",
				bans ? "End of channel ban list" : "End of channel invite list", client.me(), channel);
	}

	/** {@code KICK #channel nick[,nick...] [:reason]}: each nick charged as a target. */
	void kick(Session session, List<String> args) {
		String reason = (args.size() > 2) ? args.get(2) : null;
		IrcTargets.TargetList nicks = charged(session, this.targets.messageTargets(args.get(1)));
		// one channel for every nick, or (RFC 2812) as many channels as nicks, paired in order
		String[] channels = args.get(0).split(",", -1);
		List<String> handled = nicks.handled();
		for (int i = 0; i < handled.size(); i++) {
			String channel = (channels.length == 1) ? channels[0] : (i < channels.length) ? channels[i] : null;
			if (channel == null) {
				send(session, client(session).reply("461", "Not enough parameters", "KICK"));
				break;
			}
			this.moderation.kick(session, channel, handled.get(i), reason);
		}
		tooManyTargets(session, nicks);
	}

	/** {@code INVITE nick #channel}: {@code 341} to the inviter, an {@code INVITE} line to the one invited. */
	void invite(Session session, List<String> args) {
		this.moderation.invite(session, args.get(1), args.get(0));
	}

}
