package io.parley.chat;

import org.springframework.stereotype.Component;

import io.parley.session.Session;
import io.parley.session.SessionEnds;

/** The chat core's part in a session's end: its user leaves with its last session ({@link Logins#sessionEnded}). */
@Component
class ChatSessionEnds implements SessionEnds {

	private final Logins chat;

	ChatSessionEnds(Logins chat) {
		this.chat = chat;
	}

	@Override
	public void sessionEnded(Session session) {
		this.chat.sessionEnded(session);
	}

}
