package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;
import io.parley.system.ParleyMetrics;

/**
 * {@code V8__history_one_index.sql} on H2: a message costs one index entry besides its row
 * ({@code history_message_target (target_key, id)}, which pages are read by), where it cost two and a uniqueness
 * check (the primary key on {@code id} too); a database written before it keeps its offline messages, a delete still
 * takes a message's offline row along (the store's own cascade now), and the purge, which walks the targets on the
 * index, still removes every old message of every target, their offline rows, and nothing newer.
 */
class HistoryOneIndexMigrationTest {

	@Test
	void eachMessageHasOneIndexEntryAndOfflineMessagesAndThePurgeStillWork() {
		DataSource data = HistoryConversationsMigrationTest.migratedTo("7");
		JdbcTemplate jdbc = new JdbcTemplate(data);
		MessageId waiting = MessageId.next();
		HistoryConversationsMigrationTest.insertAliceToBob(jdbc, waiting, "while away");
		jdbc.update("INSERT INTO offline_message (recipient_key, message_id) VALUES (?, ?)",
				HistoryStore.partyKey("Bob", false), waiting.value());

		H2Migrations.on(data).target("8").load().migrate();
		assertThat(jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = "
				+ "'HISTORY_MESSAGE'", String.class)).containsExactly("HISTORY_MESSAGE_TARGET");
		H2Migrations.on(data).load().migrate(); // V9 keeps the same rows in chunks, read by the store
		HistoryStore store = new HistoryStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(data)));

		assertThat(store.offlineFor("bob", 10)).extracting(StoredMessage::body).containsExactly("while away");
		assertThat(store.delete(waiting.value())).isTrue();
		assertThat(store.offlineFor("bob", 10)).isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_message", Integer.class)).isZero();
		MessageId kept = MessageId.next();
		assertThat(store.keepOffline(
				new ChatEvent.PrivateMessage(kept, kept.time(), "carol", "Bob", "later", false, false, false), 10))
			.isTrue();
		assertThat(store.offlineFor("BOB", 10)).extracting(StoredMessage::body).containsExactly("later");

		// three rooms, ten messages each; the purge takes the first six of each and nothing else
		List<ChatEvent> batch = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			for (String room : List.of("a", "b", "c")) {
				MessageId id = MessageId.next();
				ids.add(id.value());
				batch.add(new ChatEvent.RoomMessage(id, id.time(), room, i, "dan", room + i,
						false));
			}
		}
		store.insert(batch);
		UUID bound = ids.get(18); // the seventh message of room a
		int deleted = 0;
		for (String target = store.nextTarget(null); target != null; target = store.nextTarget(target)) {
			int step;
			do {
				step = store.purgeBefore(target, bound, 4);
				deleted += step;
			}
			while (step > 0 && store.hasMessagesBefore(target, bound));
		}
		assertThat(deleted).isEqualTo(18 + 1); // the offline message "later" is older than the bound too
		for (String room : List.of("a", "b", "c")) {
			assertThat(store.page(List.of(HistoryStore.roomKey(room)), null, false, null, false, 20))
				.extracting(StoredMessage::body)
				.containsExactly(room + 6, room + 7, room + 8, room + 9);
		}
		assertThat(store.offlineFor("bob", 10)).isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_message", Integer.class)).isZero();

		// the scheduled purge itself, with no retention and batches of 4: the rest, target by target
		HistoryProperties noRetention = new HistoryProperties(true, Duration.ZERO, Duration.ofHours(1), 4, 50, 1000,
				20, 1000, 10_000, 2_000, Duration.ofSeconds(2), Duration.ofMillis(50), DataSize.ofMegabytes(8), 0);
		HistoryPurge purge = new HistoryPurge(store, noRetention, new ParleyMetrics(new SimpleMeterRegistry()),
				new RecentRoomLines(20, DataSize.ofMegabytes(8).toBytes()));
		assertThat(purge.purge()).isEqualTo(12);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM history_chunk", Integer.class)).isZero();
	}

}
