package io.parley.history;

import java.time.Instant;
import java.util.UUID;

import com.github.f4b6a3.uuid.util.UuidUtil;

import io.parley.chat.ChatEvent;
import io.parley.protocol.Reply;

/** One row of the history: {@code room} null for a private message, {@code recipient} null for a room's. */
record StoredMessage(UUID id, String room, String sender, String recipient, String body, boolean noReply) {

	/**
	 * A room's line as the writer keeps it, and as the replay on join takes it from memory ({@link RecentRoomLines}):
	 * one making, so the replay shows what a page reads later.
	 */
	static StoredMessage of(ChatEvent.RoomMessage m) {
		return new StoredMessage(m.id().value(), m.room(), m.from(), null, m.text(), m.noReply());
	}

	/** The id's own millisecond, which is the live message's time. */
	Instant time() {
		return UuidUtil.getInstant(this.id);
	}

	Reply.HistoryLine line() {
		return new Reply.HistoryLine(this.id.toString(), time(), this.room, this.sender, this.recipient, this.body,
				this.noReply);
	}

}
