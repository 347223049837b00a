package io.parley.line;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.protocol.RoomMode;

/**
 * The line protocol (version 1): parses a client line and spells every {@link Reply} as one LF-ended
 * UTF-8 line that starts with its kind (a block of history as several). Two of them serve every session: one
 * plain, one that shows each message's id and time ({@code /ids on}).
 */
public final class LineCodec implements ReplyEncoder, Reply.Renderer<String> {

	public static final int PROTOCOL_VERSION = 1;

	/** Times as IRC's server-time shows them: UTC, milliseconds always there. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final boolean ids;

	public LineCodec() {
		this(false);
	}

	/** @param ids whether messages show their id and time after their kind */
	public LineCodec(boolean ids) {
		this.ids = ids;
	}

	static String time(Instant time) {
		return TIME.format(time);
	}

	/** {@code <id> <time> } before a message's words when ids are shown and it has one, else nothing. */
	private String stamp(String id, Instant time) {
		return (this.ids && id != null && time != null) ? id + " " + time(time) + " " : "";
	}

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
		String text = reply.render(this);
		// a middle page of a long block of history can be empty of lines of its own: no bare line end then
		return text.isEmpty() ? new byte[0] : (text + "\n").getBytes(StandardCharsets.UTF_8);
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
		return "MSG " + stamp(r.id(), r.time()) + r.from() + " " + r.text();
	}

	@Override
	public String roomMessage(Reply.RoomMessage r) {
		return "ROOM " + stamp(r.id(), r.time()) + r.room() + " " + r.from() + " " + r.text();
	}

	@Override
	public String broadcast(Reply.Broadcast r) {
		return "ALL " + stamp(r.id(), r.time()) + r.from() + " " + r.text();
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

	/**
	 * A block of history: {@code HISTORY <target> <purpose>} on its first page, then
	 * {@code HIST <target> <id> <time> <from> <text>} per message, and {@code HISTORY-END <target> more|complete} on
	 * its last. A message's target is its room, or {@code @<name>} for the other party of a conversation: what
	 * {@code /history} takes to read on.
	 */
	@Override
	public String history(Reply.History r) {
		StringBuilder out = new StringBuilder(64 + 96 * r.lines().size());
		if (r.first()) {
			out.append("HISTORY ").append(r.target()).append(' ').append(r.purpose().wireName()).append('\n');
		}
		for (Reply.HistoryLine line : r.lines()) {
			String target = (line.room() != null) ? line.room() : r.target().equals("*") ? "@" + line.from() : r.target();
			out.append("HIST ").append(target).append(' ').append(line.id()).append(' ').append(time(line.time()))
				.append(' ').append(line.from()).append(' ').append(line.text()).append('\n');
		}
		if (r.last()) {
			out.append("HISTORY-END ").append(r.target()).append(r.more() ? " more" : " complete").append('\n');
		}
		// encode() adds the last line end
		return out.isEmpty() ? "" : out.substring(0, out.length() - 1);
	}

	/**
	 * {@code FILE <room> <from> <size> <type> <url> <name>}, or {@code FILE * <from> ...} for a file shared with
	 * this user alone; the name comes last, as it may hold spaces.
	 */
	@Override
	public String fileShared(Reply.FileShared r) {
		return "FILE " + ((r.room() != null) ? r.room() : "*") + " " + r.from() + " " + r.file().size() + " "
				+ r.file().mediaType() + " " + r.file().url() + " " + r.file().name();
	}

	private static String join(String... parts) {
		return List.of(parts).stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(" "));
	}

}
