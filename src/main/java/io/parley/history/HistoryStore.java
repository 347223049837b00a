package io.parley.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.account.UserNames;
import io.parley.chat.ChatEvent;

/**
 * The history's tables ({@code V4__history.sql}, one index since {@code V8__history_one_index.sql}) in SQL that H2
 * and PostgreSQL both run. Every read is by {@code target_key} and a range of ids, on one index, however long the
 * history: a page costs the same in a room of a million messages as in one of fifty. Longer than the usual 300 lines
 * on purpose: every statement of the history is here, so what must run on both H2 and PostgreSQL is read (and tested, {@code HistoryStorePostgresTest}) in
 * one place.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class HistoryStore {

	private static final String COLUMNS = "id, room, sender, recipient, body, no_reply";

	private static final String INSERT_COLUMNS = "id, target_key, room, sender, sender_key, recipient, recipient_key, "
			+ "body, no_reply, sent_at";

	/** Rows one {@code INSERT} of the writer holds: 1,000 parameters, far below either database's bound. */
	static final int ROWS_PER_INSERT = 100;

	private static final String INSERT_CHUNK = insertRows(ROWS_PER_INSERT);

	/** Pairs of {@link #knownParties} past which it starts again. */
	private static final int KNOWN_PARTIES = 10_000;

	/** Below and above every id: UUIDs compare as unsigned numbers in both databases. */
	private static final UUID FIRST_ID = new UUID(0, 0);

	private static final UUID LAST_ID = new UUID(-1L, -1L);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	/** Parties whose conversation is in {@code history_conversation} already: no statement for them. */
	private final Set<Party> knownParties = ConcurrentHashMap.newKeySet();

	HistoryStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	static String roomKey(String room) {
		return "#" + room;
	}

	/**
	 * The same for both parties, whichever wrote: their keys ({@link #partyKey}), sorted. A guest's side is marked,
	 * so that an account registered later under a guest's old name does not read what the guest wrote.
	 */
	static String conversationKey(String one, boolean oneGuest, String other, boolean otherGuest) {
		String a = partyKey(one, oneGuest);
		String b = partyKey(other, otherGuest);
		return (a.compareTo(b) <= 0) ? a + " " + b : b + " " + a;
	}

	/** A party's look-alike key, with {@code ~} before it for a guest (a name never starts with it). */
	static String partyKey(String name, boolean guest) {
		return guest ? "~" + UserNames.key(name) : UserNames.key(name);
	}

	/** A message on its way to the store, and whether each party of a private one was a guest when it was sent. */
	record Pending(ChatEvent event, boolean fromGuest, boolean toGuest) {
	}

	/**
	 * Stores room and private messages in one transaction; other events are not history. Rows go in
	 * {@link #ROWS_PER_INSERT} at a time, one multi-row {@code INSERT} each: H2 runs a JDBC batch as one statement
	 * per row, and a third of the writer's time per message was that per-statement work. A conversation's parties
	 * are noted the first time this store sees them ({@code history_conversation}).
	 */
	void insert(List<Pending> events) {
		List<Row> rows = new ArrayList<>(events.size());
		Set<Party> newParties = new LinkedHashSet<>();
		for (Pending pending : events) {
			Row row = row(pending);
			if (row == null) {
				continue;
			}
			rows.add(row);
			for (Party party : row.parties()) {
				if (!this.knownParties.contains(party)) {
					newParties.add(party);
				}
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> {
			for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
				List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
				this.jdbc.update(insertOf(chunk.size()), (PreparedStatement statement) -> {
					int column = 1;
					for (Row row : chunk) {
						column = row.set(statement, column);
					}
				});
			}
			newParties.forEach(this::noteParty);
		});
		remember(newParties);
	}

	/** The statement that inserts {@code rows} rows; the usual full chunk's text is made once. */
	private static String insertOf(int rows) {
		return (rows == ROWS_PER_INSERT) ? INSERT_CHUNK : insertRows(rows);
	}

	private static String insertRows(int rows) {
		return "INSERT INTO history_message (" + INSERT_COLUMNS + ") VALUES "
				+ String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
	}

	/** Adds a party's conversation unless it is there: one statement H2 and PostgreSQL both run. */
	private void noteParty(Party party) {
		this.jdbc.update("INSERT INTO history_conversation (party_key, target_key) SELECT CAST(? AS VARCHAR(64)), "
				+ "CAST(? AS VARCHAR(140)) WHERE NOT EXISTS (SELECT 1 FROM history_conversation WHERE party_key = ? "
				+ "AND target_key = ?)", party.partyKey(), party.targetKey(), party.partyKey(), party.targetKey());
	}

	/** Once committed: bounded, so a server up for months does not keep every pair it ever saw. */
	private void remember(Set<Party> parties) {
		if (this.knownParties.size() + parties.size() > KNOWN_PARTIES) {
			this.knownParties.clear(); // the pairs still talking are seen again, at one cheap statement each
		}
		this.knownParties.addAll(parties);
	}

	/** A party to a conversation: what {@code history_conversation} holds. */
	record Party(String partyKey, String targetKey) {
	}

	/** One row of {@code history_message}; sender_key and recipient_key only for a private message. */
	private record Row(UUID id, String targetKey, String room, String sender, String senderKey, String recipient,
			String recipientKey, String body, boolean noReply, OffsetDateTime sentAt) {

		List<Party> parties() {
			return (this.senderKey == null) ? List.of()
					: List.of(new Party(this.senderKey, this.targetKey), new Party(this.recipientKey, this.targetKey));
		}

		/** Sets its ten parameters from {@code first} on, typed (a NULL is a VARCHAR), and returns the next one. */
		int set(PreparedStatement statement, int first) throws SQLException {
			int column = first;
			statement.setObject(column++, this.id);
			statement.setString(column++, this.targetKey);
			setText(statement, column++, this.room);
			statement.setString(column++, this.sender);
			setText(statement, column++, this.senderKey);
			setText(statement, column++, this.recipient);
			setText(statement, column++, this.recipientKey);
			statement.setString(column++, this.body);
			statement.setBoolean(column++, this.noReply);
			statement.setObject(column++, this.sentAt);
			return column;
		}

		private static void setText(PreparedStatement statement, int column, String text) throws SQLException {
			if (text == null) {
				statement.setNull(column, Types.VARCHAR);
			}
			else {
				statement.setString(column, text);
			}
		}

	}

	private static Row row(Pending pending) {
		ChatEvent event = pending.event();
		if (event instanceof ChatEvent.RoomMessage m) {
			return new Row(m.id().value(), roomKey(m.room()), m.room(), m.from(), null, null, null, m.text(),
					m.noReply(), at(m.time()));
		}
		if (event instanceof ChatEvent.PrivateMessage m) {
			return new Row(m.id().value(), conversationKey(m.from(), pending.fromGuest(), m.to(), pending.toGuest()),
					null, m.from(), partyKey(m.from(), pending.fromGuest()), m.to(), partyKey(m.to(), pending.toGuest()),
					m.text(), m.noReply(), at(m.time()));
		}
		return null;
	}

	/** UUIDs as both databases order them: unsigned, most significant bits first. */
	static int compareIds(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	private static OffsetDateTime at(Instant time) {
		return time.atOffset(ZoneOffset.UTC);
	}

	/**
	 * Stores a private message for its recipient, who is offline, unless {@code cap} wait already; committed when
	 * this returns true. Two senders at the same instant may each pass the count and take it one past the cap.
	 */
	boolean keepOffline(ChatEvent.PrivateMessage message, boolean fromGuest, int cap) {
		String recipientKey = UserNames.key(message.to());
		return Boolean.TRUE.equals(this.transactions.execute(status -> {
			Integer waiting = this.jdbc.queryForObject("SELECT COUNT(*) FROM offline_message WHERE recipient_key = ?",
					Integer.class, recipientKey);
			if (waiting != null && waiting >= cap) {
				return false;
			}
			Row row = row(new Pending(message, fromGuest, false));
			this.jdbc.update(insertRows(1), (PreparedStatement statement) -> row.set(statement, 1));
			row.parties().forEach(this::noteParty);
			this.jdbc.update("INSERT INTO offline_message (recipient_key, message_id, target_key) VALUES (?, ?, ?)",
					recipientKey, message.id().value(), row.targetKey());
			return true;
		}));
	}

	/** The messages waiting for {@code user}, oldest first. */
	List<StoredMessage> offlineFor(String user, int limit) {
		return this.jdbc.query("SELECT h.id, h.room, h.sender, h.recipient, h.body, h.no_reply FROM offline_message o "
				+ "JOIN history_message h ON h.target_key = o.target_key AND h.id = o.message_id "
				+ "WHERE o.recipient_key = ? ORDER BY o.message_id LIMIT ?",
				HistoryStore::message, UserNames.key(user), limit);
	}

	void forgetOffline(String user, List<UUID> ids) {
		String key = UserNames.key(user);
		List<Object[]> rows = ids.stream().map(id -> new Object[] { key, id }).toList();
		this.jdbc.batchUpdate("DELETE FROM offline_message WHERE recipient_key = ? AND message_id = ?", rows);
	}

	/**
	 * Up to {@code limit} messages of {@code targetKeys} (a room's one, or a conversation's: with an account and
	 * with a guest of that name) with ids after {@code after} (from it, with
	 * {@code afterInclusive}) and before {@code before}, either bound null for none; the newest of them when
	 * {@code newestFirst} (and in that order), else the oldest.
	 */
	List<StoredMessage> page(List<String> targetKeys, UUID after, boolean afterInclusive, UUID before,
			boolean newestFirst, int limit) {
		if (targetKeys.size() == 1) {
			return page(targetKeys.get(0), after, afterInclusive, before, newestFirst, limit);
		}
		// a conversation under two keys (an account's and a guest's of the same name): each key's page read on its
		// own index range, then merged by id; an IN list ordered by id alone would be sorted, not walked
		List<StoredMessage> merged = new ArrayList<>();
		for (String key : targetKeys) {
			merged.addAll(page(key, after, afterInclusive, before, newestFirst, limit));
		}
		Comparator<StoredMessage> byId = (a, b) -> compareIds(a.id(), b.id());
		merged.sort(newestFirst ? byId.reversed() : byId);
		return (merged.size() > limit) ? new ArrayList<>(merged.subList(0, limit)) : merged;
	}

	/**
	 * One target's page, between two ids ({@link #FIRST_ID} and {@link #LAST_ID} where the caller gave no bound, so
	 * there are four statement texts in all, each planned once). Ordered by the index's
	 * own columns, {@code target_key} first though it is fixed: H2 then walks {@code history_message_target} from
	 * the bound (forwards or backwards) and stops at the limit ({@code EXPLAIN} says {@code index sorted}), where
	 * {@code ORDER BY id} alone made it read and sort every line of the target before the bound (seconds for a page
	 * of a room with a million lines). PostgreSQL walks the index either way.
	 */
	private List<StoredMessage> page(String targetKey, UUID after, boolean afterInclusive, UUID before,
			boolean newestFirst, int limit) {
		List<Object> args = new ArrayList<>(4);
		args.add(targetKey);
		args.add((after != null) ? after : FIRST_ID);
		args.add((before != null) ? before : LAST_ID);
		args.add(limit);
		return this.jdbc.query(pageQuery(newestFirst, after != null && afterInclusive), HistoryStore::message,
				args.toArray());
	}

	/** The statement of one target's page: its parameters are the target's key, the two bounds and the limit. */
	static String pageQuery(boolean newestFirst, boolean afterInclusive) {
		return "SELECT " + COLUMNS + " FROM history_message WHERE target_key = ? AND id " + (afterInclusive ? ">=" : ">")
				+ " ? AND id < ? " + (newestFirst ? "ORDER BY target_key DESC, id DESC" : "ORDER BY target_key, id")
				+ " LIMIT ?";
	}

	/** A target and the time of its latest message. */
	record Latest(String targetKey, Instant time) {
	}

	/**
	 * The rooms of {@code roomKeys} and the conversations of {@code user} whose latest message lies strictly
	 * between {@code after} and {@code before}, the longest quiet first, at most {@code limit}.
	 */
	List<Latest> latestByTarget(List<String> roomKeys, String user, Instant after, Instant before, int limit) {
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder(
				"target_key IN (SELECT target_key FROM history_conversation WHERE party_key = ?)");
		args.add(UserNames.key(user));
		if (!roomKeys.isEmpty()) {
			where.append(" OR target_key IN (").append(String.join(", ", Collections.nCopies(roomKeys.size(), "?")))
				.append(')');
			args.addAll(roomKeys);
		}
		args.add(at(after));
		args.add(at(before));
		args.add(limit);
		return this.jdbc.query("SELECT target_key, MAX(sent_at) AS latest FROM history_message WHERE " + where
				+ " GROUP BY target_key HAVING MAX(sent_at) > ? AND MAX(sent_at) < ? ORDER BY latest, target_key LIMIT ?",
				(rs, n) -> new Latest(rs.getString("target_key"),
						rs.getObject("latest", OffsetDateTime.class).toInstant()),
				args.toArray());
	}

	/** The latest message of a target: who a conversation is with, as they are named. */
	StoredMessage latestOf(String targetKey) {
		List<StoredMessage> latest = page(List.of(targetKey), null, false, null, true, 1);
		return latest.isEmpty() ? null : latest.get(0);
	}

	/**
	 * Deletes up to {@code batch} of one target's messages with ids before {@code bound}, its oldest, and the offline
	 * rows of all of them (first: a mailbox row is never left without its message); returns how many messages. Ranges
	 * of {@code history_message_target} and {@code offline_message_target}: the purge walks the targets
	 * ({@link #nextTarget}) and each one's old messages, and no statement reads a whole table.
	 */
	int purgeBefore(String target, UUID bound, int batch) {
		return inTransaction(() -> {
			this.jdbc.update("DELETE FROM offline_message WHERE target_key = ? AND message_id < ?", target, bound);
			return this.jdbc.update("DELETE FROM history_message WHERE target_key = ? AND id IN (SELECT id FROM "
					+ "history_message WHERE target_key = ? AND id < ? ORDER BY target_key, id LIMIT ?)", target,
					target, bound, batch);
		});
	}

	/**
	 * Whether {@code target} has a message before {@code bound}: one seek on {@code history_message_target}, so a
	 * purge that finds nothing to delete costs a read per target, not a write transaction.
	 */
	boolean hasMessagesBefore(String target, UUID bound) {
		return !this.jdbc.queryForList("SELECT 1 FROM history_message WHERE target_key = ? AND id < ? LIMIT 1",
				Integer.class, target, bound).isEmpty();
	}

	/**
	 * The first target with messages after {@code target} in the index's order (from the first, with null), or null
	 * past the last: one seek on {@code history_message_target} in both databases.
	 */
	String nextTarget(String target) {
		List<String> next = (target == null)
				? this.jdbc.queryForList("SELECT target_key FROM history_message ORDER BY target_key LIMIT 1",
						String.class)
				: this.jdbc.queryForList(
						"SELECT target_key FROM history_message WHERE target_key > ? ORDER BY target_key LIMIT 1",
						String.class, target);
		return next.isEmpty() ? null : next.get(0);
	}

	/**
	 * Deletes one message, and its offline row if it waits in a mailbox (the reference {@code V8__history_one_index.sql}
	 * took out of the schema); false when there was none of that id. The admin's, rare: by the id alone, which no
	 * index leads with since V8, so it reads the table (a second index entry for every message cost the writer more).
	 */
	boolean delete(UUID id) {
		return inTransaction(() -> {
			this.jdbc.update("DELETE FROM offline_message WHERE message_id = ?", id);
			return this.jdbc.update("DELETE FROM history_message WHERE id = ?", id);
		}) > 0;
	}

	private int inTransaction(IntSupplier work) {
		Integer done = this.transactions.execute(status -> work.getAsInt());
		return (done != null) ? done : 0;
	}

	/** One message by id, or null (reads the table, as {@link #delete}). */
	StoredMessage find(UUID id) {
		List<StoredMessage> found = this.jdbc.query("SELECT " + COLUMNS + " FROM history_message WHERE id = ?",
				HistoryStore::message, id);
		return found.isEmpty() ? null : found.get(0);
	}

	private static StoredMessage message(ResultSet rs, int row) throws SQLException {
		return new StoredMessage(rs.getObject("id", UUID.class), rs.getString("room"), rs.getString("sender"),
				rs.getString("recipient"), rs.getString("body"), rs.getBoolean("no_reply"));
	}

}
