package io.parley.line;

import static io.parley.protocol.CommandSpec.afterLogin;
import static io.parley.protocol.CommandSpec.beforeLogin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import io.parley.chat.Broadcasts;
import io.parley.chat.Listings;
import io.parley.chat.Logins;
import io.parley.chat.PrivateMessages;
import io.parley.chat.RoomModeration;
import io.parley.chat.RoomNames;
import io.parley.chat.Rooms;
import io.parley.protocol.ChatError;
import io.parley.protocol.RoomMode;
import io.parley.history.HistoryReader;
import io.parley.files.FileSharing;
import io.parley.protocol.Arity;
import io.parley.protocol.ChatError;
import io.parley.protocol.CommandDispatcher;
import io.parley.protocol.CommandSpec;
import io.parley.protocol.CommandTable;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.protocol.TextCleaner;
import io.parley.session.ChatProtocol;
import io.parley.session.Session;

/**
 * The line protocol: its commands, each declared once, the way a line reaches them, and its greeting. One
 * {@link LineCodec} serves every session, as the protocol keeps no state per session beyond the session's own.
 */
@Component
public class LineCommands implements ChatProtocol {

	public static final String PROTOCOL = "line";

	private final LineCodec codec = new LineCodec();

	/** The codec of sessions that asked for message ids and times ({@code /ids on}). */
	private final LineCodec codecWithIds = new LineCodec(true);

	private final String version;

	private final CommandTable<Session> table;

	/** Plain text is a command without a name: to the current room, after login. */
	private final CommandSpec<Session> plainText;

	private final CommandDispatcher<Session> dispatcher = new CommandDispatcher<>(Session::isLoggedIn,
			(session, error) -> session.send(new Reply.Refused(error)));

	private final FileSharing files;

	LineCommands(Logins logins, Rooms rooms, PrivateMessages messages, Broadcasts broadcasts, Listings listings,
			RoomModeration moderation, FileSharing files, ObjectProvider<BuildProperties> build,
			ObjectProvider<HistoryReader> history) {
		this.files = files;
		BuildProperties buildProperties = build.getIfAvailable();
		LineHistory lineHistory = new LineHistory(history.getIfAvailable());
		this.version = (buildProperties != null) ? buildProperties.getVersion() : "dev";
		this.plainText = afterLogin("", Arity.wordsThenText(0), "<text>", "say <text> in your current room",
				(s, a) -> rooms.sayInCurrentRoom(s, a.get(0)), (s, a) -> rooms.sayInCurrentRoomNeverWaits(s));
		this.table = new CommandTable<>(List.of(
				beforeLogin("register", Arity.exactly(2), "/register <name> <password>",
						"create an account and log in", (s, a) -> logins.register(s, a.get(0), a.get(1))),
				beforeLogin("login", Arity.exactly(2), "/login <name> <password>", "log in",
						(s, a) -> logins.login(s, a.get(0), a.get(1))),
				beforeLogin("guest", Arity.exactly(1), "/guest <name>",
						"chat without an account, under a name nobody has registered (if the server allows guests)",
						(s, a) -> logins.guest(s, a.get(0))),
				afterLogin("msg", Arity.wordsThenText(1), "/msg <name> <text>", "private message to <name>",
						(s, a) -> messages.send(s, a.get(0), a.get(1)),
						(s, a) -> messages.sendNeverWaits(a.get(0))),
				afterLogin("join", new Arity(1, 1, false), "/join <room> [<key>]",
						"join a room, created if new (you own a room you make); <key> for a room that has one",
						(s, a) -> rooms.join(s, a.get(0), (a.size() > 1) ? a.get(1) : null)),
				afterLogin("leave", Arity.exactly(1), "/leave <room>", "leave a room",
						(s, a) -> rooms.leave(s, a.get(0))),
				afterLogin("say", Arity.wordsThenText(1), "/say <room> <text>", "say <text> in a room you are in",
						(s, a) -> rooms.say(s, a.get(0), a.get(1)),
						(s, a) -> rooms.sayNeverWaits(a.get(0))),
				afterLogin("all", Arity.wordsThenText(0), "/all <text>", "say <text> to everyone online",
						(s, a) -> broadcasts.broadcast(s, a.get(0))),
				afterLogin("who", Arity.upTo(1), "/who [<room>]", "who is online, or in <room>",
						(s, a) -> listings.who(s, a.isEmpty() ? null : a.get(0))),
				afterLogin("rooms", Arity.NONE, "/rooms", "rooms and how many are in each",
						(s, a) -> listings.rooms(s)),
				// room rules (issue 16): who may do which is the chat core's one table, RoomAction
				afterLogin("room", Arity.exactly(1), "/room <room>", "owner, topic, flags, operators and voices of a room",
						(s, a) -> moderation.info(s, a.get(0))),
				afterLogin("topic", Arity.wordsThenText(1), "/topic <room> <text>", "set the topic of a room",
						(s, a) -> moderation.topic(s, a.get(0), a.get(1))),
				afterLogin("untopic", Arity.exactly(1), "/untopic <room>", "clear the topic of a room",
						(s, a) -> moderation.topic(s, a.get(0), "")),
				afterLogin("kick", new Arity(2, 1, true), "/kick <room> <name> [<reason>]",
						"remove a member from a room (operators)",
						(s, a) -> moderation.kick(s, a.get(0), a.get(1), (a.size() > 2) ? a.get(2) : null)),
				afterLogin("invite", Arity.exactly(2), "/invite <room> <name>",
						"let <name> into a room once, past invite-only, key and limit", (s, a) -> moderation.invite(s,
								a.get(0), a.get(1))),
				modeCommand(moderation, "op", true, RoomMode.OPERATOR, "make <name> an operator (owners)"),
				modeCommand(moderation, "deop", false, RoomMode.OPERATOR, "take operator away from <name> (owners)"),
				modeCommand(moderation, "voice", true, RoomMode.VOICE, "let <name> speak in a moderated room (operators)"),
				modeCommand(moderation, "devoice", false, RoomMode.VOICE, "take voice away from <name> (operators)"),
				modeCommand(moderation, "ban", true, RoomMode.BAN, "keep <name> out of a room, and remove it (operators)"),
				modeCommand(moderation, "unban", false, RoomMode.BAN, "lift a ban (operators)"),
				modeCommand(moderation, "mute", true, RoomMode.MUTE, "keep one member from speaking (operators)"),
				modeCommand(moderation, "unmute", false, RoomMode.MUTE, "lift a mute (operators)"),
				modeCommand(moderation, "allow", true, RoomMode.INVITE,
						"put <name> on the invite list of an invite-only room (operators)"),
				modeCommand(moderation, "disallow", false, RoomMode.INVITE, "take <name> off the invite list (operators)"),
				modeCommand(moderation, "owner", true, RoomMode.OWNER, "hand the room to the account <name> (owners)"),
				afterLogin("flags", new Arity(2, FLAGS_PER_LINE - 1, false), "/flags <room> <+flag|-flag> ...",
						"set or clear flags (operators): topic-lock, invite-only, moderated, secret, key=<key>, limit=<n>",
						(s, a) -> flags(moderation, s, a)),
				afterLogin("history", new Arity(1, 3, false), LineHistory.USAGE,
						"a page of a room's history, or of your conversation with <name>: the latest <n> (50 unless given), "
								+ "or those before or after a message id",
						lineHistory::history),
				beforeLogin("ids", Arity.exactly(1), "/ids on|off",
						"show each message's id and time after its kind (ROOM <id> <time> <room> <from> <text>)",
						this::ids),
				afterLogin("passwd", Arity.exactly(2), "/passwd <old> <new>", "change your password",
						(s, a) -> logins.changePassword(s, a.get(0), a.get(1))),
				beforeLogin("ping", Arity.optionalText(), "/ping [<token>]", "the server answers PONG [<token>]",
						(s, a) -> logins.ping(s, a.isEmpty() ? null : a.get(0)), (s, a) -> true),
				// an answer to the server's PING: the line itself is what keeps the session alive
				beforeLogin("pong", Arity.optionalText(), "/pong [<token>]", "answers the server's PING; no reply",
						(s, a) -> {
						}, (s, a) -> true),
				beforeLogin("help", Arity.upTo(1), "/help [<command>]", "this list, or one command",
						(s, a) -> help(s, a.isEmpty() ? null : a.get(0))),
				beforeLogin("quit", Arity.optionalText(), "/quit [<text>]", "leave; the server says BYE and closes",
						(s, a) -> logins.quit(s, a.isEmpty() ? null : a.get(0))),
				// files (issue 20): uploaded over HTTP, shared here
				afterLogin("share", Arity.exactly(2), "/share <#room|name> <file>",
						"share an uploaded file (its id or link) in a room or with a person; they see a FILE line",
						(s, a) -> files.share(s, a.get(0), a.get(1))),
				afterLogin("filetoken", Arity.NONE, "/filetoken",
						"a short-lived token to upload files over HTTP without your password",
						(s, a) -> files.token(s))));
	}

	/** Flags one {@code /flags} line may name; the chat core bounds the changes per command ({@code parley.rooms.modes-per-command}). */
	private static final int FLAGS_PER_LINE = 32;

	/** {@code /<name> <room> <user>}: one change of a role or a list. */
	private static CommandSpec<Session> modeCommand(RoomModeration moderation, String name, boolean on, RoomMode mode,
			String summary) {
		return afterLogin(name, Arity.exactly(2), "/" + name + " <room> <name>", summary, (s, a) -> {
			RoomModeration.Outcome outcome = moderation.change(s, a.get(0), List.of(new RoomMode.Change(on, mode, a.get(1))));
			if (outcome == RoomModeration.Outcome.UNCHANGED) {
				s.send(new Reply.Ok(name, a.get(0) + " " + a.get(1) + " unchanged"));
			}
		});
	}

	private static void flags(RoomModeration moderation, Session session, List<String> args) {
		List<RoomMode.Change> changes = new ArrayList<>();
		for (String flag : args.subList(1, args.size())) {
			RoomMode.Change change = flag(flag);
			if (change == null) {
				String room = RoomNames.isValid(args.get(0)) ? RoomNames.canonical(args.get(0)) : args.get(0);
				session.send(new Reply.Refused(ChatError.of(ChatError.Kind.UNKNOWN_MODE, room, TextCleaner.excerpt(flag))));
				return;
			}
			changes.add(change);
		}
		if (moderation.change(session, args.get(0), changes) == RoomModeration.Outcome.UNCHANGED) {
			session.send(new Reply.Ok("flags", args.get(0) + " unchanged"));
		}
	}

	/** {@code +moderated}, {@code -key}, {@code +limit=20}: a flag's change, or null for no flag. */
	static RoomMode.Change flag(String text) {
		if (text.length() < 2 || (text.charAt(0) != '+' && text.charAt(0) != '-')) {
			return null;
		}
		boolean on = text.charAt(0) == '+';
		int equals = text.indexOf('=');
		String word = (equals < 0) ? text.substring(1) : text.substring(1, equals);
		String value = (equals < 0) ? null : text.substring(equals + 1);
		for (RoomMode mode : RoomMode.values()) {
			if (mode.kind() == RoomMode.Kind.FLAG && LineCodec.word(mode).equals(word.toLowerCase(Locale.ROOT))) {
				return new RoomMode.Change(on, mode, value);
			}
		}
		return null;
	}

	@Override
	public String name() {
		return PROTOCOL;
	}

	/** Every session starts on the plain codec; {@code /ids} switches it to the other one (both are shared). */
	@Override
	public ReplyEncoder newEncoder() {
		return this.codec;
	}

	private void ids(Session session, List<String> args) {
		String choice = args.get(0).toLowerCase(Locale.ROOT);
		if (!choice.equals("on") && !choice.equals("off")) {
			session.send(new Reply.Refused(ChatError.of(ChatError.Kind.USAGE, "ids", "/ids on|off")));
			return;
		}
		session.encodeWith(choice.equals("on") ? this.codecWithIds : this.codec);
		session.send(new Reply.Ok("ids", choice));
	}

	@Override
	public void opened(Session session) {
		session.send(new Reply.Hello("Parley", this.version, LineCodec.PROTOCOL_VERSION));
	}

	@Override
	public void line(Session session, String line) {
		dispatch(session, this.codec.parse(line));
	}

	/**
	 * Messages to a room or to someone online here, and {@code /ping} and {@code /pong}: the lines a chat is made of,
	 * handled where they were read. Everything else may wait (an account, a hash, the history) or is rare.
	 */
	@Override
	public boolean neverWaits(Session session, String line) {
		ParsedLine parsed = this.codec.parse(line);
		if (parsed instanceof ParsedLine.Command command) {
			return this.dispatcher.neverWaits(session, this.table, command.name(),
					arity -> arity.split(command.argText()));
		}
		if (parsed instanceof ParsedLine.Text text) {
			return this.dispatcher.neverWaits(session, this.plainText, arity -> List.of(text.text()));
		}
		return true; // a blank line: nothing to do
	}

	@Override
	public void oversized(Session session, long length, int limit) {
		session.send(new Reply.Error(ErrorCode.LINE_TOO_LONG,
				"a line is at most " + limit + " bytes; that one had " + length + " and was dropped"));
	}

	void dispatch(Session session, ParsedLine line) {
		if (line instanceof ParsedLine.Command command) {
			this.dispatcher.dispatch(session, this.table, command.name(), arity -> arity.split(command.argText()));
		}
		else if (line instanceof ParsedLine.Text text) {
			this.dispatcher.dispatch(session, this.plainText, arity -> List.of(text.text()));
		}
		// a blank line asks nothing and gets nothing
	}

	private void help(Session session, String command) {
		if (command == null) {
			for (CommandSpec<Session> spec : this.table.all()) {
				session.send(helpLine(spec));
			}
			session.send(helpLine(this.plainText));
			session.send(new Reply.Help("//<text>: say <text> starting with / in your current room"));
			session.send(new Reply.Help("files: POST a file's bytes to " + this.files.uploadUrl()
					+ " with HTTP Basic (your name and password) or a /filetoken token, then /share it"));
			return;
		}
		String name = command.startsWith("/") ? command.substring(1) : command;
		this.table.find(name)
			.ifPresentOrElse(spec -> session.send(helpLine(spec)), () -> session.send(new Reply.Error(
					ErrorCode.UNKNOWN_COMMAND, "there is no command " + TextCleaner.excerpt(name) + "; /help lists the commands",
					TextCleaner.excerpt(name))));
	}

	private static Reply.Help helpLine(CommandSpec<Session> spec) {
		return new Reply.Help(spec.usage() + ": " + spec.summary() + (spec.loginRequired() ? " (after login)" : ""));
	}

	/** {@code nc} and telnet do not answer a {@code PING}; the person at them would have to. */
	@Override
	public boolean clientsAnswerPings() {
		return false;
	}

}
