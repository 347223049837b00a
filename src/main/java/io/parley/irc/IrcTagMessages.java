package io.parley.irc;

import static io.parley.irc.IrcCommands.charged;
import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.isChannel;
import static io.parley.irc.IrcCommands.send;
import static io.parley.irc.IrcCommands.tooManyTargets;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.parley.account.UserNames;
import io.parley.chat.Listings;
import io.parley.chat.MessageId;
import io.parley.chat.RoomNames;
import io.parley.chat.UserStatus;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRCv3 {@code TAGMSG}: a message of client-only tags and no text (a reaction, a reply marker, typing), to
 * channels and nicks, for the IRC clients that asked for {@code message-tags}; the others never see it, nor do line
 * users. It stays in the IRC gateway: it is no chat message (nothing to keep in history, nothing a line user could
 * read), so it reaches each member's IRC session its user registered last, with a {@code msgid} and, for those that
 * asked, the {@code server-time}. Every client-only tag with a well-formed name is relayed, as Ergo does (no
 * {@code CLIENTTAGDENY}); the line's tags were held to 4094 bytes already ({@link IrcCommands#line}).
 * <p>
 * On PRIVMSG and NOTICE the client-only tags travel with the chat core's message event ({@link #parse}, its
 * {@code clientTags}), and {@link IrcEvents} shows them to the clients that asked for {@code message-tags}.
 */
final class IrcTagMessages {

	/** A client-only tag's name without its {@code +}: an optional vendor ({@code a.b/}) and a key (message-tags). */
	private static final Pattern CLIENT_TAG_NAME = Pattern.compile("(?:[A-Za-z0-9.-]+/)?[A-Za-z0-9-]+");

	private final IrcServer server;

	private final Listings listings;

	private final UserStatus users;

	private final IrcTargets targets;

	IrcTagMessages(IrcServer server, Listings listings, UserStatus users, IrcTargets targets) {
		this.server = server;
		this.listings = listings;
		this.users = users;
		this.targets = targets;
	}

	/**
	 * The client-only tags of a line that starts with {@code @} that are relayed, as sent (escaped), joined with
	 * {@code ;}; empty for none.
	 */
	static String clientTags(String line) {
		if (!line.startsWith("@")) {
			return "";
		}
		int end = line.indexOf(' ');
		StringBuilder kept = new StringBuilder();
		for (String tag : line.substring(1, (end < 0) ? line.length() : end).split(";")) {
			int eq = tag.indexOf('=');
			String key = (eq < 0) ? tag : tag.substring(0, eq);
			if (key.startsWith("+") && CLIENT_TAG_NAME.matcher(key).region(1, key.length()).matches()) {
				kept.append(kept.isEmpty() ? "" : ";").append(tag);
			}
		}
		return kept.toString();
	}

	/**
	 * The client-only tags of {@link #clientTags}, by name without the {@code +}, their values unescaped (a later
	 * one of the same name wins); empty for none.
	 */
	static Map<String, String> parse(String clientTags) {
		if (clientTags.isEmpty()) {
			return Map.of();
		}
		Map<String, String> tags = new LinkedHashMap<>();
		for (String tag : clientTags.split(";")) {
			int eq = tag.indexOf('=');
			tags.put(tag.substring(1, (eq < 0) ? tag.length() : eq), (eq < 0) ? "" : unescape(tag.substring(eq + 1)));
		}
		return Collections.unmodifiableMap(tags);
	}

	/** {@code +name=value;...} for the tags of {@link #parse}, the values escaped as message-tags says. */
	static String render(Map<String, String> clientTags) {
		StringBuilder out = new StringBuilder();
		clientTags.forEach((name, value) -> {
			out.append(out.isEmpty() ? "+" : ";+").append(name);
			if (!value.isEmpty()) {
				out.append('=');
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					switch (c) {
						case ';' -> out.append("\\:");
						case ' ' -> out.append("\\s");
						case '\\' -> out.append("\\\\");
						case '\r' -> out.append("\\r");
						case '\n' -> out.append("\\n");
						default -> out.append(c);
					}
				}
			}
		});
		return out.toString();
	}

	/**
	 * A tag's value as meant: {@code \:} a semicolon, {@code \s} a space, {@code \\}, {@code \r}, {@code \n}; a
	 * backslash before anything else is dropped, and a lone one at the end too (message-tags).
	 */
	private static String unescape(String value) {
		if (value.indexOf('\\') < 0) {
			return value;
		}
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '\\') {
				out.append(c);
			}
			else if (++i < value.length()) {
				char next = value.charAt(i);
				out.append(switch (next) {
					case ':' -> ';';
					case 's' -> ' ';
					case 'r' -> '\r';
					case 'n' -> '\n';
					default -> next;
				});
			}
		}
		return out.toString();
	}

	void tagmsg(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.isEmpty() || args.get(0).isEmpty()) {
			send(session, client.reply("461", "Not enough parameters", "TAGMSG"));
			return;
		}
		IrcTargets.TargetList list = charged(session, this.targets.messageTargets(args.get(0)));
		String tags = client.lineClientTags();
		for (String target : list.handled()) {
			if (target.startsWith("#")) {
				toChannel(session, client, target, tags);
			}
			else {
				toNick(session, client, target, tags);
			}
		}
		tooManyTargets(session, list);
	}

	private void toChannel(Session session, IrcClient client, String channel, String tags) {
		String room = isChannel(channel) ? RoomNames.canonical(channel) : null;
		if (room == null || !this.users.roomsOf(session.user()).contains(room)) {
			boolean exists = room != null && this.listings.roomExists(channel);
			send(session, exists ? client.reply("404", "Cannot send to channel", "#" + room)
					: client.reply("403", "No such channel", TextCleaner.excerpt(channel)));
			return;
		}
		Message message = new Message(session.user(), "#" + room, tags);
		Set<Session> told = new HashSet<>();
		for (String member : this.listings.roomMembers(room).orElse(List.of())) {
			if (!UserNames.key(member).equals(UserNames.key(session.user()))) {
				this.server.directory().session(member).filter(told::add).ifPresent(peer -> deliver(peer, message));
			}
		}
		echo(session, client, message);
	}

	private void toNick(Session session, IrcClient client, String nick, String tags) {
		if (this.users.userInfo(nick).isEmpty()) {
			send(session, client.reply("401", "No such nick/channel", TextCleaner.excerpt(nick)));
			return;
		}
		Message message = new Message(session.user(), this.users.userInfo(nick).get().name(), tags);
		boolean self = UserNames.key(nick).equals(UserNames.key(session.user()));
		if (self) {
			// to oneself: the copy that reaches the client as a recipient is sent after the command's replies, so only
			// the echo carries a label (labeled-response)
			if (client.has("message-tags")) {
				client.afterReplies(line(client, message));
			}
		}
		else {
			this.server.directory().session(nick).ifPresent(peer -> deliver(peer, message));
		}
		echo(session, client, message);
	}

	private void deliver(Session peer, Message message) {
		IrcClient to = client(peer);
		if (to.has("message-tags")) {
			peer.sendEncoded(line(to, message));
		}
	}

	/** echo-message: the sender's copy, one of its command's replies. */
	private void echo(Session session, IrcClient client, Message message) {
		if (client.has("echo-message") && client.has("message-tags")) {
			session.sendEncoded(line(client, message));
		}
	}

	/** {@code @<client tags>;msgid=..;time=.. :nick!user@host TAGMSG <target>} as {@code to} reads it. */
	private byte[] line(IrcClient to, Message message) {
		StringBuilder tags = new StringBuilder(message.tags());
		String server = IrcEvents.tags(to.has("server-time") ? message.time() : null, message.id(), null);
		tags.append(tags.isEmpty() ? "" : ";").append(server);
		String out = (tags.toString().getBytes(StandardCharsets.UTF_8).length <= IrcLine.MAX_TAG_BYTES - 2
				? "@" + tags + " " : "") + ":" + this.server.events(false).mask(message.from()) + " TAGMSG "
				+ message.target() + "\r\n";
		return out.getBytes(StandardCharsets.UTF_8);
	}

	/** One TAGMSG: one id and one time for every recipient. */
	private record Message(String from, String target, String tags, String id, Instant time) {

		Message(String from, String target, String tags) {
			this(from, target, tags, MessageId.next().toString(), Instant.now());
		}

	}

}
