package io.parley.chat;

import io.parley.session.Session;

/**
 * What a member that has just joined a room is shown of what was said before: a port the chat core calls after a
 * successful join and the history feature implements (the last lines, marked as history). Absent, nothing is
 * replayed.
 */
@FunctionalInterface
public interface JoinReplay {

	/**
	 * {@code session}'s user has just become a member of {@code room}; {@code joinedBefore} is its join event's id,
	 * made under the room's lock: the room's lines below it are those said before the join, and every line above
	 * it reaches the session live, so a replay up to it neither repeats nor misses one.
	 */
	void joined(Session session, String room, MessageId joinedBefore);

}
