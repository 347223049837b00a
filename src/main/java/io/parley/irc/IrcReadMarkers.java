package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.chat.UserStatus;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRCv3 {@code draft/read-marker}: {@code MARKREAD <target> [timestamp=<time>]} sets or reads how far a user has
 * read a channel or a conversation, and a JOIN tells a client that asked for the capability where it stopped in
 * that channel. A marker only ever moves forward; a set to an older time is answered with the stored one.
 * <p>
 * Markers are kept in memory, per account (its sessions share them, and they outlive a reconnect, not a restart)
 * and per session for a guest (a guest's nick is anybody's once it leaves). At most {@value #MAX_TARGETS} targets
 * per account or guest: past them a new target is refused with {@code FAIL MARKREAD LIMIT_REACHED}.
 */
final class IrcReadMarkers {

	static final String CAPABILITY = "draft/read-marker";

	static final int MAX_TARGETS = 1000;

	/** server-time's form: milliseconds always, so a marker reads back as it was set. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final UserStatus users;

	private final IrcServer server;

	/** Account name (lower case) to target (lower case) to the time read up to. */
	private final Map<String, Map<String, Instant>> accounts = new ConcurrentHashMap<>();

	IrcReadMarkers(UserStatus users, IrcServer server) {
		this.users = users;
		this.server = server;
	}

	void markread(Session session, List<String> args) {
		if (args.isEmpty() || args.get(0).isBlank()) {
			fail(session, "NEED_MORE_PARAMS", "Missing parameters", null);
			return;
		}
		String target = TextCleaner.excerpt(args.get(0));
		if (args.size() < 2) {
			send(session, line(target, get(session, target)));
			return;
		}
		Instant time = parse(args.get(1));
		if (time == null) {
			fail(session, "INVALID_PARAMS", "Invalid timestamp", target);
			return;
		}
		Map<String, Instant> markers = markers(session);
		String key = target.toLowerCase(Locale.ROOT);
		if (!markers.containsKey(key) && markers.size() >= MAX_TARGETS) {
			fail(session, "LIMIT_REACHED", "Too many read markers", target);
			return;
		}
		Instant stored = markers.merge(key, time, (old, now) -> now.isAfter(old) ? now : old);
		send(session, line(target, stored));
	}

	/** The {@code MARKREAD} a JOIN sends a client that asked for read markers, before the channel's names. */
	void joined(Session session, String channel) {
		if (client(session).has(CAPABILITY)) {
			send(session, line(channel, get(session, channel)));
		}
	}

	private Instant get(Session session, String target) {
		return markers(session).get(target.toLowerCase(Locale.ROOT));
	}

	private Map<String, Instant> markers(Session session) {
		String user = session.user();
		boolean guest = this.users.userInfo(user).map(UserStatus.UserInfo::guest).orElse(true);
		return guest ? client(session).readMarkers()
				: this.accounts.computeIfAbsent(user.toLowerCase(Locale.ROOT), name -> new ConcurrentHashMap<>());
	}

	/** {@code timestamp=<ISO 8601 UTC>}; null for anything else, {@code *} among them (the server's word for none). */
	private static Instant parse(String parameter) {
		if (!parameter.startsWith("timestamp=")) {
			return null;
		}
		try {
			return Instant.parse(parameter.substring("timestamp=".length()));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private IrcLine line(String target, Instant time) {
		return new IrcLine().addPlain(null, this.server.name(), "MARKREAD", target,
				(time != null) ? "timestamp=" + TIME.format(time) : "*");
	}

	private void fail(Session session, String code, String text, String target) {
		IrcLine line = (target != null)
				? new IrcLine().add(null, this.server.name(), "FAIL", text, "MARKREAD", code, target)
				: new IrcLine().add(null, this.server.name(), "FAIL", text, "MARKREAD", code);
		send(session, line);
	}

}
