package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/**
 * The replay on join of a room with enough lines comes from the rooms' last lines in memory: it needs neither the
 * writer nor the database. Shown with H2 in exclusive mode (every other connection's statements pause until it
 * ends): the lines said meanwhile wait for the writer, and a new member still gets them, in order, with the ids a
 * page of the database shows once the writer has stored them. Before, the replay waited up to {@code read-wait} for
 * the writer and then for the database, and the member got no replay while the database was held.
 */
@ParleyTest
class JoinReplayWithoutTheDatabaseTest {

	@Autowired
	LineServer server;

	@Autowired
	DataSource data;

	@Test
	void aNewMemberGetsTheLastLinesWhileTheDatabaseIsHeld() throws Exception {
		String room = LineServer.uniqueName("held");
		try (ChatClient alice = this.server.register("alice"); ChatClient bob = this.server.register("bob")) {
			alice.send("/join " + room).expect("OK join " + room);
			// her own join's replay (none: the room has no lines) reads the database after OK join: let it end first
			alice.send("/ping joined").expect("PONG joined");
			LineHistoryTest.Block replay;
			try (Connection holder = this.data.getConnection(); Statement statement = holder.createStatement()) {
				statement.execute("SET EXCLUSIVE 1");
				try {
					for (int i = 0; i < 30; i++) {
						alice.send("/say " + room + " said " + i);
					}
					alice.send("/ping sync").expect("PONG sync");
					bob.send("/join " + room).expect("OK join " + room);
					replay = LineHistoryTest.readBlock(bob);
				}
				finally {
					statement.execute("SET EXCLUSIVE 0");
				}
			}
			assertThat(replay.header()).isEqualTo("HISTORY " + room + " join");
			assertThat(replay.messages()).extracting(LineHistoryTest.Hist::text)
				.containsExactlyElementsOf(IntStream.range(10, 30).mapToObj(i -> "said " + i).toList());
			assertThat(replay.more()).isTrue();
			// the same lines, ids and times as the database's page once they are stored
			bob.send("/history " + room + " 20");
			List<LineHistoryTest.Hist> page = LineHistoryTest.readBlock(bob).messages();
			assertThat(page).containsExactlyElementsOf(replay.messages());
		}
	}

}
