package io.parley.chat;

import org.springframework.stereotype.Component;

import io.parley.session.Session;
import io.parley.session.SessionEnds;

/** The chat core's part in a session's end: its user leaves with its last session ({@link ChatService#sessionEnded}). */
@Component
class ChatSessionEnds implements SessionEnds {

	private final ChatService chat;

	ChatSessionEnds(ChatService chat) {
		this.chat = chat;
	}

	@Override
	public void sessionEnded(Session session) {
		this.chat.sessionEnded(session);
	}

}
