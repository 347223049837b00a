package io.parley.irc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What every IRC session shares: the server's name and version for numerics, the host shown in users'
 * masks, the message of the day, and the two shared event encoders.
 */
final class IrcServer {

	private final IrcProperties properties;

	private final String version;

	/** To the second: clients show it to people, who have no use for the nanoseconds. */
	private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final IrcEvents plain;

	private final IrcEvents timed;

	private final IrcDirectory directory;

	IrcServer(IrcProperties properties, String version, IrcDirectory directory) {
		this.properties = properties;
		this.version = version;
		this.directory = directory;
		this.plain = new IrcEvents(host(), false, directory);
		this.timed = new IrcEvents(host(), true, directory);
	}

	/** What IRC users said of themselves (USER), and who left (WHOWAS). */
	IrcDirectory directory() {
		return this.directory;
	}

	String name() {
		return this.properties.serverName();
	}

	/** The host part of every user's mask: the server's name, so no client address reaches other users. */
	String host() {
		return this.properties.serverName();
	}

	String network() {
		return this.properties.network();
	}

	String description() {
		return this.properties.description();
	}

	String version() {
		return this.version;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	List<String> motd() {
		return this.properties.motd();
	}

	IrcEvents events(boolean serverTime) {
		return serverTime ? this.timed : this.plain;
	}

}
