package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;

/**
 * The history's migrations ({@code V4__history.sql}, {@code V7__history_conversations.sql},
 * {@code V8__history_one_index.sql}, {@code V9__history_chunks.sql}, with messages kept before it, and PostgreSQL's
 * {@code V10__history_chunk_bytes.sql}) and every query of {@link HistoryStore} on a real PostgreSQL, as on H2: issue
 * 22 runs Parley on PostgreSQL. Only V4, V7, V8, V9 and V10 are run: they are history's own; the others are checked by
 * issue 22.
 */
class HistoryStorePostgresTest {

	@TempDir
	Path migrations;

	@Test
	void theMigrationAndEveryQueryRunOnPostgresql() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			DataSource data = postgres.getPostgresDatabase();
			for (String migration : List.of("V4__history.sql", "V7__history_conversations.sql",
					"V8__history_one_index.sql")) {
				Files.copy(Path.of("src/main/resources/db/migration/" + migration), this.migrations.resolve(migration));
			}
			Flyway.configure().dataSource(data).locations("filesystem:" + this.migrations).load().migrate();
			// V9 rewrites what was kept into chunks, in SQL: the messages must read back the same
			List<MessageId> old = HistoryChunksMigrationTest.insertOldMessages(new JdbcTemplate(data));
			Files.copy(Path.of("src/main/resources/db/migration/V9__history_chunks.sql"),
					this.migrations.resolve("V9__history_chunks.sql"));
			// V10 turns the bodies V9 wrote into bytes, in PostgreSQL's own SQL
			Files.copy(Path.of("src/main/resources/db/vendor/postgresql/V10__history_chunk_bytes.sql"),
					this.migrations.resolve("V10__history_chunk_bytes.sql"));
			Flyway.configure().dataSource(data).locations("filesystem:" + this.migrations).load().migrate();
			assertThat(new JdbcTemplate(data).queryForList("SELECT data_type, is_nullable FROM "
					+ "information_schema.columns WHERE table_name = 'history_chunk_body' AND column_name = 'messages'"))
				.singleElement()
				.isEqualTo(Map.of("data_type", "bytea", "is_nullable", "NO"));
			HistoryStore store = new HistoryStore(new JdbcTemplate(data),
					new TransactionTemplate(new DataSourceTransactionManager(data)));
			HistoryChunksMigrationTest.assertOldMessagesRead(store, new JdbcTemplate(data), old);
			store.forgetOffline("old2", List.of(old.get(old.size() - 1).value()));

			// 120 room messages, many in one millisecond, and two private ones
			List<UUID> ids = new ArrayList<>();
			List<ChatEvent> batch = new ArrayList<>();
			for (int i = 0; i < 120; i++) {
				MessageId id = MessageId.next();
				ids.add(id.value());
				batch.add(new ChatEvent.RoomMessage(id, id.time(), "lobby", i, "alice", "m" + i, false));
			}
			MessageId dm = MessageId.next();
			batch.add(new ChatEvent.PrivateMessage(dm, dm.time(), "alice", "Bob", "psst", false, false, false));
			store.insert(batch);

			// paging backwards by id over the same-millisecond messages: none skipped, none twice
			List<String> read = new ArrayList<>();
			UUID before = null;
			while (true) {
				List<StoredMessage> page = store.page(List.of("#lobby"), null, false, before, true, 7);
				if (page.isEmpty()) {
					break;
				}
				page.forEach(m -> read.add(0, m.body()));
				before = page.get(page.size() - 1).id();
			}
			assertThat(read).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 120).mapToObj(i -> "m" + i).toList());
			// a page is an index walk from the bound, both ways, with no sort (sequential scans off: the table is small)
			for (boolean newestFirst : new boolean[] { true, false }) {
				String plan = new JdbcTemplate(data).execute((java.sql.Connection connection) -> {
					try (java.sql.Statement statement = connection.createStatement()) {
						statement.execute("SET enable_seqscan = off");
					}
					try (java.sql.PreparedStatement explain = connection
						.prepareStatement("EXPLAIN " + HistoryStore.headerQuery(newestFirst))) {
						explain.setString(1, "#lobby");
						explain.setObject(2, ids.get(10));
						explain.setObject(3, ids.get(90));
						explain.setInt(4, 50);
						StringBuilder lines = new StringBuilder();
						try (java.sql.ResultSet rows = explain.executeQuery()) {
							while (rows.next()) {
								lines.append(rows.getString(1)).append('\n');
							}
						}
						return lines.toString();
					}
				});
				assertThat(plan).contains(newestFirst ? "Index Scan Backward using history_chunk_target"
						: "Index Scan using history_chunk_target").doesNotContain("Sort");
			}
			assertThat(store.page(List.of("#lobby"), ids.get(10), true, ids.get(13), false, 10)).extracting(StoredMessage::body)
				.containsExactly("m10", "m11", "m12");
			// a time's first and last ids bound it as on H2
			HistoryCursor.AtTime at = new HistoryCursor.AtTime(new StoredMessage(ids.get(50), null, "", null, "", false).time());
			assertThat(store.page(List.of("#lobby"), at.lowerBound(), false, null, false, 200)).extracting(StoredMessage::id)
				.allSatisfy(id -> assertThat(new StoredMessage(id, null, "", null, "", false).time()).isAfter(at.time()));

			// conversations, by either party's spelling
			assertThat(store.page(List.of(HistoryStore.conversationKey("bob", false, "ALICE", false)), null, false, null,
					true, 10)).extracting(StoredMessage::body).containsExactly("psst");
			assertThat(store.latestByTarget(List.of("#lobby"), "bob", Instant.EPOCH, Instant.now().plusSeconds(60), 10))
				.extracting(HistoryStore.Latest::targetKey)
				.containsExactlyInAnyOrder("#lobby", HistoryStore.conversationKey("alice", false, "bob", false));

			// offline messages: kept up to the cap, read oldest first, forgotten
			for (int i = 0; i < 3; i++) {
				MessageId id = MessageId.next();
				assertThat(store.keepOffline(
						new ChatEvent.PrivateMessage(id, id.time(), "alice", "carol", "o" + i, false, false, false), 2))
					.isEqualTo(i < 2);
			}
			List<StoredMessage> waiting = store.offlineFor("Carol", 10);
			assertThat(waiting).extracting(StoredMessage::body).containsExactly("o0", "o1");
			store.forgetOffline("carol", waiting.stream().map(StoredMessage::id).toList());
			assertThat(store.offlineFor("carol", 10)).isEmpty();
			// a deleted message leaves its mailbox too (the store's own cascade since V8)
			MessageId gone = MessageId.next();
			assertThat(store.keepOffline(
					new ChatEvent.PrivateMessage(gone, gone.time(), "alice", "dave", "gone", false, false, false), 2))
				.isTrue();
			assertThat(store.delete(gone.value())).isTrue();
			assertThat(store.offlineFor("dave", 10)).isEmpty();

			// delete one, purge by age in batches
			assertThat(store.delete(ids.get(0))).isTrue();
			assertThat(store.delete(ids.get(0))).isFalse();
			// a room's cap finds its bound on the chunks' headers (here all 120 lines are one chunk)
			assertThat(store.capBound("#lobby", 5)).isEqualTo(ids.get(0)); // the chunk's first id as written
			assertThat(store.capBound("#lobby", 500)).isNull();
			// the 120 lines are one chunk: the purge writes its newer 20 again, whatever the batch
			assertThat(store.purgeBefore("#lobby", ids.get(100), 30)).isEqualTo(99);
			// the chunk keeps its first id as written (a bound), so the purge looks at it once more and finds nothing
			assertThat(store.purgeBefore("#lobby", ids.get(100), 1000)).isZero();
			assertThat(store.page(List.of("#lobby"), null, false, null, false, 50)).extracting(StoredMessage::body)
				.containsExactlyElementsOf(java.util.stream.IntStream.range(100, 120).mapToObj(i -> "m" + i).toList());
			// the purge's walk of the targets on the key, each once (in the database's collation, so in no fixed order)
			List<String> targets = new ArrayList<>();
			for (String target = store.nextTarget(null); target != null; target = store.nextTarget(target)) {
				targets.add(target);
			}
			assertThat(targets).containsExactlyInAnyOrder("#lobby", "#old",
					HistoryStore.conversationKey("old1", false, "old2", false),
					HistoryStore.conversationKey("alice", false, "bob", false),
					HistoryStore.conversationKey("alice", false, "carol", false));
			assertThat(new JdbcTemplate(data).queryForObject("SELECT COUNT(*) FROM offline_message", Integer.class))
				.isZero();
			assertThat(store.find(ids.get(100))).isNotNull();
		}
	}

}
