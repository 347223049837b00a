package io.parley.chat;

import io.parley.session.Session;

/**
 * Where private messages to a registered account with no session are kept until its next login: a port the chat
 * core calls and the history feature ({@code io.parley.history}) implements, so the core knows no database. When
 * no implementation is there (history off), such a message is refused as before ({@code offline}).
 */
public interface OfflineMessages {

	/** Whether a message was kept. */
	enum Kept {

		/** Stored and committed: the sender may be told so. */
		KEPT,
		/** The recipient holds {@link #cap()} waiting messages already; not stored. */
		FULL

	}

	/**
	 * Stores {@code message} for its recipient, returning only once it is committed (or refused): a sender told
	 * it was kept never loses it to a crash.
	 */
	Kept keep(ChatEvent.PrivateMessage message);

	/** The most messages kept for one recipient. */
	int cap();

	/**
	 * Sends the session's user every message kept for it, oldest first and marked as history with their own time,
	 * and forgets them: right after the login is confirmed.
	 */
	void deliverTo(Session session);

}
