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
	 * {@code session}'s user has just become a member of {@code room}; {@code joinedBefore} is an id made right
	 * after the join, so a replay can stop short of the lines the session gets live.
	 */
	void joined(Session session, String room, MessageId joinedBefore);

}
