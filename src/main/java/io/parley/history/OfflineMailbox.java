package io.parley.history;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.parley.chat.ChatEvent;
import io.parley.chat.OfflineMessages;
import io.parley.protocol.Reply;
import io.parley.session.Session;

/**
 * Private messages to an account with no session, kept in the history (committed before the sender hears
 * "queued") and handed over at its next login as history, oldest first, a page at a time as the client reads.
 * Handed over means queued for the session: they are forgotten then, so a connection lost while they are written
 * loses them (they stay readable in the conversation's history).
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class OfflineMailbox implements OfflineMessages {

	private final HistoryStore store;

	private final int cap;

	OfflineMailbox(HistoryStore store, HistoryProperties properties) {
		this.store = store;
		this.cap = properties.offlineCap();
	}

	@Override
	public Kept keep(ChatEvent.PrivateMessage message) {
		return this.store.keepOffline(message, this.cap) ? Kept.KEPT : Kept.FULL;
	}

	@Override
	public int cap() {
		return this.cap;
	}

	@Override
	public void deliverTo(Session session) {
		String user = session.user();
		// senders racing the cap may pass it by a few: read them all, the cap twice over bounds it
		List<StoredMessage> waiting = this.store.offlineFor(user, this.cap * 2);
		if (waiting.isEmpty()) {
			return;
		}
		this.store.forgetOffline(user, waiting.stream().map(StoredMessage::id).toList());
		HistoryBlocks.send(session, Reply.History.Purpose.OFFLINE, "*",
				waiting.stream().map(StoredMessage::line).toList(), false);
	}

}
