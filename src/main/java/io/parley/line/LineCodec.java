package io.parley.line;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;

/**
 * The line protocol (version 1): parses a client line and spells every {@link Reply} as one LF-ended
 * UTF-8 line that starts with its kind.
 */
public final class LineCodec implements ReplyEncoder, Reply.Renderer<String> {

	public static final int PROTOCOL_VERSION = 1;

	public ParsedLine parse(String line) {
		if (line.isBlank()) {
			return new ParsedLine.Blank();
		}
		if (line.startsWith("//")) {
			return new ParsedLine.Text(line.substring(1));
		}
		if (!line.startsWith("/")) {
			return new ParsedLine.Text(line);
		}
		int space = line.indexOf(' ');
		return space < 0 ? new ParsedLine.Command(line.substring(1), "")
				: new ParsedLine.Command(line.substring(1, space), line.substring(space + 1));
	}

	@Override
	public byte[] encode(Reply reply) {
		return (reply.render(this) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String hello(Reply.Hello r) {
		return "HELLO " + r.server() + " " + r.version() + " protocol " + r.protocolVersion()
				+ "; /register <name> <password> or /login <name> <password>, /help for more";
	}

	@Override
	public String ok(Reply.Ok r) {
		return join("OK", r.command(), r.detail());
	}

	@Override
	public String error(Reply.Error r) {
		return "ERR " + r.code().wireName() + " " + r.text();
	}

	@Override
	public String refused(Reply.Refused r) {
		return "ERR " + r.error().code().wireName() + " " + LineErrors.text(r.error());
	}

	@Override
	public String privateMessage(Reply.PrivateMessage r) {
		return "MSG " + r.from() + " " + r.text();
	}

	@Override
	public String roomMessage(Reply.RoomMessage r) {
		return "ROOM " + r.room() + " " + r.from() + " " + r.text();
	}

	@Override
	public String broadcast(Reply.Broadcast r) {
		return "ALL " + r.from() + " " + r.text();
	}

	@Override
	public String notice(Reply.Notice r) {
		return "NOTICE " + r.text();
	}

	@Override
	public String joined(Reply.Joined r) {
		return "JOIN " + r.room() + " " + r.user();
	}

	/** {@code NICK <old> <new>}: a guest in one of your rooms (or you) took another name. */
	@Override
	public String renamed(Reply.Renamed r) {
		return "NICK " + r.from() + " " + r.to();
	}

	@Override
	public String left(Reply.Left r) {
		return "LEAVE " + r.room() + " " + r.user();
	}

	/** A long list comes as {@code WHO+} lines, one per page, and ends with a {@code WHO} line. */
	@Override
	public String who(Reply.Who r) {
		return join((r.more() ? "WHO+ " : "WHO ") + (r.room() == null ? "*" : r.room()), String.join(" ", r.users()));
	}

	/** A long list comes as {@code ROOMS+} lines, one per page, and ends with a {@code ROOMS} line. */
	@Override
	public String rooms(Reply.Rooms r) {
		return join(r.more() ? "ROOMS+" : "ROOMS",
				r.rooms().stream().map(c -> c.room() + ":" + c.members()).collect(Collectors.joining(" ")));
	}

	@Override
	public String pong(Reply.Pong r) {
		return join("PONG", r.token());
	}

	@Override
	public String ping(Reply.Ping r) {
		return join("PING", r.token());
	}

	@Override
	public String help(Reply.Help r) {
		return "HELP " + r.text();
	}

	@Override
	public String bye(Reply.Bye r) {
		return "BYE " + r.reason();
	}

	private static String join(String... parts) {
		return List.of(parts).stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(" "));
	}

}
