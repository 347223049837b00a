package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;

/**
 * The rooms' last lines for the replay on join: the lines before a member's own join (its join event's id), not
 * those said after it (they reach the member live), and the bounds in lines and bytes.
 */
class RecentRoomLinesTest {

	@Test
	void theLinesBeforeABoundAreTheLastKeptBelowIt() {
		RecentRoomLines recent = new RecentRoomLines(5, 1 << 20);
		say(recent, "lobby", "one", "two", "three");
		UUID join = MessageId.next().value(); // a join's own id, as the chat core passes it
		say(recent, "lobby", "four", "five"); // live to the new member already
		assertThat(recent.before("lobby", join, 2)).extracting(StoredMessage::body).containsExactly("three", "two", "one");
		// two more lines push "one" out: before the join fewer are kept than the replay needs, the database answers
		say(recent, "lobby", "six", "seven");
		assertThat(recent.before("lobby", join, 2)).isNull();
	}

	@Test
	void fewerLinesThanTheReplayNeedsOrTooManyBytesLeaveItToTheDatabase() {
		RecentRoomLines recent = new RecentRoomLines(3, 2_000);
		say(recent, "small", "a", "b");
		assertThat(recent.before("small", MessageId.next().value(), 2)).isNull(); // 2 kept, 3 needed
		say(recent, "big", "x".repeat(600), "y".repeat(600)); // past 2,000 bytes: a room is let go
		assertThat(recent.before("small", MessageId.next().value(), 1)).isNull();
		say(recent, "small", "c", "d", "e");
		assertThat(recent.before("small", MessageId.next().value(), 2)).extracting(StoredMessage::body)
			.containsExactly("e", "d", "c");
		recent.clear();
		assertThat(recent.before("small", MessageId.next().value(), 2)).isNull();
	}

	private static void say(RecentRoomLines recent, String room, String... texts) {
		for (String text : texts) {
			MessageId id = MessageId.next();
			recent.add(new ChatEvent.RoomMessage(id, id.time(), room, 0, "alice", text, false));
		}
	}

}
