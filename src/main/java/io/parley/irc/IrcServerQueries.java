package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.chat.Listings;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * Questions about the server: LUSERS, TIME, LINKS, VERSION and INFO. Parley is one server, so a target
 * server other than this one's name is {@code 402}, and LINKS lists this server alone.
 */
final class IrcServerQueries {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE MMMM d yyyy -- HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Listings listings;

	private final IrcServer server;

	private final IrcIsupport isupport;

	/** The most users online at once since the start, as LUSERS reports it; only grows. */
	private final AtomicInteger mostUsers = new AtomicInteger();

	IrcServerQueries(Listings listings, IrcServer server, IrcIsupport isupport) {
		this.listings = listings;
		this.server = server;
		this.isupport = isupport;
	}

	/** {@code 251} to {@code 255}, {@code 265} and {@code 266}: users, operators, channels; every user is local. */
	void lusers(Session session, List<String> args) {
		send(session, lusers(client(session)));
	}

	IrcLine lusers(IrcClient client) {
		Listings.Counts counts = this.listings.counts();
		int users = counts.users();
		int most = this.mostUsers.accumulateAndGet(users, Math::max);
		String name = this.server.name();
		String me = client.me();
		// every user is invisible (user mode +i), as WHO * on a shared channel is the only way to list others
		return client.reply("251", "There are 0 users and " + users + " invisible on 1 servers")
			.add(null, name, "252", "operator(s) online", me, String.valueOf(this.server.directory().operatorCount()))
			.add(null, name, "253", "unknown connection(s)", me, "0")
			.add(null, name, "254", "channels formed", me, String.valueOf(counts.rooms()))
			.add(null, name, "255", "I have " + users + " clients and 0 servers", me)
			.add(null, name, "265", "Current local users " + users + ", max " + most, me, String.valueOf(users),
					String.valueOf(most))
			.add(null, name, "266", "Current global users " + users + ", max " + most, me, String.valueOf(users),
					String.valueOf(most));
	}

	/** {@code 391}: the server's time, as a number of seconds and as people read it. */
	void time(Session session, List<String> args) {
		if (!thisServer(session, args)) {
			return;
		}
		Instant now = Instant.now();
		send(session, client(session).reply("391", TIME.format(now), this.server.name(),
				String.valueOf(now.getEpochSecond()), "0"));
	}

	/** {@code 364} for the one server there is, then {@code 365}. */
	void links(Session session, List<String> args) {
		IrcClient client = client(session);
		send(session, client.reply("364", "0 " + this.server.description(), this.server.name(), this.server.name())
			.add(null, this.server.name(), "365", "End of /LINKS list", client.me(), "*"));
	}

	/** {@code 351} and the ISUPPORT lines again, as clients ask for them with VERSION. */
	void version(Session session, List<String> args) {
		if (!thisServer(session, args)) {
			return;
		}
		IrcClient client = client(session);
		send(session, client.reply("351", this.server.description(), "Parley-" + this.server.version(), this.server.name())
			.add(this.isupport.lines(client.me())));
	}

	/** {@code 371} lines about the software, then {@code 374}. */
	void info(Session session, List<String> args) {
		if (!thisServer(session, args)) {
			return;
		}
		IrcClient client = client(session);
		send(session, client.reply("371", "Parley-" + this.server.version() + ", a chat server with an IRC gateway")
			.add(null, this.server.name(), "371", "Running since " + this.server.startedAt(), client.me())
			.add(null, this.server.name(), "374", "End of INFO list", client.me()));
	}

	/** A target server in {@code args}, when there is one, must be this one: else {@code 402}. */
	private boolean thisServer(Session session, List<String> args) {
		String target = args.isEmpty() ? "*" : args.get(0);
		if (target.equalsIgnoreCase(this.server.name()) || target.equalsIgnoreCase(client(session).nick())
				|| (NickMask.isMask(target) && NickMask.of(target).matches(this.server.name()))) {
			return true;
		}
		send(session, client(session).reply("402", "No such server", TextCleaner.excerpt(args.get(0))));
		return false;
	}

}
