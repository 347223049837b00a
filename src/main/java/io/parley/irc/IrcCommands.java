package io.parley.irc;

import static io.parley.protocol.CommandSpec.afterLogin;
import static io.parley.protocol.CommandSpec.beforeLogin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.parley.chat.Listings;
import io.parley.chat.Logins;
import io.parley.chat.RoomNames;
import io.parley.files.FileSharing;
import io.parley.protocol.Arity;
import io.parley.protocol.CommandDispatcher;
import io.parley.protocol.CommandTable;
import io.parley.protocol.EncryptedEnvelope;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.protocol.TextCleaner;
import io.parley.session.ChatProtocol;
import io.parley.session.Session;

/**
 * The IRC gateway's protocol: IRC commands, each declared once in this table with its arity and whether it
 * needs a completed registration, handled by registration ({@link IrcRegistration}), messaging
 * ({@link IrcMessaging}), channels ({@link IrcChannels}) and queries ({@link IrcQueries}) over the same chat
 * core the line protocol uses. One dispatcher checks the table's rules; refusals are IRC numerics.
 * <p>
 * A little over 300 lines: the table declares every command in one place (its arity, whether it needs a
 * registration, when it never waits), which is the point of it; the commands' work is in the classes above.
 */
final class IrcCommands implements ChatProtocol {

	static final String PROTOCOL = "irc";

	/**
	 * Parameters of ISON that are read, as RFC 2812 has a line carry at most 15; nicks past them are ignored.
	 * A client that sends them as one trailing parameter is not limited, but the 512-byte line is.
	 */
	private static final int MAX_ISON_PARAMS = 15;

	/** The most bytes of tags a client may send (IRCv3 message-tags: 4094 with the {@code @} and the space). */
	static final int MAX_CLIENT_TAG_BYTES = 4094;

	private final CommandDispatcher<Session> dispatcher = new CommandDispatcher<>(Session::isLoggedIn,
			(session, error) -> session.send(new Reply.Refused(error)));

	private final IrcServer server;

	private final CommandTable<Session> table;

	IrcCommands(IrcServer server, Logins logins, Listings listings, IrcRegistration registration,
			IrcMessaging messaging, IrcChannels channels, IrcChannelModes modes, IrcQueries queries,
			IrcHistory history, FileSharing files, IrcServerQueries serverQueries, IrcOperators operators,
			IrcReadMarkers readMarkers, IrcMonitor monitor, IrcMetadata metadata, IrcTagMessages tagMessages,
			IrcSetname setname) {
		this.server = server;
		this.table = new CommandTable<>(List.of(
				// registration
				beforeLogin("CAP", Arity.upTo(2), "CAP <subcommand> [<args>]", "capability negotiation",
						registration::cap),
				beforeLogin("AUTHENTICATE", Arity.exactly(1), "AUTHENTICATE <data>", "SASL", registration::authenticate),
				beforeLogin("REGISTER", Arity.exactly(3), "REGISTER <account> <email> <password>",
						"create an account (draft/account-registration)", registration::register),
				beforeLogin("PASS", Arity.exactly(1), "PASS <password>", "password for the nick", registration::pass),
				// no nick is 431, not the dispatcher's 461
				beforeLogin("NICK", Arity.upTo(1), "NICK <nick>", "set the nick", registration::nick),
				beforeLogin("USER", new Arity(4, 0, true), "USER <user> 0 * :<realname>", "set user and real name",
						registration::user),
				beforeLogin("PING", Arity.upTo(2), "PING <token>", "answered with PONG", registration::ping,
						(s, a) -> true),
				beforeLogin("PONG", Arity.upTo(2), "PONG <token>", "answer to the server's PING", (s, a) -> {
				}, (s, a) -> true),
				beforeLogin("QUIT", Arity.optionalText(), "QUIT [:<reason>]", "leave",
						(s, a) -> {
							// WHOWAS knows of the quit before the client can read its ERROR and ask
							server.directory().quitting(s);
							logins.quit(s, a.isEmpty() ? null : a.get(0));
						}),
				// chat
				afterLogin("JOIN", Arity.upTo(2), "JOIN <channels>", "join channels", channels::join),
				afterLogin("PART", Arity.upTo(2), "PART <channels> [:<reason>]", "leave channels", channels::part),
				afterLogin("PRIVMSG", Arity.upTo(2), "PRIVMSG <targets> :<text>", "message",
						(s, a) -> messaging.message(s, a, false),
						messaging::neverWaits),
				afterLogin("TAGMSG", Arity.upTo(1), "TAGMSG <targets>",
						"client-only tags without text (message-tags: reactions, replies, typing)", tagMessages::tagmsg),
				afterLogin("NOTICE", Arity.upTo(2), "NOTICE <targets> :<text>", "notice",
						(s, a) -> messaging.message(s, a, true),
						messaging::neverWaits),
				afterLogin("NAMES", Arity.upTo(1), "NAMES [<channels>]", "channel members", channels::names),
				afterLogin("WHO", Arity.upTo(2), "WHO [<mask>]", "who is online or in a channel", queries::who),
				afterLogin("WHOIS", new Arity(1, 1, false), "WHOIS <nick>", "about a user", queries::whois),
				afterLogin("LIST", Arity.upTo(2), "LIST", "channels", (s, a) -> listings.rooms(s)),
				afterLogin("TOPIC", new Arity(1, 1, true), "TOPIC <channel> [:<topic>]", "channel topic",
						channels::topic),
				// the client's own nick is a user mode (IrcOperators: +w, -o); anything else a channel's (room roles)
				afterLogin("MODE", new Arity(1, MAX_ISON_PARAMS - 1, false), "MODE <target> [<modes> [<params>]]",
						"channel and user modes", (s, a) -> {
							if (a.get(0).equalsIgnoreCase(client(s).nick())) {
								operators.userMode(s, a);
							}
							else {
								modes.mode(s, a);
							}
						}),
				afterLogin("KICK", new Arity(2, 1, false), "KICK <channel> <nicks> [:<reason>]",
						"remove members from a channel", modes::kick),
				afterLogin("INVITE", Arity.exactly(2), "INVITE <nick> <channel>", "invite into a channel",
						modes::invite),
				afterLogin("AWAY", Arity.optionalText(), "AWAY [:<message>]", "set or clear away", queries::away),
				afterLogin("ISON", new Arity(1, MAX_ISON_PARAMS - 1, false), "ISON <nicks>",
						"which of the nicks are online", queries::ison),
				afterLogin("MOTD", Arity.upTo(1), "MOTD", "message of the day",
						(s, a) -> registration.motd(s, client(s))),
				// history (draft/chathistory): a page of a channel's or a conversation's history, or who one has any with
				afterLogin("CHATHISTORY", Arity.upTo(5), "CHATHISTORY <subcommand> <target> <ref> [<ref>] <limit>",
						"history", history::chathistory),
				// files (issue 20): a token for soju.im/FILEHOST uploads without the password, and a share that
				// reaches line users as a FILE line
				afterLogin("FILETOKEN", Arity.NONE, "FILETOKEN", "a short-lived upload token", (s, a) -> files.token(s)),
				afterLogin("SHARE", Arity.exactly(2), "SHARE <target> <file>", "share an uploaded file",
						(s, a) -> files.share(s, a.get(0), a.get(1))),
				// users and the server (issue 18)
				afterLogin("USERHOST", new Arity(1, IrcQueries.MAX_USERHOST - 1, false), "USERHOST <nicks>",
						"nick=+user@host of up to five nicks", queries::userhost),
				afterLogin("WHOWAS", Arity.upTo(3), "WHOWAS <nick> [<count>]", "who used a nick lately",
						queries::whowas),
				afterLogin("LUSERS", Arity.upTo(2), "LUSERS", "how many users and channels", serverQueries::lusers),
				afterLogin("TIME", Arity.upTo(1), "TIME", "the server's time", serverQueries::time),
				afterLogin("LINKS", Arity.upTo(2), "LINKS", "the servers of the network: this one", serverQueries::links),
				afterLogin("VERSION", Arity.upTo(1), "VERSION", "the server's version and ISUPPORT",
						serverQueries::version),
				afterLogin("INFO", Arity.upTo(1), "INFO", "about the server", serverQueries::info),
				afterLogin("HELP", Arity.upTo(1), "HELP [<command>]", "the commands, or one command", this::help),
				afterLogin("HELPOP", Arity.upTo(1), "HELPOP [<command>]", "the same as HELP", this::help),
				afterLogin("OPER", Arity.upTo(2), "OPER <account> <password>", "become an operator (admin accounts)",
						operators::oper),
				afterLogin("KILL", new Arity(1, 1, true), "KILL <nick> [:<reason>]", "end a user's sessions (operators)",
						operators::kill),
				afterLogin("MARKREAD", Arity.upTo(2), "MARKREAD <target> [timestamp=<time>]",
						"set or read how far a channel or conversation is read (draft/read-marker)", readMarkers::markread),
				afterLogin("MONITOR", Arity.upTo(2), "MONITOR +|-|C|L|S [<nicks>]",
						"be told when nicks come online and go offline", monitor::monitor),
				// draft/metadata-3: before registration too (before-connect), for the client's own values
				beforeLogin("METADATA", new Arity(2, MAX_ISON_PARAMS - 2, false),
						"METADATA <target> GET|LIST|SET|CLEAR|SUB|UNSUB|SUBS|SYNC [<keys>|<key> [:<value>]]",
						"key-values of users and channels (draft/metadata-3)", metadata::metadata),
				afterLogin("SETNAME", Arity.optionalText(), "SETNAME :<real name>", "change the real name (setname)",
						setname::setname),
				afterLogin("WALLOPS", Arity.optionalText(), "WALLOPS :<text>", "to every +w user (operators)",
						operators::wallops)));
	}

	/**
	 * {@code 704}, {@code 705} lines, {@code 706}: every command with its usage, or one command's usage and
	 * summary; {@code 524} for a subject that is no command.
	 */
	private void help(Session session, List<String> args) {
		IrcClient client = client(session);
		String name = this.server.name();
		if (args.isEmpty() || args.get(0).isBlank()) {
			IrcLine lines = client.reply("704", "Commands of this server (HELP <command> for one):", "*");
			this.table.all().forEach(spec -> lines.add(null, name, "705", spec.usage(), client.me(), "*"));
			send(session, lines.add(null, name, "706", "End of /HELP", client.me(), "*"));
			return;
		}
		String subject = TextCleaner.excerpt(args.get(0));
		this.table.find(args.get(0).toUpperCase(Locale.ROOT)).ifPresentOrElse(spec -> send(session,
				client.reply("704", spec.usage(), subject)
					.add(null, name, "705", spec.summary(), client.me(), subject)
					.add(null, name, "706", "End of /HELP", client.me(), subject)),
				() -> send(session, client.reply("524", "No help available on this topic", subject)));
	}

	@Override
	public String name() {
		return PROTOCOL;
	}

	@Override
	public ReplyEncoder newEncoder() {
		return new IrcClient(this.server);
	}

	/** The client is the session's IRC state and its encoder at once: numerics name their recipient. */
	@Override
	public Object newState(ReplyEncoder encoder) {
		return encoder;
	}

	@Override
	public void opened(Session session) {
		session.send(new Reply.Notice("*** Welcome to " + this.server.network()
				+ ": log in with SASL PLAIN or PASS (your nick is your account name)"));
	}

	@Override
	public void line(Session session, String line) {
		if (line.startsWith("@") && tagBytes(line) > MAX_CLIENT_TAG_BYTES) {
			// the message-tags spec's limit for a client's tags: refused whole, never relayed without them
			send(session, client(session).reply("417", "Input line was too long"));
			return;
		}
		IrcMessage message = IrcMessage.parse(line);
		if (message == null) {
			return;
		}
		if (line.indexOf('\uFFFD') >= 0) {
			// what the transport made of bytes that are not UTF-8: UTF8ONLY is advertised, so the line is refused
			// rather than relayed with replacement characters in it
			send(session, new IrcLine().add(null, this.server.name(), "FAIL", "Message rejected, your IRC software "
					+ "MUST use UTF-8 encoding on this network", TextCleaner.excerpt(message.command()), "INVALID_UTF8"));
			return;
		}
		Runnable command = () -> this.dispatcher.dispatch(session, this.table, message.command(),
				arity -> arguments(message, arity));
		IrcClient client = client(session);
		client.lineClientTags(IrcTagMessages.clientTags(line));
		if (message.label() == null || !client.has("labeled-response")) {
			command.run();
		}
		else {
			session.sendCollected(command, replies -> IrcLabels.label(replies, message.label(), client));
		}
		byte[] after = client.takeAfterReplies();
		if (after != null) {
			session.sendEncoded(after);
		}
	}

	/**
	 * {@code PRIVMSG} and {@code NOTICE} to a channel or to a nick online here, {@code PING} and {@code PONG}, without a
	 * label: handled where they were read. A line refused whole (its tags too long, not UTF-8, not IRC) never waits
	 * either.
	 */
	@Override
	public boolean neverWaits(Session session, String line) {
		if (line.startsWith("@") && tagBytes(line) > MAX_CLIENT_TAG_BYTES) {
			return true;
		}
		IrcMessage message = IrcMessage.parse(line);
		if (message == null || line.indexOf('\uFFFD') >= 0) {
			return true;
		}
		// a labeled line's replies are collected and sent as one response: one given back halfway would answer twice
		return message.label() == null && this.dispatcher.neverWaits(session, this.table, message.command(),
				arity -> arguments(message, arity));
	}

	/** The command's parameters for its arity: as many as it takes, or null when it lacks some. */
	private static List<String> arguments(IrcMessage message, Arity arity) {
		List<String> params = message.params();
		return params.size() >= arity.required() ? params.subList(0, Math.min(params.size(), arity.max())) : null;
	}

	/** IRC's echo-message: a client that asked for it gets its own messages back as the others get them. */
	@Override
	public boolean echoesOwnMessages(Session session) {
		return client(session).has("echo-message");
	}

	/** Parley's own capability for the web page's encrypted private messages (issue 21). */
	@Override
	public boolean readsEnvelopes(Session session) {
		return client(session).has(EncryptedEnvelope.IRC_CAPABILITY);
	}

	/** IRC shows a channel's last lines after its NAMES ({@link IrcChannels#join}), not right after the join. */
	@Override
	public boolean wantsJoinReplay(Session session) {
		return false;
	}

	/** The UTF-8 length of the tags of a line that starts with {@code @}, without the {@code @}. */
	private static int tagBytes(String line) {
		int end = line.indexOf(' ');
		String tags = line.substring(1, (end < 0) ? line.length() : end);
		return tags.getBytes(StandardCharsets.UTF_8).length;
	}

	@Override
	public void oversized(Session session, long length, int limit) {
		session.send(new Reply.Error(ErrorCode.LINE_TOO_LONG, "line too long"));
	}

	static IrcClient client(Session session) {
		return session.protocolState(IrcClient.class);
	}

	static void send(Session session, IrcLine lines) {
		session.sendEncoded(lines.bytes());
	}

	/**
	 * A line's targets, charged to the session's allowance: each target handled costs a line (the line itself
	 * paid for the first), so a message to four targets costs as much as four messages.
	 */
	static IrcTargets.TargetList charged(Session session, IrcTargets.TargetList targets) {
		session.lineBudget().charge(targets.handled().size() - 1);
		return targets;
	}

	/** {@code 407} naming the first target past the bound, after the handled ones are done with. */
	static void tooManyTargets(Session session, IrcTargets.TargetList targets) {
		if (targets.firstDropped() != null) {
			send(session, client(session).reply("407",
					"Too many recipients. Only " + targets.handled().size() + " processed",
					TextCleaner.excerpt(targets.firstDropped())));
		}
	}

	static boolean isChannel(String name) {
		return name.startsWith("#") && RoomNames.isValid(name);
	}

}
