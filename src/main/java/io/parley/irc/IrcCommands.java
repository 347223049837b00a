package io.parley.irc;

import static io.parley.protocol.CommandSpec.afterLogin;
import static io.parley.protocol.CommandSpec.beforeLogin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;


import io.parley.account.AccountResult;
import io.parley.account.UserNames;
import io.parley.chat.ChatService;
import io.parley.chat.CommandDispatcher;
import io.parley.chat.RoomNames;
import io.parley.protocol.Arity;
import io.parley.protocol.CommandSpec;
import io.parley.protocol.CommandTable;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.protocol.TextCleaner;
import io.parley.session.ChatProtocol;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/**
 * The IRC gateway's protocol: IRC commands, each declared once in the table with its arity and whether it
 * needs a completed registration, mapped onto the same {@link ChatService} the line protocol uses.
 * Registration (CAP, SASL PLAIN, PASS, NICK, USER) ends in the same login as {@code /login}.
 */
final class IrcCommands implements ChatProtocol {

	static final String PROTOCOL = "irc";

	/** What a client may request with {@code CAP REQ}. */
	private static final Set<String> CAPABILITIES = Set.of("sasl", "server-time", "message-tags");

	/**
	 * Parameters of ISON that are read, as RFC 2812 has a line carry at most 15; nicks past them are ignored.
	 * A client that sends them as one trailing parameter is not limited, but the 512-byte line is.
	 */
	private static final int MAX_ISON_PARAMS = 15;

	/** SASL sends its payload in chunks of this size; a shorter chunk (or {@code +}) ends it. */
	private static final int SASL_CHUNK = 400;

	private final ChatService chat;

	private final CommandDispatcher dispatcher;

	private final IrcServer server;

	private final IrcProperties properties;

	private final CommandTable<Session> table;

	private final IrcTargets targets;

	IrcCommands(ChatService chat, CommandDispatcher dispatcher, IrcServer server, IrcProperties properties,
			IrcTargets targets) {
		this.targets = targets;
		this.chat = chat;
		this.dispatcher = dispatcher;
		this.server = server;
		this.properties = properties;
		this.table = new CommandTable<>(List.of(
				// registration
				beforeLogin("CAP", Arity.upTo(2), "CAP <subcommand> [<args>]", "capability negotiation", this::cap),
				beforeLogin("AUTHENTICATE", Arity.exactly(1), "AUTHENTICATE <data>", "SASL", this::authenticate),
				beforeLogin("PASS", Arity.exactly(1), "PASS <password>", "password for the nick", this::pass),
				// no nick is 431, not the dispatcher's 461
				beforeLogin("NICK", Arity.upTo(1), "NICK <nick>", "set the nick", this::nick),
				beforeLogin("USER", new Arity(4, 0, true), "USER <user> 0 * :<realname>", "set user and real name",
						this::user),
				beforeLogin("PING", Arity.upTo(2), "PING <token>", "answered with PONG", this::ping),
				beforeLogin("PONG", Arity.upTo(2), "PONG <token>", "answer to the server's PING", (s, a) -> {
				}),
				beforeLogin("QUIT", Arity.optionalText(), "QUIT [:<reason>]", "leave",
						(s, a) -> chat.quit(s, a.isEmpty() ? null : a.get(0))),
				// chat
				afterLogin("JOIN", Arity.upTo(2), "JOIN <channels>", "join channels", this::join),
				afterLogin("PART", Arity.upTo(2), "PART <channels> [:<reason>]", "leave channels", this::part),
				afterLogin("PRIVMSG", Arity.upTo(2), "PRIVMSG <targets> :<text>", "message",
						(s, a) -> message(s, a, false)),
				afterLogin("NOTICE", Arity.upTo(2), "NOTICE <targets> :<text>", "notice",
						(s, a) -> message(s, a, true)),
				afterLogin("NAMES", Arity.upTo(1), "NAMES [<channels>]", "channel members", this::names),
				afterLogin("WHO", Arity.upTo(2), "WHO [<mask>]", "who is online or in a channel", this::who),
				afterLogin("WHOIS", new Arity(1, 1, false), "WHOIS <nick>", "about a user", this::whois),
				afterLogin("LIST", Arity.upTo(2), "LIST", "channels", (s, a) -> chat.rooms(s)),
				afterLogin("TOPIC", new Arity(1, 1, true), "TOPIC <channel>", "channel topic (read only)",
						this::topic),
				afterLogin("MODE", new Arity(1, 2, false), "MODE <target> [<modes>]", "modes (queries only)",
						this::mode),
				afterLogin("AWAY", Arity.optionalText(), "AWAY [:<message>]", "set or clear away",
						this::away),
				afterLogin("ISON", new Arity(1, MAX_ISON_PARAMS - 1, false), "ISON <nicks>", "which of the nicks are online",
						this::ison),
				afterLogin("MOTD", Arity.upTo(1), "MOTD", "message of the day", (s, a) -> motd(s, client(s)))));
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
		IrcMessage message = IrcMessage.parse(line);
		if (message == null) {
			return;
		}
		List<String> params = message.params();
		this.dispatcher.dispatch(session, this.table, message.command(),
				arity -> params.size() >= arity.required() ? params.subList(0, Math.min(params.size(), arity.max()))
						: null);
	}

	@Override
	public void oversized(Session session, long length, int limit) {
		session.send(new Reply.Error(ErrorCode.LINE_TOO_LONG, "line too long"));
	}

	private static IrcClient client(Session session) {
		return session.protocolState(IrcClient.class);
	}

	private static void send(Session session, IrcLine lines) {
		session.sendEncoded(lines.bytes());
	}

	// registration

	private void cap(Session session, List<String> args) {
		IrcClient client = client(session);
		String sub = args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
		switch (sub) {
			case "LS" -> {
				if (!client.registered()) {
					client.negotiating(true);
				}
				boolean v302 = args.size() > 1 && args.get(1).compareTo("302") >= 0;
				send(session, new IrcLine().add(null, this.server.name(), "CAP",
						(v302 ? "sasl=PLAIN" : "sasl") + " server-time message-tags", client.me(), "LS"));
			}
			case "REQ" -> {
				if (!client.registered()) {
					client.negotiating(true);
				}
				String requested = (args.size() > 1) ? args.get(1).strip() : "";
				List<String> names = List.of(requested.split(" +"));
				boolean known = !requested.isEmpty() && names.stream()
					.allMatch(c -> CAPABILITIES.contains(c.startsWith("-") ? c.substring(1) : c));
				if (known) {
					for (String c : names) {
						boolean off = c.startsWith("-");
						client.capability(off ? c.substring(1) : c, !off);
					}
				}
				send(session, new IrcLine().add(null, this.server.name(), "CAP", requested, client.me(),
						known ? "ACK" : "NAK"));
			}
			case "LIST" -> send(session, new IrcLine().add(null, this.server.name(), "CAP",
					String.join(" ", client.capabilities()), client.me(), "LIST"));
			case "END" -> {
				client.negotiating(false);
				completeRegistration(session, client);
			}
			default -> send(session, client.reply("410", "Invalid CAP command", sub.isEmpty() ? "*" : sub));
		}
	}

	private void authenticate(Session session, List<String> args) {
		IrcClient client = client(session);
		String data = args.get(0);
		if (client.registered() || client.saslAccount() != null) {
			send(session, client.reply("907", "You have already authenticated using SASL"));
			return;
		}
		if (data.equals("*")) {
			client.saslStarted(false);
			send(session, client.reply("906", "SASL authentication aborted"));
			return;
		}
		if (!client.saslStarted()) {
			if (!data.equalsIgnoreCase("PLAIN")) {
				send(session, client.reply("908", "are available SASL mechanisms", "PLAIN")
					.add(null, this.server.name(), "904", "SASL authentication failed", client.me()));
				return;
			}
			client.saslStarted(true);
			send(session, new IrcLine().addPlain(null, null, "AUTHENTICATE", "+"));
			return;
		}
		if (!data.equals("+")) {
			client.saslBuffer().append(data);
		}
		if (data.length() == SASL_CHUNK) {
			return; // more to come
		}
		String payload = client.saslBuffer().toString();
		client.saslStarted(false);
		saslPlain(session, client, payload);
	}

	private void saslPlain(Session session, IrcClient client, String payload) {
		String[] parts;
		try {
			parts = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).split("\0", -1);
		}
		catch (IllegalArgumentException ex) {
			parts = new String[0];
		}
		if (parts.length != 3) {
			send(session, client.reply("904", "SASL authentication failed"));
			return;
		}
		String account = parts[1];
		AccountResult result = this.chat.checkPassword(session, account, parts[2]);
		if (result instanceof AccountResult.Failure failure) {
			String why = (failure.code() == ErrorCode.BAD_CREDENTIALS) ? "SASL authentication failed"
					: "SASL authentication failed: " + failure.text();
			send(session, client.reply("904", why));
			return;
		}
		String name = ((AccountResult.Success) result).account().name();
		client.saslAccount(name);
		// the mask is the account's: the nick the client sent may be another, and is renamed to the account's
		send(session, client.reply("900", "You are now logged in as " + name, this.server.events(false).mask(name), name)
			.add(null, this.server.name(), "903", "SASL authentication successful", client.me()));
	}

	private void pass(Session session, List<String> args) {
		IrcClient client = client(session);
		if (client.registered()) {
			send(session, client.reply("462", "You may not reregister"));
			return;
		}
		client.password(args.get(0));
	}

	private void nick(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.isEmpty() || args.get(0).isEmpty()) {
			send(session, client.reply("431", "No nickname given"));
			return;
		}
		String nick = args.get(0);
		if (client.registered()) {
			if (!nick.equals(client.nick())) {
				send(session, client.reply("432", "Your nick is your account name and cannot change", nick));
			}
			return;
		}
		if (!UserNames.isValid(nick)) {
			send(session, client.reply("432",
					"Erroneous nickname: 2-32 letters, digits, _ or -, starting with a letter", nick));
			return;
		}
		client.nick(nick);
		completeRegistration(session, client);
	}

	private void user(Session session, List<String> args) {
		IrcClient client = client(session);
		if (client.registered() || client.user() != null) {
			send(session, client.reply("462", "You may not reregister"));
			return;
		}
		client.user(args.get(0));
		completeRegistration(session, client);
	}

	/** Once NICK and USER are in and capability negotiation is over: the login, then the welcome. */
	private void completeRegistration(Session session, IrcClient client) {
		if (client.registered() || client.nick() == null || client.user() == null || client.negotiating()) {
			return;
		}
		String nick = client.nick();
		String account = client.saslAccount();
		Reply.Error refused;
		if (account != null) {
			refused = this.chat.enter(session, account, "login");
		}
		else if (client.password() != null) {
			AccountResult result = this.chat.checkPassword(session, nick, client.password());
			if (result instanceof AccountResult.Failure failure) {
				refuse(session, client, failure.code());
				return;
			}
			account = ((AccountResult.Success) result).account().name();
			refused = this.chat.enter(session, account, "login");
		}
		else if (this.chat.guestsAllowed()) {
			refused = this.chat.accountExists(nick)
					? new Reply.Error(ErrorCode.NAME_TAKEN,
							"Nickname is registered; log in with SASL or PASS, or choose another", nick)
					: this.chat.enterAsGuest(session, nick);
		}
		else {
			send(session, client.reply("464",
					"This server needs an account: log in with SASL PLAIN or PASS (guests are off)"));
			session.end(new Reply.Bye("password required"), false);
			return;
		}
		if (refused != null) {
			if (refused.code() == ErrorCode.NAME_TAKEN) {
				// the client may pick another nick and carry on registering
				client.nick(null);
				send(session, client.reply("433", refused.text(), nick));
				return;
			}
			session.send(refused);
			session.end(new Reply.Bye(refused.code().wireName()), false);
			return;
		}
		if (!session.isLoggedIn()) {
			return; // the connection went away meanwhile
		}
		String name = session.user();
		if (!name.equals(nick)) {
			send(session, new IrcLine().addPlain(null, client.mask(), "NICK", name));
			client.nick(name);
		}
		client.registered(true);
		welcome(session, client);
	}

	private void refuse(Session session, IrcClient client, ErrorCode code) {
		send(session, switch (code) {
			case BANNED -> client.reply("465", "You are banned from this server");
			case RATE_LIMITED -> client.reply("464", "Too many failed logins; wait a few minutes");
			case SERVER_BUSY -> client.reply("464", "Too many logins in progress; try again in a few seconds");
			default -> client.reply("464", "Password incorrect");
		});
		session.end(new Reply.Bye(code.wireName()), false);
	}

	private void welcome(Session session, IrcClient client) {
		String me = client.nick();
		IrcLine lines = client.reply("001", "Welcome to the " + this.server.network() + " network, " + me)
			.add(null, this.server.name(), "002",
					"Your host is " + this.server.name() + ", running version Parley-" + this.server.version(), me)
			.add(null, this.server.name(), "003", "This server was created " + this.server.startedAt(), me)
			.addPlain(null, this.server.name(), "004", me, this.server.name(), "Parley-" + this.server.version(),
					"i", "nt")
			.add(null, this.server.name(), "005", "are supported by this server", me, "CASEMAPPING=ascii",
					"CHANTYPES=#", "CHANNELLEN=" + (RoomNames.MAX_LENGTH + 1),
					"NICKLEN=" + UserNames.MAX_LENGTH, "NETWORK=" + this.server.network(), "PREFIX=()",
					"CHANMODES=,,,nt", "AWAYLEN=" + IrcLine.MAX_AWAY, "TOPICLEN=0", "UTF8ONLY", "SAFELIST");
		// a second 005: a line has at most 15 parameters
		List<String> limits = new ArrayList<>(List.of(me));
		limits.addAll(this.targets.isupport());
		lines.add(null, this.server.name(), "005", "are supported by this server", limits.toArray(String[]::new));
		send(session, lines);
		motd(session, client);
	}

	private void motd(Session session, IrcClient client) {
		List<String> motd = client.motd();
		if (motd.isEmpty()) {
			send(session, client.reply("422", "MOTD File is missing"));
			return;
		}
		IrcLine lines = client.reply("375", "- " + this.server.name() + " Message of the day -");
		for (String line : motd) {
			lines.add(null, this.server.name(), "372", "- " + line, client.nick());
		}
		send(session, lines.add(null, this.server.name(), "376", "End of /MOTD command.", client.nick()));
	}

	private void ping(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("409", "No origin specified"));
			return;
		}
		this.chat.ping(session, args.get(0));
	}

	// chat

	private void join(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("461", "Not enough parameters", "JOIN"));
			return;
		}
		if (args.get(0).equals("0")) {
			for (String room : this.chat.roomsOf(session.user())) {
				this.chat.leave(session, room);
			}
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		for (String channel : channels.handled()) {
			if (!isChannel(channel)) {
				send(session, client(session).reply("403", "No such channel", channel));
			}
			else if (this.chat.join(session, channel)) {
				names(session, channel);
			}
		}
		tooManyTargets(session, channels);
	}

	private void part(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("461", "Not enough parameters", "PART"));
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		for (String channel : channels.handled()) {
			if (isChannel(channel)) {
				this.chat.leave(session, channel);
			}
			else {
				send(session, client(session).reply("403", "No such channel", channel));
			}
		}
		tooManyTargets(session, channels);
	}

	private void message(Session session, List<String> args, boolean notice) {
		String command = notice ? "NOTICE" : "PRIVMSG";
		if (args.isEmpty()) {
			send(session, client(session).reply("411", "No recipient given (" + command + ")"));
			return;
		}
		if (args.size() < 2 || args.get(1).isEmpty()) {
			send(session, client(session).reply("412", "No text to send"));
			return;
		}
		String text = CtcpText.toChat(IrcFormatting.strip(args.get(1)), session.user());
		if (text == null) {
			return; // a CTCP query other than ACTION: not relayed, so nobody can probe other clients through us
		}
		IrcTargets.TargetList targets = charged(session, this.targets.messageTargets(args.get(0)));
		if (targets.handled().isEmpty()) {
			send(session, client(session).reply("411", "No recipient given (" + command + ")"));
			return;
		}
		for (String target : targets.handled()) {
			if (target.equals("$*")) {
				// a mass message is for the server's admins, as IRC servers keep it for their operators
				if (this.chat.isAdmin(session)) {
					this.chat.broadcast(session, text);
				}
				else {
					send(session, client(session).reply("481", "Permission Denied- You're not an IRC operator"));
				}
			}
			else if (target.startsWith("#")) {
				sayInChannel(session, target, text, notice);
			}
			else {
				this.chat.privateMessage(session, target, text, notice);
				if (!notice) {
					this.chat.userInfo(target)
						.filter(user -> user.away() != null)
						.ifPresent(user -> send(session, client(session).reply("301", user.away(), user.name())));
				}
			}
		}
		tooManyTargets(session, targets);
	}

	/**
	 * A line's targets, charged to the session's allowance: each target handled costs a line (the line itself
	 * paid for the first), so a message to four targets costs as much as four messages.
	 */
	private static IrcTargets.TargetList charged(Session session, IrcTargets.TargetList targets) {
		session.lineBudget().charge(targets.handled().size() - 1);
		return targets;
	}

	/** {@code 407} naming the first target past the bound, after the handled ones are done with. */
	private static void tooManyTargets(Session session, IrcTargets.TargetList targets) {
		if (targets.firstDropped() != null) {
			send(session, client(session).reply("407",
					"Too many recipients. Only " + targets.handled().size() + " processed",
					TextCleaner.excerpt(targets.firstDropped())));
		}
	}

	/** IRC answers a message to a channel one is not in with 404, where the chat core says not-in-room. */
	private void sayInChannel(Session session, String channel, String text, boolean notice) {
		// membership first: it is the common case, and cheaper than asking whether the room exists
		if (isChannel(channel) && !this.chat.roomsOf(session.user()).contains(RoomNames.canonical(channel))
				&& this.chat.roomExists(channel)) {
			send(session, client(session).reply("404", "Cannot send to channel", "#" + RoomNames.canonical(channel)));
			return;
		}
		this.chat.say(session, channel, text, notice);
	}

	private void names(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("366", "End of /NAMES list", "*"));
			return;
		}
		IrcTargets.TargetList channels = charged(session, this.targets.channelTargets(args.get(0)));
		for (String channel : channels.handled()) {
			names(session, channel);
		}
		tooManyTargets(session, channels);
	}

	/** {@code 353} lines of as many names as fit, a page of members at a time as the client reads, then 366. */
	private void names(Session session, String channel) {
		IrcClient client = client(session);
		String name = isChannel(channel) ? "#" + RoomNames.canonical(channel) : channel;
		session.sendPages(ReplyPages.of((after, limit) -> this.chat.roomMembersAfter(channel, after, limit),
				member -> member, ChatService.PAGE_SIZE, (members, first, last) -> {
					IrcLine lines = new IrcLine();
					if (!members.isEmpty()) {
						lines.addList(this.server.name(), "353", members, client.me(), "=", name);
					}
					return (last ? lines.add(null, this.server.name(), "366", "End of /NAMES list", client.me(), name)
							: lines).bytes();
				}));
	}

	/**
	 * The 315 that ends the reply echoes the mask as the client sent it, which is how clients match it up. A
	 * channel's members or everyone online come a page at a time as the client reads.
	 */
	private void who(Session session, List<String> args) {
		IrcClient client = client(session);
		String mask = args.isEmpty() ? "*" : args.get(0);
		String echo = TextCleaner.clean(mask);
		Predicate<String> away = name -> this.chat.userInfo(name).map(user -> user.away() != null).orElse(false);
		ReplyPages.Listing<String> users;
		String channel = "*";
		if (isChannel(mask)) {
			users = (after, limit) -> this.chat.roomMembersAfter(mask, after, limit);
			channel = "#" + RoomNames.canonical(mask);
		}
		else if (mask.equals("*") || mask.equals("0")) {
			users = this.chat::onlineNamesAfter;
		}
		else {
			List<String> one = this.chat.userInfo(mask).map(u -> List.of(u.name())).orElse(List.of());
			send(session, client.who(echo, channel, one, away, true));
			return;
		}
		String shownChannel = channel;
		session.sendPages(ReplyPages.of(users, name -> name, ChatService.PAGE_SIZE,
				(names, first, last) -> client.who(echo, shownChannel, names, away, last).bytes()));
	}

	private void whois(Session session, List<String> args) {
		IrcClient client = client(session);
		String nick = args.get(args.size() - 1);
		IrcLine lines = this.chat.userInfo(nick).map(user -> {
			IrcLine found = client.reply("311", user.guest() ? "guest" : "Parley user", user.name(), user.name(),
					this.server.host(), "*");
			if (!user.rooms().isEmpty()) {
				found.addList(this.server.name(), "319", user.rooms().stream().map(r -> "#" + r).toList(), client.me(),
						user.name());
			}
			found.add(null, this.server.name(), "312", this.server.network(), client.me(), user.name(),
					this.server.name());
			if (user.away() != null) {
				found.add(null, this.server.name(), "301", user.away(), client.me(), user.name());
			}
			if (!user.guest()) {
				found.add(null, this.server.name(), "330", "is logged in as", client.me(), user.name(), user.name());
			}
			return found;
		}).orElseGet(() -> client.reply("401", "No such nick/channel", nick));
		send(session, lines.add(null, this.server.name(), "318", "End of /WHOIS list", client.me(), nick));
	}

	private void topic(Session session, List<String> args) {
		IrcClient client = client(session);
		String channel = args.get(0);
		if (!isChannel(channel) || this.chat.roomMembers(channel).isEmpty()) {
			send(session, client.reply("403", "No such channel", channel));
		}
		else if (args.size() > 1) {
			send(session, client.reply("482", "Topics are read-only on Parley", channel));
		}
		else {
			send(session, client.reply("331", "No topic is set", "#" + RoomNames.canonical(channel)));
		}
	}

	private void mode(Session session, List<String> args) {
		IrcClient client = client(session);
		String target = args.get(0);
		if (isChannel(target)) {
			if (this.chat.roomMembers(target).isEmpty()) {
				send(session, client.reply("403", "No such channel", target));
			}
			else if (args.size() == 1) {
				send(session, new IrcLine().addPlain(null, this.server.name(), "324", client.me(),
						"#" + RoomNames.canonical(target), "+nt"));
			}
			else if (args.get(1).equals("b") || args.get(1).equals("+b")) {
				send(session, client.reply("368", "End of channel ban list", "#" + RoomNames.canonical(target)));
			}
			else {
				send(session, client.reply("482", "Channel modes are fixed on Parley", target));
			}
		}
		else if (target.equalsIgnoreCase(client.nick())) {
			send(session, new IrcLine().addPlain(null, this.server.name(), "221", client.me(), "+i"));
		}
		else {
			send(session, client.reply("502", "Can't change mode for other users"));
		}
	}

	private void away(Session session, List<String> args) {
		String message = args.isEmpty() ? null : args.get(0);
		this.chat.setAway(session, message);
		boolean away = message != null && !message.isBlank();
		send(session, away ? client(session).reply("306", "You have been marked as being away")
				: client(session).reply("305", "You are no longer marked as being away"));
	}

	private void ison(Session session, List<String> args) {
		List<String> online = new ArrayList<>();
		for (String param : args) {
			for (String nick : param.strip().split(" +")) {
				this.chat.userInfo(nick).ifPresent(user -> online.add(user.name()));
			}
		}
		send(session, client(session).reply("303", String.join(" ", online)));
	}

	private static boolean isChannel(String name) {
		return name.startsWith("#") && RoomNames.isValid(name);
	}

}
