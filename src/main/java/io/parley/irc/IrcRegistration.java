package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.parley.account.AccountResult;
import io.parley.account.UserNames;
import io.parley.chat.Logins;
import io.parley.chat.RoomNames;
import io.parley.protocol.ChatError;
import io.parley.protocol.EncryptedEnvelope;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRC registration: capability negotiation, SASL PLAIN, PASS, NICK and USER, ending in the same login as the
 * line protocol's {@code /login} (or a guest's), then the welcome burst and the message of the day.
 * <p>
 * Longer than most classes here: capability negotiation, SASL and PASS/NICK/USER are one state machine over the
 * client's registration state, and each step decides whether registration is complete; split apart, each part
 * would need the others' state and the completion check again.
 */
final class IrcRegistration {

	/** What a client may request with {@code CAP REQ}. */
	private static final Set<String> CAPABILITIES = Set.of("sasl", "server-time", "message-tags", "batch",
			"echo-message", "labeled-response", "multi-prefix", "cap-notify", "userhost-in-names",
			"draft/account-registration", IrcReadMarkers.CAPABILITY, "extended-monitor",
			IrcAwayNotify.CAPABILITY, EncryptedEnvelope.IRC_CAPABILITY, IrcMetadata.CAPABILITY,
			IrcSetname.CAPABILITY);

	/**
	 * {@code CAP LS} between {@code sasl} and {@code draft/account-registration}: {@code multi-prefix} (NAMES and
	 * WHO show every prefix of a member's rank), {@code cap-notify} (the list never changes while a client is
	 * connected, so there is never a NEW or DEL to send), {@code userhost-in-names} (NAMES gives
	 * {@code nick!user@host}), {@code extended-monitor} (MONITOR tells of what the watcher's other capabilities
	 * tell of channel peers: away-notify's AWAY lines and SETNAME), {@code away-notify} ({@link IrcAwayNotify}),
	 * {@code setname} ({@link IrcSetname}).
	 */
	private static final String OTHER_CAPABILITIES = "server-time message-tags batch echo-message labeled-response "
			+ "multi-prefix cap-notify userhost-in-names " + IrcReadMarkers.CAPABILITY + " extended-monitor "
			+ IrcAwayNotify.CAPABILITY + " " + IrcSetname.CAPABILITY;

	/** Requestable while history is on (issue 17). */
	private static final String CHATHISTORY = "draft/chathistory";

	/** SASL sends its payload in chunks of this size; a shorter chunk (or {@code +}) ends it. */
	private static final int SASL_CHUNK = 400;

	/**
	 * The most base64 a SASL exchange may send in all: a PLAIN payload of two names and the longest password
	 * with room to spare. Past it the exchange fails with {@code 904} and the payload's further chunks are read
	 * past unanswered, so no client makes the server keep an endless buffer or answer each chunk.
	 */
	static final int MAX_SASL_PAYLOAD = 8 * SASL_CHUNK;

	/** USER's user name, cut to what other servers keep (USERLEN). */
	static final int MAX_USER = 16;

	/** USER's real name, cut past this many characters: it is shown in WHO and WHOIS lines. */
	static final int MAX_REAL_NAME = 100;

	private final Logins logins;

	private final IrcServer server;

	private final IrcIsupport isupport;

	private final IrcMetadata metadata;

	IrcRegistration(Logins logins, IrcServer server, IrcIsupport isupport, IrcMetadata metadata) {
		this.metadata = metadata;
		this.logins = logins;
		this.server = server;
		this.isupport = isupport;
	}

	void cap(Session session, List<String> args) {
		IrcClient client = client(session);
		String sub = args.isEmpty() ? "" : args.get(0).toUpperCase(Locale.ROOT);
		switch (sub) {
			case "LS" -> {
				if (!client.registered()) {
					client.negotiating(true);
				}
				boolean v302 = args.size() > 1 && args.get(1).compareTo("302") >= 0;
				send(session, new IrcLine().add(null, this.server.name(), "CAP",
						(v302 ? "sasl=PLAIN " : "sasl ") + OTHER_CAPABILITIES
								+ (v302 ? " draft/account-registration=before-connect" : " draft/account-registration")
								+ (this.server.history() ? " " + CHATHISTORY : "")
								+ " " + IrcMetadata.CAPABILITY + (v302 ? "=" + IrcMetadata.CAP_VALUE : "")
								// the web page's end-to-end encrypted private messages (issue 21)
								+ " " + EncryptedEnvelope.IRC_CAPABILITY,
						client.me(), "LS"));
			}
			case "REQ" -> {
				if (!client.registered()) {
					client.negotiating(true);
				}
				String requested = (args.size() > 1) ? args.get(1).strip() : "";
				List<String> names = List.of(requested.split(" +"));
				boolean known = !requested.isEmpty() && names.stream()
					.allMatch(c -> offered(c.startsWith("-") ? c.substring(1) : c));
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

	private boolean offered(String capability) {
		return CAPABILITIES.contains(capability) || (this.server.history() && capability.equals(CHATHISTORY));
	}

	void authenticate(Session session, List<String> args) {
		IrcClient client = client(session);
		String data = args.get(0);
		if (client.saslAccount() != null) {
			send(session, client.reply("907", "You have already authenticated using SASL"));
			return;
		}
		if (client.registered()) {
			// a guest cannot become an account in the middle of its session: it would change its nick under it
			send(session, client.reply("462", "You may not reregister: log in with SASL before registering"));
			return;
		}
		if (data.equals("*")) {
			client.saslStarted(false);
			send(session, client.reply("906", "SASL authentication aborted"));
			return;
		}
		if (client.saslDiscarding()) {
			client.saslDiscarding(data.length() == SASL_CHUNK);
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
		if (data.length() > SASL_CHUNK) {
			client.saslStarted(false);
			send(session, client.reply("905", "SASL message too long"));
			return;
		}
		if (!data.equals("+")) {
			if (client.saslBuffer().length() + data.length() > MAX_SASL_PAYLOAD) {
				// too long in all: failed, and the rest of this payload's chunks are read past without an answer
				client.saslStarted(false);
				client.saslDiscarding(data.length() == SASL_CHUNK);
				send(session, client.reply("904", "SASL authentication failed: the payload is too long"));
				return;
			}
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
		AccountResult result = this.logins.checkPassword(session, account, parts[2]);
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

	/**
	 * IRCv3 {@code draft/account-registration}: {@code REGISTER <account> <email> <password>} before the
	 * connection's registration ends ({@code *} for the nick sent); the email is not kept. Success leaves the
	 * client authenticated as the new account, as SASL does, and the welcome follows its {@code CAP END}.
	 */
	void register(Session session, List<String> args) {
		IrcClient client = client(session);
		String account = args.get(0).equals("*") ? client.nick() : args.get(0);
		if (client.registered() || client.saslAccount() != null) {
			send(session, fail("ALREADY_AUTHENTICATED", "*", "You are already logged in"));
			return;
		}
		if (account == null) {
			send(session, fail("BAD_ACCOUNT_NAME", "*", "Send NICK first, or name the account"));
			return;
		}
		AccountResult result = this.logins.registerAccount(session, account, args.get(2));
		if (result == null) {
			send(session, fail("TEMPORARILY_UNAVAILABLE", account, "Too many accounts registered from your address"));
			return;
		}
		if (result instanceof AccountResult.Failure failure) {
			String code = switch (failure.code()) {
				case NAME_TAKEN -> "ACCOUNT_EXISTS";
				case BAD_NAME -> "BAD_ACCOUNT_NAME";
				case WEAK_PASSWORD -> "WEAK_PASSWORD";
				default -> "TEMPORARILY_UNAVAILABLE";
			};
			send(session, fail(code, account, failure.text()));
			return;
		}
		String name = ((AccountResult.Success) result).account().name();
		client.saslAccount(name);
		send(session, new IrcLine().add(null, this.server.name(), "REGISTER", "Account created", "SUCCESS", name)
			.add(null, this.server.name(), "900", "You are now logged in as " + name, client.me(),
					this.server.events(false).mask(name), name));
		completeRegistration(session, client);
	}

	private static IrcLine fail(String code, String account, String text) {
		return new IrcLine().add(null, null, "FAIL", text, "REGISTER", code, account);
	}

	void pass(Session session, List<String> args) {
		IrcClient client = client(session);
		if (client.registered()) {
			send(session, client.reply("462", "You may not reregister"));
			return;
		}
		client.password(args.get(0));
	}

	void nick(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.isEmpty() || args.get(0).isEmpty()) {
			send(session, client.reply("431", "No nickname given"));
			return;
		}
		String nick = args.get(0);
		if (client.registered()) {
			changeNick(session, client, nick);
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

	/**
	 * The user name as others see it in masks, WHO and WHOIS: its letters, digits, {@code _ - . ~} (never a
	 * space, {@code !}, {@code @} or a control character, which would break a mask), at most {@value #MAX_USER};
	 * a name with none of them is {@code user}.
	 */
	static String userName(String sent) {
		StringBuilder kept = new StringBuilder();
		sent.codePoints()
			.filter(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '~')
			.limit(MAX_USER)
			.forEach(kept::appendCodePoint);
		return kept.isEmpty() ? "user" : kept.toString();
	}

	/**
	 * NICK after registration: a guest takes the new name (433 when someone holds it or it is registered, 432
	 * when it is no valid name), told to itself and its rooms as {@code NICK}; an account's nick is its name
	 * and stays (432), as with Ergo's {@code force-nick-equals-account}.
	 */
	private void changeNick(Session session, IrcClient client, String nick) {
		String from = client.nick();
		if (nick.equals(from)) {
			return;
		}
		if (!this.logins.isGuestOnline(from)) {
			send(session, client.reply("432", "Your nick is your account name and cannot change", TextCleaner.excerpt(nick)));
			return;
		}
		ChatError refused = this.logins.renameGuest(session, nick);
		if (refused != null) {
			session.send(new Reply.Refused(refused));
			return;
		}
		this.server.directory().renamed(session, from, nick);
		client.nick(nick);
	}

	void user(Session session, List<String> args) {
		IrcClient client = client(session);
		if (client.registered() || client.user() != null) {
			send(session, client.reply("462", "You may not reregister"));
			return;
		}
		String user = args.get(0);
		String realName = args.get(3);
		if (user.isEmpty() || realName.isEmpty()) {
			send(session, client.reply("461", "Not enough parameters", "USER"));
			return;
		}
		client.user(userName(user));
		String cleanName = TextCleaner.clean(realName);
		client.realName(cleanName.codePointCount(0, cleanName.length()) <= MAX_REAL_NAME ? cleanName
				: cleanName.substring(0, cleanName.offsetByCodePoints(0, MAX_REAL_NAME)));
		completeRegistration(session, client);
	}

	/** Once NICK and USER are in and capability negotiation is over: the login, then the welcome. */
	private void completeRegistration(Session session, IrcClient client) {
		if (client.registered() || client.nick() == null || client.user() == null || client.negotiating()) {
			return;
		}
		try {
			logInAndWelcome(session, client);
		}
		finally {
			session.releaseHeld(); // channel lines of the account's other sessions, after the welcome
		}
	}

	private void logInAndWelcome(Session session, IrcClient client) {
		String nick = client.nick();
		String account = client.saslAccount();
		ChatError refused;
		if (account != null) {
			refused = this.logins.enter(session, account, "login");
		}
		else if (client.password() != null) {
			AccountResult result = this.logins.checkPassword(session, nick, client.password());
			if (result instanceof AccountResult.Failure failure) {
				refuse(session, client, failure.code());
				return;
			}
			account = ((AccountResult.Success) result).account().name();
			refused = this.logins.enter(session, account, "login");
		}
		else if (this.logins.guestsAllowed()) {
			refused = this.logins.accountExists(nick) ? ChatError.of(ChatError.Kind.NAME_REGISTERED, nick)
					: this.logins.enterAsGuest(session, nick);
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
				session.send(new Reply.Refused(refused));
				return;
			}
			session.send(new Reply.Refused(refused));
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
		this.server.directory().registered(session, name, new IrcDirectory.Identity(client.user(), client.realName()));
		welcome(session, client);
		this.metadata.registered(session);
		// private messages kept while this account was offline, as history (a chathistory batch with batch)
		this.logins.deliverOfflineMessages(session);
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
					"Biow", "Iiklmnoqstv", "Ibklovq");
		lines.add(this.isupport.lines(me));
		send(session, lines);
		motd(session, client);
	}

	void motd(Session session, IrcClient client) {
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

	void ping(Session session, List<String> args) {
		if (args.isEmpty()) {
			send(session, client(session).reply("409", "No origin specified"));
			return;
		}
		this.logins.ping(session, args.get(0));
	}
}
