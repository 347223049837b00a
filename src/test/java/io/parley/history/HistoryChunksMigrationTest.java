package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.chat.MessageId;

/**
 * {@code V9__history_chunks.sql} on H2 ({@code HistoryStorePostgresTest} runs the same on PostgreSQL): every message
 * kept before it is read back the same after it, text with backslashes, tabs, line feeds and characters outside
 * the BMP included (the migration writes the chunk's format in SQL, {@link HistoryChunk} in Java), a kept offline
 * message still waits in its mailbox, and the old table is gone.
 */
class HistoryChunksMigrationTest {

	/** Texts the chunk's format must carry through: its own separators and escape, and a surrogate pair. */
	static final List<String> AWKWARD = List.of("tab\there", "back\\slash \\t not a tab", "two\nlines", "",
			"emoji \uD83D\uDE00 and é", "ends with a backslash\\");

	@Test
	void messagesKeptBeforeTheChunksAreReadTheSameAfter() {
		DataSource data = HistoryConversationsMigrationTest.migratedTo("8");
		JdbcTemplate jdbc = new JdbcTemplate(data);
		List<MessageId> ids = insertOldMessages(jdbc);

		H2Migrations.on(data).load().migrate();
		// V10 made the bodies bytes and kept the column required
		assertThat(jdbc.queryForList("SELECT DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE "
				+ "TABLE_NAME = 'HISTORY_CHUNK_BODY' AND COLUMN_NAME = 'MESSAGES'")).singleElement()
			.isEqualTo(Map.of("DATA_TYPE", "BINARY VARYING", "IS_NULLABLE", "NO"));
		assertOldMessagesRead(new HistoryStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(data))),
				jdbc, ids);
	}

	/**
	 * Room lines of {@link #AWKWARD} in {@code #old}, one of them no-reply, and a private message from
	 * {@code Old1} to {@code Old2} waiting in Old2's mailbox, written as V8's writer did; their ids, in order.
	 */
	static List<MessageId> insertOldMessages(JdbcTemplate jdbc) {
		List<MessageId> ids = new java.util.ArrayList<>();
		for (int i = 0; i < AWKWARD.size(); i++) {
			MessageId id = MessageId.next();
			ids.add(id);
			jdbc.update("INSERT INTO history_message (id, target_key, room, sender, sender_key, recipient, "
					+ "recipient_key, body, no_reply, sent_at) VALUES (?, '#old', 'old', ?, NULL, NULL, NULL, ?, ?, ?)",
					id.value(), "s\\" + i, AWKWARD.get(i), i == 1, id.time().atOffset(ZoneOffset.UTC));
		}
		MessageId away = MessageId.next();
		ids.add(away);
		String target = HistoryStore.conversationKey("Old1", false, "Old2", false);
		jdbc.update("INSERT INTO history_message (id, target_key, room, sender, sender_key, recipient, recipient_key, "
				+ "body, no_reply, sent_at) VALUES (?, ?, NULL, 'Old1', ?, 'Old2', ?, ?, FALSE, ?)", away.value(), target,
				HistoryStore.partyKey("Old1", false), HistoryStore.partyKey("Old2", false), "while\taway",
				away.time().atOffset(ZoneOffset.UTC));
		jdbc.update("INSERT INTO offline_message (recipient_key, message_id, target_key) VALUES (?, ?, ?)",
				HistoryStore.partyKey("Old2", false), away.value(), target);
		return ids;
	}

	static void assertOldMessagesRead(HistoryStore store, JdbcTemplate jdbc, List<MessageId> ids) {
		List<StoredMessage> room = store.page(List.of("#old"), null, false, null, false, 50);
		assertThat(room).extracting(StoredMessage::body).containsExactlyElementsOf(AWKWARD);
		assertThat(room).extracting(StoredMessage::sender)
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, AWKWARD.size()).mapToObj(i -> "s\\" + i).toList());
		assertThat(room).extracting(StoredMessage::room).containsOnly("old");
		assertThat(room).extracting(StoredMessage::recipient).containsOnlyNulls();
		assertThat(room).extracting(StoredMessage::noReply).containsExactly(false, true, false, false, false, false);
		assertThat(room).extracting(StoredMessage::id)
			.containsExactlyElementsOf(ids.subList(0, AWKWARD.size()).stream().map(MessageId::value).toList());
		List<StoredMessage> waiting = store.offlineFor("OLD2", 10);
		assertThat(waiting).extracting(StoredMessage::body).containsExactly("while\taway");
		assertThat(waiting.get(0).sender()).isEqualTo("Old1");
		assertThat(waiting.get(0).recipient()).isEqualTo("Old2");
		assertThat(waiting.get(0).room()).isNull();
		assertThat(store.find(ids.get(2).value()).body()).isEqualTo("two\nlines");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = "
				+ "'history_message'", Integer.class)).isZero();
	}

}
