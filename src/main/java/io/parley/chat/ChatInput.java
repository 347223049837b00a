package io.parley.chat;

import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.TextCleaner;
import io.parley.session.Session;

/** What every chat command checks of a client's input, and how it refuses: as a {@link ChatError}. */
final class ChatInput {

	private ChatInput() {
	}

	static void refuse(Session session, ChatError.Kind kind, String subject, Object... args) {
		session.send(new Reply.Refused(ChatError.of(kind, subject, args)));
	}

	/** The room's one spelling ({@link RoomNames#canonical}), or null (and the session told) when invalid. */
	static String roomName(Session session, String room) {
		if (!RoomNames.isValid(room)) {
			refuse(session, ChatError.Kind.BAD_ROOM_NAME, TextCleaner.clean(room));
			return null;
		}
		return RoomNames.canonical(room);
	}

	/** The text cleaned of control characters, or null (and the session told) when nothing is left. */
	static String cleanText(Session session, String text) {
		String clean = TextCleaner.clean(text);
		if (clean.isBlank()) {
			refuse(session, ChatError.Kind.EMPTY_MESSAGE, null);
			return null;
		}
		return clean;
	}

}
