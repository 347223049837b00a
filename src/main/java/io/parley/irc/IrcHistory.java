package io.parley.irc;

import static io.parley.irc.IrcCommands.client;
import static io.parley.irc.IrcCommands.send;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.parley.history.HistoryBlocks;
import io.parley.history.HistoryCursor;
import io.parley.history.HistoryReader;
import io.parley.history.HistoryTarget;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * IRCv3 {@code draft/chathistory}: {@code CHATHISTORY LATEST|BEFORE|AFTER|AROUND <target> <ref> <limit>},
 * {@code BETWEEN <target> <ref> <ref> <limit>} and {@code TARGETS <time> <time> <limit>}, a reference being
 * {@code msgid=<id>}, {@code timestamp=<time>} or ({@code LATEST} only) {@code *}. Pages come in a
 * {@code chathistory} batch; refusals are the spec's {@code FAIL CHATHISTORY} codes. Ergo's reading where the spec
 * leaves room: {@code AROUND} puts half the page before the point and the point's own message first of the rest.
 */
final class IrcHistory {

	/** Absent when history is off: then CHATHISTORY is an unknown command, as its capability is not offered. */
	private final HistoryReader reader;

	IrcHistory(HistoryReader reader) {
		this.reader = reader;
	}

	void chathistory(Session session, List<String> args) {
		if (this.reader == null) {
			session.send(new Reply.Refused(ChatError.of(ChatError.Kind.UNKNOWN_COMMAND, "CHATHISTORY")));
			return;
		}
		String sub = args.isEmpty() ? "*" : args.get(0).toUpperCase(Locale.ROOT);
		switch (sub) {
			case "LATEST", "BEFORE", "AFTER", "AROUND" -> page(session, sub, args, false);
			case "BETWEEN" -> page(session, sub, args, true);
			case "TARGETS" -> targets(session, args);
			default -> fail(session, "INVALID_PARAMS", "Unknown subcommand", TextCleaner.excerpt(TextCleaner.clean(sub)));
		}
	}

	private void page(Session session, String sub, List<String> args, boolean between) {
		int needed = between ? 5 : 4;
		if (args.size() < needed) {
			fail(session, "NEED_MORE_PARAMS", "Missing parameters", sub);
			return;
		}
		String target = args.get(1);
		HistoryCursor from = reference(args.get(2));
		HistoryCursor to = between ? reference(args.get(3)) : null;
		boolean latestOfAll = sub.equals("LATEST") && args.get(2).equals("*");
		if ((from == null && !latestOfAll) || (between && to == null)) {
			fail(session, "INVALID_PARAMS", "Invalid message reference", sub, excerpt(between && to == null ? args.get(3) : args.get(2)));
			return;
		}
		Integer limit = limit(args.get(needed - 1));
		if (limit == null) {
			fail(session, "INVALID_PARAMS", "The limit is a number from 1 to " + this.reader.maxPage(), sub,
					excerpt(args.get(needed - 1)));
			return;
		}
		HistoryTarget asked = target.startsWith("#") ? new HistoryTarget.Room(target)
				: new HistoryTarget.Conversation(target);
		HistoryReader.Result result = this.reader.read(session, asked,
				new HistoryReader.Query(HistoryReader.Direction.valueOf(sub), from, to, limit));
		if (result instanceof HistoryReader.Refused refused) {
			ChatError.Kind kind = refused.error().kind();
			if (kind == ChatError.Kind.BAD_HISTORY_LIMIT) {
				fail(session, "INVALID_PARAMS", "The limit is a number from 1 to " + this.reader.maxPage(), sub,
						excerpt(args.get(needed - 1)));
			}
			else {
				// a channel one is not in, existing or not, and a name that is none: the same answer
				fail(session, "INVALID_TARGET", "Messages could not be retrieved", sub, excerpt(target));
			}
			return;
		}
		HistoryReader.Page page = (HistoryReader.Page) result;
		HistoryBlocks.send(session, Reply.History.Purpose.PAGE, TextCleaner.clean(target), page.lines(), page.more());
	}

	/** {@code CHATHISTORY TARGETS <timestamp=> <timestamp=> <limit>}: a {@code draft/chathistory-targets} batch. */
	private void targets(Session session, List<String> args) {
		if (args.size() < 4) {
			fail(session, "NEED_MORE_PARAMS", "Missing parameters", "TARGETS");
			return;
		}
		HistoryCursor a = reference(args.get(1));
		HistoryCursor b = reference(args.get(2));
		Integer limit = limit(args.get(3));
		if (!(a instanceof HistoryCursor.AtTime first) || !(b instanceof HistoryCursor.AtTime second) || limit == null) {
			fail(session, "INVALID_PARAMS", "TARGETS takes two timestamps and a limit", "TARGETS");
			return;
		}
		Instant after = first.time().isBefore(second.time()) ? first.time() : second.time();
		Instant before = first.time().isBefore(second.time()) ? second.time() : first.time();
		IrcClient client = client(session);
		String batch = client.has("batch") ? client.nextBatchId() : null;
		IrcLine lines = new IrcLine();
		String name = serverName(session);
		if (batch != null) {
			lines.addPlain(null, name, "BATCH", "+" + batch, "draft/chathistory-targets");
		}
		for (HistoryReader.TargetSummary summary : this.reader.targets(session, after, before, limit)) {
			lines.addPlain((batch != null) ? "batch=" + batch : null, name, "CHATHISTORY", "TARGETS", summary.target(),
					IrcEvents.timeTag(summary.latest()).substring("time=".length()));
		}
		if (batch != null) {
			lines.addPlain(null, name, "BATCH", "-" + batch);
		}
		send(session, lines);
	}

	private static String serverName(Session session) {
		return client(session).serverName();
	}

	/** {@code msgid=}, {@code timestamp=}, or null when neither parses ({@code *} included). */
	private static HistoryCursor reference(String text) {
		if (text.startsWith("msgid=")) {
			return HistoryCursor.parseId(text.substring("msgid=".length())).orElse(null);
		}
		if (text.startsWith("timestamp=")) {
			try {
				return new HistoryCursor.AtTime(Instant.parse(text.substring("timestamp=".length())));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	private Integer limit(String text) {
		try {
			int limit = Integer.parseInt(text);
			return (limit >= 1 && limit <= this.reader.maxPage()) ? limit : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String excerpt(String text) {
		return TextCleaner.excerpt(TextCleaner.clean(text));
	}

	/** {@code FAIL CHATHISTORY <code> <context...> :<text>}. */
	private static void fail(Session session, String code, String text, String... context) {
		String[] params = new String[context.length + 2];
		params[0] = "CHATHISTORY";
		params[1] = code;
		System.arraycopy(context, 0, params, 2, context.length);
		send(session, new IrcLine().add(null, serverName(session), "FAIL", text, params));
	}

}
