package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;

/**
 * {@code V7__history_conversations.sql} on H2: a database written before it keeps its users' conversations (IRC's
 * CHATHISTORY TARGETS reads them from {@code history_conversation} now), the two indexes each message paid for are
 * gone, and a conversation stored after it is found the same way, once per party however many messages it has.
 */
class HistoryConversationsMigrationTest {

	@Test
	void conversationsWrittenBeforeTheMigrationAreStillFoundAndEachMessageHasTwoIndexesLess() {
		DataSource data = migratedTo("6");
		JdbcTemplate jdbc = new JdbcTemplate(data);
		MessageId old = MessageId.next();
		String aliceAndBob = HistoryStore.conversationKey("Alice", false, "Bob", false);
		insertAliceToBob(jdbc, old, "before");

		H2Migrations.on(data).target("7").load().migrate();
		assertThat(jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = "
				+ "'HISTORY_MESSAGE'", String.class)).hasSize(2)
			.contains("HISTORY_MESSAGE_TARGET")
			.doesNotContain("HISTORY_MESSAGE_SENDER", "HISTORY_MESSAGE_RECIPIENT");
		H2Migrations.on(data).load().migrate(); // the store reads the tables of the latest schema
		HistoryStore store = new HistoryStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(data)));
		Instant later = Instant.now().plusSeconds(60);
		assertThat(store.latestByTarget(List.of(), "BOB", Instant.EPOCH, later, 10))
			.extracting(HistoryStore.Latest::targetKey)
			.containsExactly(aliceAndBob);

		for (int i = 0; i < 3; i++) {
			MessageId id = MessageId.next();
			store.insert(List.of(
					new ChatEvent.PrivateMessage(id, id.time(), "carol", "Bob", "after " + i, false, false, false)));
		}
		assertThat(store.latestByTarget(List.of(), "bob", Instant.EPOCH, later, 10))
			.extracting(HistoryStore.Latest::targetKey)
			.containsExactlyInAnyOrder(aliceAndBob, HistoryStore.conversationKey("carol", false, "Bob", false));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM history_conversation WHERE target_key = ?", Integer.class,
				HistoryStore.conversationKey("carol", false, "Bob", false))).isEqualTo(2);
	}

	/** A fresh H2 in memory with the migrations up to {@code version}. */
	static DataSource migratedTo(String version) {
		DataSource data = new DriverManagerDataSource("jdbc:h2:mem:v" + version + "-" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1", "sa", "");
		H2Migrations.on(data).target(version).load().migrate();
		return data;
	}

	/** A private message from Alice to Bob written as the writer did before the migration under test. */
	static void insertAliceToBob(JdbcTemplate jdbc, MessageId id, String text) {
		jdbc.update("INSERT INTO history_message (id, target_key, room, sender, sender_key, recipient, recipient_key, "
				+ "body, no_reply, sent_at) VALUES (?, ?, NULL, 'Alice', ?, 'Bob', ?, ?, FALSE, ?)", id.value(),
				HistoryStore.conversationKey("Alice", false, "Bob", false), HistoryStore.partyKey("Alice", false),
				HistoryStore.partyKey("Bob", false), text, id.time().atOffset(ZoneOffset.UTC));
	}

}
