package io.parley.history;

import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.parley.chat.JoinReplay;
import io.parley.chat.MessageId;
import io.parley.protocol.Reply;
import io.parley.session.Session;

/**
 * A new member of a room is shown its last {@code parley.history.join-replay} lines, marked as history, up to its
 * join (what comes after arrives live); nothing when the room has no lines yet. They come from the rooms' last lines
 * in memory ({@link RecentRoomLines}) when enough are kept, without waiting for the writer, else from the database.
 * The chat core calls it after a join for sessions that want it; IRC calls it itself after its NAMES, and not for
 * clients that read history themselves ({@code draft/chathistory}).
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class JoinReplayer implements JoinReplay {

	private final HistoryStore store;

	private final HistoryWriter writer;

	private final HistoryProperties properties;

	private final RecentRoomLines recent;

	JoinReplayer(HistoryStore store, HistoryWriter writer, HistoryProperties properties, RecentRoomLines recent) {
		this.recent = recent;
		this.store = store;
		this.writer = writer;
		this.properties = properties;
	}

	@Override
	public void joined(Session session, String room, MessageId joinedBefore) {
		int lines = this.properties.joinReplay();
		if (lines == 0) {
			return;
		}
		// the join event's own id: every line before it is older, every line after it reached the member live
		UUID bound = joinedBefore.value();
		List<StoredMessage> rows = this.recent.before(room, bound, lines);
		if (rows == null) {
			// fewer lines kept than the replay shows: the database has the room's older ones
			this.writer.awaitWritten(this.properties.readWait());
			rows = this.store.page(List.of(HistoryStore.roomKey(room)), null, false, bound, true, lines + 1);
		}
		if (rows.isEmpty()) {
			return;
		}
		boolean more = rows.size() > lines;
		List<Reply.HistoryLine> page = new ArrayList<>(lines);
		for (StoredMessage row : rows.subList(0, Math.min(lines, rows.size()))) {
			page.add(row.line());
		}
		Collections.reverse(page);
		session.send(new Reply.History(Reply.History.Purpose.JOIN, room, page, true, true, more));
	}

}
