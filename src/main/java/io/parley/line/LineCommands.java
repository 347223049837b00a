package io.parley.line;

import static io.parley.protocol.CommandSpec.afterLogin;
import static io.parley.protocol.CommandSpec.beforeLogin;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import io.parley.chat.Broadcasts;
import io.parley.chat.Listings;
import io.parley.chat.Logins;
import io.parley.chat.PrivateMessages;
import io.parley.chat.Rooms;
import io.parley.files.FileSharing;
import io.parley.protocol.Arity;
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

	private final String version;

	private final CommandTable<Session> table;

	/** Plain text is a command without a name: to the current room, after login. */
	private final CommandSpec<Session> plainText;

	private final CommandDispatcher<Session> dispatcher = new CommandDispatcher<>(Session::isLoggedIn,
			(session, error) -> session.send(new Reply.Refused(error)));

	private final FileSharing files;

	LineCommands(Logins logins, Rooms rooms, PrivateMessages messages, Broadcasts broadcasts, Listings listings,
			FileSharing files, ObjectProvider<BuildProperties> build) {
		this.files = files;
		BuildProperties buildProperties = build.getIfAvailable();
		this.version = (buildProperties != null) ? buildProperties.getVersion() : "dev";
		this.plainText = afterLogin("", Arity.wordsThenText(0), "<text>", "say <text> in your current room",
				(s, a) -> rooms.sayInCurrentRoom(s, a.get(0)));
		this.table = new CommandTable<>(List.of(
				beforeLogin("register", Arity.exactly(2), "/register <name> <password>",
						"create an account and log in", (s, a) -> logins.register(s, a.get(0), a.get(1))),
				beforeLogin("login", Arity.exactly(2), "/login <name> <password>", "log in",
						(s, a) -> logins.login(s, a.get(0), a.get(1))),
				beforeLogin("guest", Arity.exactly(1), "/guest <name>",
						"chat without an account, under a name nobody has registered (if the server allows guests)",
						(s, a) -> logins.guest(s, a.get(0))),
				afterLogin("msg", Arity.wordsThenText(1), "/msg <name> <text>", "private message to <name>",
						(s, a) -> messages.send(s, a.get(0), a.get(1))),
				afterLogin("join", Arity.exactly(1), "/join <room>", "join a room, created if new",
						(s, a) -> rooms.join(s, a.get(0))),
				afterLogin("leave", Arity.exactly(1), "/leave <room>", "leave a room",
						(s, a) -> rooms.leave(s, a.get(0))),
				afterLogin("say", Arity.wordsThenText(1), "/say <room> <text>", "say <text> in a room you are in",
						(s, a) -> rooms.say(s, a.get(0), a.get(1))),
				afterLogin("all", Arity.wordsThenText(0), "/all <text>", "say <text> to everyone online",
						(s, a) -> broadcasts.broadcast(s, a.get(0))),
				afterLogin("who", Arity.upTo(1), "/who [<room>]", "who is online, or in <room>",
						(s, a) -> listings.who(s, a.isEmpty() ? null : a.get(0))),
				afterLogin("rooms", Arity.NONE, "/rooms", "rooms and how many are in each",
						(s, a) -> listings.rooms(s)),
				afterLogin("passwd", Arity.exactly(2), "/passwd <old> <new>", "change your password",
						(s, a) -> logins.changePassword(s, a.get(0), a.get(1))),
				beforeLogin("ping", Arity.optionalText(), "/ping [<token>]", "the server answers PONG [<token>]",
						(s, a) -> logins.ping(s, a.isEmpty() ? null : a.get(0))),
				// an answer to the server's PING: the line itself is what keeps the session alive
				beforeLogin("pong", Arity.optionalText(), "/pong [<token>]", "answers the server's PING; no reply",
						(s, a) -> {
						}),
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

	@Override
	public String name() {
		return PROTOCOL;
	}

	@Override
	public ReplyEncoder newEncoder() {
		return this.codec;
	}

	@Override
	public void opened(Session session) {
		session.send(new Reply.Hello("Parley", this.version, LineCodec.PROTOCOL_VERSION));
	}

	@Override
	public void line(Session session, String line) {
		dispatch(session, this.codec.parse(line));
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
