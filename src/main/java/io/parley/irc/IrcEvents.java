package io.parley.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/**
 * What users do, as IRC lines that are the same for every recipient: messages, joins, parts and quits. One
 * instance per variant (with or without the {@code server-time} tag), so a room line is encoded once for
 * all the IRC members that share a variant.
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

	private final IrcDirectory directory;

	IrcEvents(String host, boolean serverTime, IrcDirectory directory) {
		this.host = host;
		this.serverTime = serverTime;
		this.directory = directory;
	}

	/** Whether this encoder renders {@code reply}; the rest depend on the recipient. */
	static boolean renders(Reply reply) {
		return reply instanceof Reply.RoomMessage || reply instanceof Reply.PrivateMessage
				|| reply instanceof Reply.Joined || reply instanceof Reply.Left;
	}

	@Override
	public byte[] encode(Reply reply) {
		IrcLine line = new IrcLine();
		// the time is the chat event's, stamped once by the core, so every member's tag and a later history
		// read agree on it
		if (reply instanceof Reply.RoomMessage m) {
			line.addText(tagFor(m.time()), mask(m.from()), m.noReply() ? "NOTICE" : "PRIVMSG", "#" + m.room(),
					m.text());
		}
		else if (reply instanceof Reply.PrivateMessage m) {
			line.addText(tagFor(m.time()), mask(m.from()), m.noReply() ? "NOTICE" : "PRIVMSG", m.to(), m.text());
		}
		else if (reply instanceof Reply.Joined j) {
			line.addPlain(tagFor(j.time()), mask(j.user()), "JOIN", "#" + j.room());
		}
		else if (reply instanceof Reply.Left l) {
			String tags = tagFor(l.time());
			if (l.quit() != null) {
				line.add(tags, mask(l.user()), "QUIT", IrcErrors.quitText(l.quit()));
			}
			else {
				line.addPlain(tags, mask(l.user()), "PART", "#" + l.room());
			}
		}
		else {
			throw new IllegalArgumentException("not a shared IRC event: " + reply);
		}
		return line.bytes();
	}

	/** The {@code server-time} tag for an event at {@code at}, when this variant has the tag; else null. */
	private String tagFor(Instant at) {
		return this.serverTime ? timeTag(at) : null;
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
