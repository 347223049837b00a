package io.parley.line;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.protocol.RoomMode;

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

	@Override
	public String topicChanged(Reply.TopicChanged r) {
		return join("TOPIC " + r.room() + " " + actor(r.by()), r.topic());
	}

	/** One line per change: {@code ROLE}, {@code BAN}/{@code UNBAN}, {@code MUTE}/{@code UNMUTE}, {@code ALLOW}/{@code DISALLOW}, {@code FLAG}. */
	@Override
	public String modesChanged(Reply.ModesChanged r) {
		StringBuilder lines = new StringBuilder();
		for (RoomMode.Change change : r.changes()) {
			if (lines.length() > 0) {
				lines.append('\n');
			}
			String head = " " + r.room() + " " + actor(r.by());
			lines.append(switch (change.mode().kind()) {
				case ROLE -> "ROLE" + head + " " + change.argument() + " " + (change.on() ? word(change.mode()) : "member");
				case LIST -> listWord(change) + head + " " + change.argument();
				case FLAG -> "FLAG" + head + " " + (change.on() ? "+" : "-") + word(change.mode())
						+ ((change.on() && change.argument() != null) ? "=" + change.argument() : "");
			});
		}
		return lines.toString();
	}

	private static String listWord(RoomMode.Change change) {
		return switch (change.mode()) {
			case BAN -> change.on() ? "BAN" : "UNBAN";
			case MUTE -> change.on() ? "MUTE" : "UNMUTE";
			default -> change.on() ? "ALLOW" : "DISALLOW";
		};
	}

	/** A mode's word: {@code operator}, {@code topic-lock}, {@code invite-only}. */
	static String word(RoomMode mode) {
		return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@Override
	public String kicked(Reply.Kicked r) {
		return join("KICK " + r.room() + " " + actor(r.by()) + " " + r.user(), r.reason());
	}

	@Override
	public String invited(Reply.Invited r) {
		return "INVITE " + r.room() + " " + actor(r.by()) + " " + r.user();
	}

	/** {@code INFO <room> owner=<name> members=<n> flags=<flag,...> operators=<name,...> voices=<name,...> topic=<text>}; {@code -} for none. */
	@Override
	public String roomInfo(Reply.RoomInfo r) {
		String flags = r.flags()
			.stream()
			.map(f -> word(f.mode()) + ((f.mode() == RoomMode.LIMIT) ? "=" + f.argument() : ""))
			.collect(Collectors.joining(","));
		return "INFO " + r.room() + " owner=" + orNone(r.owner()) + " members=" + r.members() + " flags="
				+ orNone(flags) + " operators=" + orNone(String.join(",", r.operators())) + " voices="
				+ orNone(String.join(",", r.voices())) + " topic=" + r.topic();
	}

	private static String orNone(String text) {
		return (text == null || text.isEmpty()) ? "-" : text;
	}

	/** Who did it: a user, or {@code *} for the server (an admin over HTTP). */
	private static String actor(String by) {
		return (by != null) ? by : "*";
	}

	private static String join(String... parts) {
		return List.of(parts).stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(" "));
	}

}
