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

	/** By {@code server-time} (first index) and {@code message-tags} (second): whether lines carry time and msgid. */
	private final IrcEvents[][] events = new IrcEvents[2][2];

	/** Whether messages are kept: the history capabilities and tokens are advertised only then. */
	private final boolean history;

	/** The most messages a CHATHISTORY page holds ({@code ISUPPORT CHATHISTORY=}). */
	private final int historyPage;

	private final IrcDirectory directory;

	IrcServer(IrcProperties properties, String version, boolean history, int historyPage, IrcDirectory directory) {
		this.properties = properties;
		this.version = version;
		this.history = history;
		this.historyPage = historyPage;
		this.directory = directory;
		for (int time = 0; time < 2; time++) {
			for (int id = 0; id < 2; id++) {
				this.events[time][id] = new IrcEvents(host(), time == 1, id == 1, directory);
			}
		}
	}

	boolean history() {
		return this.history;
	}

	int historyPage() {
		return this.historyPage;
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
		return events(serverTime, false);
	}

	IrcEvents events(boolean serverTime, boolean msgid) {
		return this.events[serverTime ? 1 : 0][msgid ? 1 : 0];
	}

}
