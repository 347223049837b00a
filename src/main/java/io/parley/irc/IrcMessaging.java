package io.parley.irc;

import static io.parley.irc.IrcCommands.charged;
import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;
import static io.parley.irc.IrcCommands.tooManyTargets;

import java.util.List;
import java.util.Map;

import io.parley.chat.Broadcasts;
import io.parley.chat.Listings;
import io.parley.chat.PrivateMessages;
import io.parley.chat.RoomNames;
import io.parley.chat.Rooms;
import io.parley.chat.UserStatus;
import io.parley.session.Session;

/**
 * PRIVMSG and NOTICE: to channels, to nicks, and to {@code $*} (a broadcast, for the server's admins); each
 * target charged to the session's allowance. A NOTICE is a message no client may answer automatically.
 */
final class IrcMessaging {

	private final PrivateMessages messages;

	private final Rooms rooms;

	private final Broadcasts broadcasts;

	private final Listings listings;

	private final UserStatus users;

	private final IrcTargets targets;

	private final IrcStatusMessages statusMessages;

	IrcMessaging(PrivateMessages messages, Rooms rooms, Broadcasts broadcasts, Listings listings, UserStatus users,
			IrcTargets targets, IrcStatusMessages statusMessages) {
		this.statusMessages = statusMessages;
		this.messages = messages;
		this.rooms = rooms;
		this.broadcasts = broadcasts;
		this.listings = listings;
		this.users = users;
		this.targets = targets;
	}

	void message(Session session, List<String> args, boolean noReply) {
		String command = noReply ? "NOTICE" : "PRIVMSG";
		if (args.isEmpty()) {
			if (!noReply) {
				send(session, client(session).reply("411", "No recipient given (" + command + ")"));
			}
			return;
		}
		if (args.size() < 2 || args.get(1).isEmpty()) {
			if (!noReply) {
				send(session, client(session).reply("412", "No text to send"));
			}
			return;
		}
		String text = CtcpText.toChat(IrcFormatting.strip(args.get(1)), session.user());
		if (text == null) {
			return; // a CTCP query other than ACTION: not relayed, so nobody can probe other clients through us
		}
		// what the client attached for the others (message-tags): they travel with the message through the chat core
		Map<String, String> clientTags = IrcTagMessages.parse(client(session).lineClientTags());
		IrcTargets.TargetList targets = charged(session, this.targets.messageTargets(args.get(0)));
		if (targets.handled().isEmpty()) {
			if (!noReply) {
				send(session, client(session).reply("411", "No recipient given (" + command + ")"));
			}
			return;
		}
		for (String target : targets.handled()) {
			if (target.equals("$*")) {
				// a mass message is for the server's admins, as IRC servers keep it for their operators
				if (this.broadcasts.isAdmin(session)) {
					this.broadcasts.broadcast(session, text);
				}
				else if (!noReply) {
					send(session, client(session).reply("481", "Permission Denied- You're not an IRC operator"));
				}
			}
			else if (IrcStatusMessages.isStatusTarget(target)) {
				this.statusMessages.message(session, target, text, noReply);
			}
			else if (noReply && session.handlingOnIoThread() && !this.messages.sendNeverWaits(target)
					&& !target.startsWith("#")) {
				// the nick left since the check above: whether it is reachable is an account read, done on a worker
				session.handLineToWorker();
				return;
			}
			else if (noReply && (target.startsWith("#") || !session.handlingOnIoThread()) && !reachable(session, target)) {
				// a NOTICE is never answered, not even with an error (RFC 2812 3.3.2); a nick on the I/O thread was
				// just found online and is not asked about again (that may read its account): should it leave now,
				// the send gives the line back
				continue;
			}
			else if (target.startsWith("#")) {
				sayInChannel(session, target, text, noReply, clientTags);
			}
			else {
				this.messages.send(session, target, text, noReply, clientTags);
				if (session.lineGivenBack()) {
					return; // to be handled on a worker, from the start
				}
				if (!noReply) {
					this.users.away(target)
						.ifPresent(away -> send(session, client(session).reply("301", away.message(), away.name())));
				}
			}
		}
		if (!noReply) {
			tooManyTargets(session, targets);
		}
	}

	/**
	 * Whether {@link #message} with {@code args} cannot wait: its one target is a channel anyone may speak in or a
	 * nick online here ({@code $*} asks whether the sender is an admin, an account read; a status message and a
	 * message to several targets are rare, and one given back to a worker halfway would be sent twice). Refusals
	 * for missing arguments never wait.
	 */
	boolean neverWaits(Session session, List<String> args) {
		if (args.size() < 2 || args.get(1).isEmpty()) {
			return true;
		}
		String target = args.get(0);
		if (target.startsWith("#")) {
			return target.indexOf(',') < 0 && this.rooms.sayNeverWaits(target);
		}
		return target.indexOf(',') < 0 && !target.equals("$*") && !IrcStatusMessages.isStatusTarget(target)
				&& this.messages.sendNeverWaits(target);
	}

	/**
	 * Whether a message to {@code target} would be delivered: a channel the sender is in, a user online, or an
	 * account that keeps it for its next login (history's offline messages).
	 */
	private boolean reachable(Session session, String target) {
		if (target.startsWith("#")) {
			return isChannel(target) && this.users.roomsOf(session.user()).contains(RoomNames.canonical(target));
		}
		return this.messages.reaches(target);
	}

	/** IRC answers a message to a channel one is not in with 404, where the chat core says not-in-room. */
	private void sayInChannel(Session session, String channel, String text, boolean noReply,
			Map<String, String> clientTags) {
		// membership first: it is the common case, and cheaper than asking whether the room exists
		if (isChannel(channel) && !this.users.roomsOf(session.user()).contains(RoomNames.canonical(channel))
				&& this.listings.roomExists(channel)) {
			send(session, client(session).reply("404", "Cannot send to channel", "#" + RoomNames.canonical(channel)));
			return;
		}
		this.rooms.say(session, channel, text, noReply, clientTags);
	}
}
