package io.parley.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.protocol.RoomMode;

/**
 * What users do, as IRC lines that are the same for every recipient: messages, shared files, joins, parts,
 * quits and room changes. One instance per variant (with or without the {@code server-time} tag, with or without
 * messages' {@code msgid}), so a room line is encoded once for all the IRC members that share a variant.
 */
final class IrcEvents implements ReplyEncoder {

	/**
	 * The server-time spec's format, milliseconds always present: {@link Instant#toString()} leaves them out
	 * on a whole second, and some clients then fail to parse the tag.
	 */
	private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final String host;

	private final boolean serverTime;

	private final boolean msgid;

	private final IrcDirectory directory;

	IrcEvents(String host, boolean serverTime, boolean msgid, IrcDirectory directory) {
		this.host = host;
		this.serverTime = serverTime;
		this.msgid = msgid;
		this.directory = directory;
	}

	/** Whether this encoder renders {@code reply}; the rest depend on the recipient. */
	static boolean renders(Reply reply) {
		return reply instanceof Reply.RoomMessage || reply instanceof Reply.PrivateMessage
				|| reply instanceof Reply.Joined || reply instanceof Reply.Left || reply instanceof Reply.TopicChanged
				|| reply instanceof Reply.ModesChanged || reply instanceof Reply.Kicked || reply instanceof Reply.Invited
				|| reply instanceof Reply.FileShared;
	}

	@Override
	public byte[] encode(Reply reply) {
		IrcLine line = new IrcLine();
		// the time is the chat event's, stamped once by the core, so every member's tag and a later history
		// read agree on it
		if (reply instanceof Reply.RoomMessage m) {
			line.addText(withClientTags(botTag(tagFor(m.time(), m.id()), m.from()), m.clientTags()), mask(m.from()),
					m.noReply() ? "NOTICE" : "PRIVMSG", "#" + m.room(), m.text());
		}
		else if (reply instanceof Reply.PrivateMessage m) {
			line.addText(withClientTags(botTag(tagFor(m.time(), m.id()), m.from()), m.clientTags()), mask(m.from()),
					m.noReply() ? "NOTICE" : "PRIVMSG", m.to(), m.text());
		}
		else if (reply instanceof Reply.Joined j) {
			line.addPlain(tagFor(j.time()), mask(j.user()), "JOIN", "#" + j.room());
		}
		else if (reply instanceof Reply.Left l) {
			String tags = tagFor(l.time());
			if (l.quit() != null) {
				line.add(tags, mask(l.user()), "QUIT", IrcErrors.quitText(l.quit()));
			}
			else if (l.reason() != null) {
				line.add(tags, mask(l.user()), "PART", l.reason(), "#" + l.room());
			}
			else {
				line.addPlain(tags, mask(l.user()), "PART", "#" + l.room());
			}
		}
		else if (reply instanceof Reply.TopicChanged t) {
			line.add(tagFor(t.time()), source(t.by()), "TOPIC", t.topic(), "#" + t.room());
		}
		else if (reply instanceof Reply.Kicked k) {
			// RFC 2812: without a comment, the nick of the one who kicked
			line.add(tagFor(k.time()), source(k.by()), "KICK", k.reason().isEmpty() ? k.by() : k.reason(),
					"#" + k.room(), k.user());
		}
		else if (reply instanceof Reply.Invited i) {
			line.addPlain(tagFor(i.time()), source(i.by()), "INVITE", i.user(), "#" + i.room());
		}
		else if (reply instanceof Reply.ModesChanged m) {
			modes(line, m);
		}
		else if (reply instanceof Reply.FileShared f) {
			// the link first, where every client makes it a link; the name cannot hold a '/', so no second URL
			line.addText(tagFor(f.time()), mask(f.from()), "PRIVMSG", (f.room() != null) ? "#" + f.room() : f.to(),
					f.file().url() + " (" + f.file().name() + ", " + f.file().readableSize() + ", "
							+ f.file().mediaType() + ")");
		}
		else {
			throw new IllegalArgumentException("not a shared IRC event: " + reply);
		}
		return line.bytes();
	}

	/**
	 * One {@code MODE} line with every change that has a mode letter ({@link IrcModes}); a mute, which IRC has no
	 * mode for, is a notice to the channel from the server.
	 */
	private void modes(IrcLine line, Reply.ModesChanged m) {
		StringBuilder letters = new StringBuilder();
		java.util.List<String> params = new java.util.ArrayList<>();
		params.add("#" + m.room());
		Boolean sign = null;
		for (RoomMode.Change change : m.changes()) {
			if (change.mode() == RoomMode.MUTE) {
				line.add(tagFor(m.time()), this.host, "NOTICE", change.argument() + (change.on() ? " was muted" : " may speak again")
						+ " by " + ((m.by() != null) ? m.by() : this.host), "#" + m.room());
				continue;
			}
			if (sign == null || sign != change.on()) {
				letters.append(change.on() ? '+' : '-');
				sign = change.on();
			}
			letters.append(IrcModes.letter(change.mode()));
			String param = IrcModes.parameter(change);
			if (param != null) {
				params.add(param);
			}
		}
		if (letters.length() > 0) {
			params.add(1, letters.toString());
			line.addPlain(tagFor(m.time()), source(m.by()), "MODE", params.toArray(String[]::new));
		}
	}

	/** Who did it: a user's mask, or the server for the server's own doing. */
	private String source(String by) {
		return (by != null) ? mask(by) : this.host;
	}

	/** The {@code server-time} tag for an event at {@code at}, when this variant has the tag; else null. */
	private String tagFor(Instant at) {
		return this.serverTime ? timeTag(at) : null;
	}

	/** {@code tags} with the {@code bot} tag added when {@code from} is a bot and this variant has message-tags. */
	private String botTag(String tags, String from) {
		if (!this.msgid || !this.directory.isBot(from)) {
			return tags;
		}
		return (tags == null) ? "bot" : tags + ";bot";
	}

	/** {@code tags} with the sender's client-only tags added, when there are any and this variant has message-tags. */
	private String withClientTags(String tags, Map<String, String> clientTags) {
		if (!this.msgid || clientTags.isEmpty()) {
			return tags;
		}
		String client = IrcTagMessages.render(clientTags);
		return (tags == null) ? client : tags + ";" + client;
	}

	/** The tags of a message: its time and its id, as this variant has them; null for none. */
	private String tagFor(Instant at, String id) {
		return tags(this.serverTime ? at : null, this.msgid ? id : null, null);
	}

	/** {@code time}, {@code msgid} and {@code batch} tags for those given (not null), or null when none is. */
	static String tags(Instant time, String id, String batch) {
		StringBuilder tags = new StringBuilder(80);
		if (batch != null) {
			tags.append("batch=").append(batch);
		}
		if (time != null) {
			tags.append(tags.isEmpty() ? "" : ";").append(timeTag(time));
		}
		if (id != null) {
			tags.append(tags.isEmpty() ? "" : ";").append("msgid=").append(id);
		}
		return tags.isEmpty() ? null : tags.toString();
	}

	/** The {@code server-time} tag for an event at {@code at}. */
	static String timeTag(Instant at) {
		return "time=" + SERVER_TIME.format(at);
	}

	/**
	 * {@code nick!user@host} for a user: the nick is the name, the user name what its IRC client sent with
	 * {@code USER} (the name for others), and no client address is shown to others.
	 */
	String mask(String name) {
		return name + "!" + this.directory.userOf(name) + "@" + this.host;
	}

}
