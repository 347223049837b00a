package io.parley.line;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.parley.history.HistoryBlocks;
import io.parley.history.HistoryCursor;
import io.parley.history.HistoryReader;
import io.parley.history.HistoryTarget;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/**
 * {@code /history <room or @name> [latest | before <id> | after <id>] [<n>]}: a page of a room's or a
 * conversation's history as a block ({@link LineCodec#history}). Reading on from a page's first id with
 * {@code before}, or its last with {@code after}, neither skips nor repeats a message.
 */
final class LineHistory {

	static final String USAGE = "/history <room or @name> [latest | before <id> | after <id>] [<n>]";

	/** Absent when the operator switched history off. */
	private final HistoryReader reader;

	LineHistory(HistoryReader reader) {
		this.reader = reader;
	}

	void history(Session session, List<String> args) {
		if (this.reader == null) {
			refuse(session, ChatError.of(ChatError.Kind.HISTORY_OFF, null));
			return;
		}
		String typed = args.get(0);
		HistoryTarget target = typed.startsWith("@") ? new HistoryTarget.Conversation(typed.substring(1))
				: new HistoryTarget.Room(typed);
		List<String> rest = args.subList(1, args.size());
		HistoryReader.Direction direction = HistoryReader.Direction.LATEST;
		HistoryCursor from = null;
		String limitText = null;
		String word = rest.isEmpty() ? null : rest.get(0).toLowerCase(Locale.ROOT);
		if ("before".equals(word) || "after".equals(word)) {
			if (rest.size() < 2 || rest.size() > 3) {
				refuse(session, ChatError.of(ChatError.Kind.USAGE, "history", USAGE));
				return;
			}
			Optional<HistoryCursor> cursor = HistoryCursor.parseId(rest.get(1));
			if (cursor.isEmpty()) {
				refuse(session, ChatError.of(ChatError.Kind.BAD_HISTORY_CURSOR,
						TextCleaner.excerpt(TextCleaner.clean(rest.get(1)))));
				return;
			}
			direction = word.equals("before") ? HistoryReader.Direction.BEFORE : HistoryReader.Direction.AFTER;
			from = cursor.get();
			limitText = (rest.size() == 3) ? rest.get(2) : null;
		}
		else if ("latest".equals(word)) {
			if (rest.size() > 2) {
				refuse(session, ChatError.of(ChatError.Kind.USAGE, "history", USAGE));
				return;
			}
			limitText = (rest.size() == 2) ? rest.get(1) : null;
		}
		else if (rest.size() == 1) {
			limitText = rest.get(0);
		}
		else if (!rest.isEmpty()) {
			refuse(session, ChatError.of(ChatError.Kind.USAGE, "history", USAGE));
			return;
		}
		int limit = this.reader.defaultPage();
		if (limitText != null) {
			try {
				limit = Integer.parseInt(limitText);
			}
			catch (NumberFormatException ex) {
				refuse(session, this.reader.badLimit(limitText));
				return;
			}
		}
		HistoryReader.Result result = this.reader.read(session, target,
				new HistoryReader.Query(direction, from, null, limit));
		if (result instanceof HistoryReader.Refused refused) {
			refuse(session, refused.error());
			return;
		}
		HistoryReader.Page page = (HistoryReader.Page) result;
		String shown = (page.room() != null) ? page.room() : "@" + TextCleaner.clean(typed.substring(1));
		HistoryBlocks.send(session, Reply.History.Purpose.PAGE, shown, page.lines(), page.more());
	}

	private static void refuse(Session session, ChatError error) {
		session.send(new Reply.Refused(error));
	}

}
