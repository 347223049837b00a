package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;

/**
 * The rooms' last lines for the replay on join: the lines before a member's own join, not those said between the
 * join and the moment the chat core asks (they reach the member live), and the bounds in lines and bytes.
 */
class RecentRoomLinesTest {

	@Test
	void theReplayEndsAtTheMembersOwnJoinNotAtTheLaterAsking() {
		RecentRoomLines recent = new RecentRoomLines(5, 1 << 20);
		say(recent, "lobby", "one", "two", "three");
		MessageId join = MessageId.next();
		recent.joined(new ChatEvent.Joined(join, join.time(), "lobby", 4, "bob"));
		say(recent, "lobby", "four", "five"); // live to bob already
		UUID asked = MessageId.next().value();

		UUID bound = recent.joinedAt("lobby", "bob");
		assertThat(bound).isEqualTo(join.value());
		assertThat(recent.before("lobby", bound, 2)).extracting(StoredMessage::body).containsExactly("three", "two", "one");
		// asked by the later id alone, the replay would repeat what bob saw live
		assertThat(recent.before("lobby", asked, 2)).extracting(StoredMessage::body).containsExactly("five", "four", "three");
		assertThat(recent.joinedAt("lobby", "carol")).isNull();
		// two more lines push "one" out: before the join fewer are kept than the replay needs, the database answers
		say(recent, "lobby", "six", "seven");
		assertThat(recent.before("lobby", bound, 2)).isNull();
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
