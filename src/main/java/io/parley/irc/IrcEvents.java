package io.parley.irc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/**
 * What users do, as IRC lines that are the same for every recipient: messages, joins, parts and quits. One
 * instance per variant (with or without the {@code server-time} tag), so a room line is encoded once for
 * all the IRC members that share a variant.
 */
final class IrcEvents implements ReplyEncoder {

	private final String host;

	private final boolean serverTime;

	IrcEvents(String host, boolean serverTime) {
		this.host = host;
		this.serverTime = serverTime;
	}

	/** Whether this encoder renders {@code reply}; the rest depend on the recipient. */
	static boolean renders(Reply reply) {
		return reply instanceof Reply.RoomMessage || reply instanceof Reply.PrivateMessage
				|| reply instanceof Reply.Joined || reply instanceof Reply.Left;
	}

	@Override
	public byte[] encode(Reply reply) {
		IrcLine line = new IrcLine();
		String tags = this.serverTime ? "time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS) : null;
		if (reply instanceof Reply.RoomMessage m) {
			line.addText(tags, mask(m.from()), m.notice() ? "NOTICE" : "PRIVMSG", "#" + m.room(), m.text());
		}
		else if (reply instanceof Reply.PrivateMessage m) {
			line.addText(tags, mask(m.from()), m.notice() ? "NOTICE" : "PRIVMSG", m.to(), m.text());
		}
		else if (reply instanceof Reply.Joined j) {
			line.addPlain(tags, mask(j.user()), "JOIN", "#" + j.room());
		}
		else if (reply instanceof Reply.Left l) {
			if (l.quit() != null) {
				line.add(tags, mask(l.user()), "QUIT", "Quit: " + l.quit());
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

	/** {@code nick!user@host} for a user: the nick is the name, and no client address is shown to others. */
	String mask(String name) {
		return name + "!" + name + "@" + this.host;
	}

}
