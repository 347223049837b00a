package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;

/**
 * A page of history is an index walk on H2, the default database: every round of chunk headers {@link HistoryStore#page}
 * reads comes from {@code history_chunk_target}, from the bound on, in the index's order, however many chunks the
 * target has before the bound ({@code EXPLAIN ANALYZE}: {@code index sorted}, and a scan count of the round, not of
 * the target). Not timed: the count of rows read is what grows with the history when the query
 * sorts; the benchmark shows the time.
 */
class HistoryPageQueryTest {

	private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

	/** What the store ran: each statement and its arguments. */
	record Ran(String sql, Object[] args) {
	}

	@Test
	void everyPageReadsOnlyItsOwnRowsInTheIndexOrder() {
		DataSource data = new DriverManagerDataSource("jdbc:h2:mem:pages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"sa", "");
		H2Migrations.on(data).load().migrate();
		List<Ran> ran = new ArrayList<>();
		JdbcTemplate recording = new JdbcTemplate(data) {

			@Override
			public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
				if (sql.contains("FROM history_chunk WHERE")) {
					ran.add(new Ran(sql, args));
				}
				return super.query(sql, rowMapper, args);
			}

		};
		HistoryStore store = new HistoryStore(recording, new TransactionTemplate(new DataSourceTransactionManager(data)));

		// 4,000 lines in one room, in chunks of ten, others in another room and in a conversation under both of its
		// keys; a line every 10 ms (ids made for that time), so a page's bound has a few chunks within a chunk's span
		List<UUID> big = new ArrayList<>();
		List<ChatEvent> batch = new ArrayList<>();
		long start = System.currentTimeMillis() - 3_600_000;
		for (int i = 0; i < 4000; i++) {
			MessageId id = at(start + 10L * i, 0);
			big.add(id.value());
			batch.add(new ChatEvent.RoomMessage(id, id.time(), "big", i, "alice", "b" + i, false));
			MessageId other = at(start + 10L * i, 1);
			batch.add(new ChatEvent.RoomMessage(other, other.time(), "small", i, "bob", "s" + i, false));
			if (i % 2 == 0) {
				MessageId dm = at(start + 10L * i, 2);
				batch.add(
						new ChatEvent.PrivateMessage(dm, dm.time(), "alice", "bob", "p" + i, false, false, i % 4 == 0));
			}
			if (i % 10 == 9) { // as the writer's batches: 400 chunks of 10 lines in the big room
				store.insert(batch);
				batch.clear();
			}
		}

		UUID middle = big.get(2000);
		assertThat(store.page(List.of("#big"), null, false, middle, true, 50)).extracting(StoredMessage::body)
			.containsExactlyElementsOf(IntStream.range(1950, 2000).map(i -> 3949 - i).mapToObj(i -> "b" + i).toList());
		assertThat(store.page(List.of("#big"), middle, false, null, false, 50)).extracting(StoredMessage::body)
			.containsExactlyElementsOf(IntStream.range(2001, 2051).mapToObj(i -> "b" + i).toList());
		assertThat(store.page(List.of("#big"), middle, true, big.get(3000), false, 50)).extracting(StoredMessage::body)
			.containsExactlyElementsOf(IntStream.range(2000, 2050).mapToObj(i -> "b" + i).toList());
		assertThat(store.page(List.of("#big"), null, false, null, true, 50)).extracting(StoredMessage::body)
			.startsWith("b3999", "b3998");
		List<String> conversation = List.of(HistoryStore.conversationKey("alice", false, "bob", false),
				HistoryStore.conversationKey("alice", false, "bob", true));
		// a conversation under two keys: both keys' pages merged by id, newest first
		assertThat(store.page(conversation, null, false, middle, true, 4)).extracting(StoredMessage::body)
			.containsExactly("p1998", "p1996", "p1994", "p1992");

		assertThat(ran).isNotEmpty();
		for (Ran statement : ran) {
			String plan = new JdbcTemplate(data).queryForObject("EXPLAIN ANALYZE " + statement.sql(), String.class,
					statement.args());
			assertThat(plan).as(statement.sql()).contains("HISTORY_CHUNK_TARGET").contains("/* index sorted */");
			Matcher scanned = SCAN_COUNT.matcher(plan);
			assertThat(scanned.find()).as(plan).isTrue();
			// a round of headers from the bound, not the thousands of the target before it
			assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(17);
		}
	}

	/** A UUIDv7 of {@code millis}, the {@code n}th of that millisecond. */
	private static MessageId at(long millis, long n) {
		return new MessageId(new UUID((millis << 16) | 0x7000L, 0x8000_0000_0000_0000L | n));
	}

}
