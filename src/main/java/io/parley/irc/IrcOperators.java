package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.util.List;

import io.parley.account.AccountResult;
import io.parley.account.Role;
import io.parley.chat.Logins;
import io.parley.chat.UserStatus;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRC operators are Parley's admins: {@code OPER <name> <password>} with the credentials of an account whose
 * role is {@code ADMIN} makes the session an operator (user mode {@code +o}) until it ends, whatever nick it
 * chats under. Operators may {@code KILL} a user (every session of it ends) and send {@code WALLOPS} to the
 * sessions that set user mode {@code +w}. User modes themselves ({@code MODE <own nick> [+-iwo]}) are here too.
 */
final class IrcOperators {

	private final Logins logins;

	private final UserStatus users;

	private final IrcServer server;

	IrcOperators(Logins logins, UserStatus users, IrcServer server) {
		this.logins = logins;
		this.users = users;
		this.server = server;
	}

	void oper(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.size() < 2) {
			send(session, client.reply("461", "Not enough parameters", "OPER"));
			return;
		}
		// the password check is a login's: throttled and counted as one, so OPER is no way around the lockout
		AccountResult result = this.logins.checkPassword(session, args.get(0), args.get(1));
		if (!(result instanceof AccountResult.Success success)) {
			send(session, client.reply("464", "Password incorrect"));
			return;
		}
		if (success.account().role() != Role.ADMIN || success.account().banned()) {
			send(session, client.reply("491", "No O-lines for your host: only admin accounts are operators"));
			return;
		}
		this.server.directory().operator(session);
		client.operator(true);
		send(session, client.reply("381", "You are now an IRC operator")
			.addPlain(null, this.server.name(), "MODE", client.me(), "+o"));
	}

	void kill(Session session, List<String> args) {
		IrcClient client = client(session);
		if (!client.operator()) {
			send(session, client.reply("481", "Permission Denied- You're not an IRC operator"));
			return;
		}
		String nick = args.get(0);
		String reason = (args.size() > 1 && !args.get(1).isBlank()) ? TextCleaner.clean(args.get(1)) : "no reason";
		if (this.users.userInfo(nick).isEmpty()) {
			send(session, client.reply("401", "No such nick/channel", TextCleaner.excerpt(nick)));
			return;
		}
		this.logins.endSessionsOf(nick, new Reply.Bye("Killed (" + client.me() + " (" + reason + "))"));
	}

	void wallops(Session session, List<String> args) {
		IrcClient client = client(session);
		if (!client.operator()) {
			send(session, client.reply("481", "Permission Denied- You're not an IRC operator"));
			return;
		}
		if (args.isEmpty() || args.get(0).isEmpty()) {
			send(session, client.reply("461", "Not enough parameters", "WALLOPS"));
			return;
		}
		byte[] line = new IrcLine().add(null, client.mask(), "WALLOPS", TextCleaner.clean(args.get(0))).bytes();
		this.server.directory().wallopsReaders().forEach(reader -> reader.sendEncoded(line));
	}

	/**
	 * {@code MODE <own nick> [modes]}: {@code 221} with the modes, or the change made: {@code +w} and {@code -w}
	 * (WALLOPS), {@code -o} (an operator steps down); {@code +o} only through OPER, {@code i} always on.
	 */
	private boolean bot(Session session, IrcClient client, boolean on) {
		client.bot(on);
		this.server.directory().bot(session, on);
		return true;
	}

	void userMode(Session session, List<String> args) {
		IrcClient client = client(session);
		if (args.size() < 2) {
			send(session, new IrcLine().addPlain(null, this.server.name(), "221", client.me(), client.userModes()));
			return;
		}
		StringBuilder done = new StringBuilder();
		boolean adding = true;
		char shownSign = 0;
		boolean unknown = false;
		for (char c : args.get(1).toCharArray()) {
			if (c == '+' || c == '-') {
				adding = c == '+';
				continue;
			}
			boolean changed = switch (c) {
				case 'w' -> client.wallops() != adding && set(session, client, adding);
				case 'o' -> !adding && client.operator() && stepDown(session, client);
				case 'i' -> false;
				// BOT=B: a bot says so (the bot tag on its messages, B in WHO, 335 in WHOIS)
				case 'B' -> client.bot() != adding && bot(session, client, adding);
				default -> {
					unknown = true;
					yield false;
				}
			};
			if (changed) {
				char sign = adding ? '+' : '-';
				if (sign != shownSign) {
					done.append(sign);
					shownSign = sign;
				}
				done.append(c);
			}
		}
		IrcLine lines = new IrcLine();
		if (unknown) {
			lines.add(null, this.server.name(), "501", "Unknown MODE flag", client.me());
		}
		if (!done.isEmpty()) {
			lines.addPlain(null, client.mask(), "MODE", client.me(), done.toString());
		}
		send(session, lines);
	}

	private boolean set(Session session, IrcClient client, boolean wallops) {
		client.wallops(wallops);
		this.server.directory().wallops(session, wallops);
		return true;
	}

	private boolean stepDown(Session session, IrcClient client) {
		client.operator(false);
		this.server.directory().notOperator(session);
		return true;
	}

}
