package io.parley.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.account.UserNames;
import io.parley.chat.ChatEvent;

/**
 * The history's tables ({@code V4__history.sql}) in SQL that H2 and PostgreSQL both run. Every read is by
 * {@code target_key} and a range of ids, on one index, however long the history: a page costs the same in a room of
 * a million messages as in one of fifty.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class HistoryStore {

	private static final String COLUMNS = "id, room, sender, recipient, body, no_reply";

	private static final String INSERT = "INSERT INTO history_message (id, target_key, room, sender, sender_key, "
			+ "recipient, recipient_key, body, no_reply, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

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

	/** Stores room and private messages in one transaction; other events are not history. */
	void insert(List<Pending> events) {
		List<Object[]> rows = new ArrayList<>(events.size());
		for (Pending pending : events) {
			Object[] row = row(pending);
			if (row != null) {
				rows.add(row);
			}
		}
		if (!rows.isEmpty()) {
			this.transactions.executeWithoutResult(status -> this.jdbc.batchUpdate(INSERT, rows));
		}
	}

	private static Object[] row(Pending pending) {
		ChatEvent event = pending.event();
		if (event instanceof ChatEvent.RoomMessage m) {
			return new Object[] { m.id().value(), roomKey(m.room()), m.room(), m.from(), null, null, null, m.text(),
					m.noReply(), at(m.time()) };
		}
		if (event instanceof ChatEvent.PrivateMessage m) {
			return new Object[] { m.id().value(),
					conversationKey(m.from(), pending.fromGuest(), m.to(), pending.toGuest()), null, m.from(),
					partyKey(m.from(), pending.fromGuest()), m.to(), partyKey(m.to(), pending.toGuest()), m.text(),
					m.noReply(), at(m.time()) };
		}
		return null;
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
			this.jdbc.update(INSERT, row(new Pending(message, fromGuest, false)));
			this.jdbc.update("INSERT INTO offline_message (recipient_key, message_id) VALUES (?, ?)", recipientKey,
					message.id().value());
			return true;
		}));
	}

	/** The messages waiting for {@code user}, oldest first. */
	List<StoredMessage> offlineFor(String user, int limit) {
		return this.jdbc.query("SELECT h.id, h.room, h.sender, h.recipient, h.body, h.no_reply FROM offline_message o "
				+ "JOIN history_message h ON h.id = o.message_id WHERE o.recipient_key = ? ORDER BY o.message_id LIMIT ?",
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
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM history_message WHERE target_key "
				+ ((targetKeys.size() == 1) ? "= ?" : "IN (" + String.join(", ", Collections.nCopies(targetKeys.size(), "?")) + ")"));
		List<Object> args = new ArrayList<>(4);
		args.addAll(targetKeys);
		if (after != null) {
			sql.append(afterInclusive ? " AND id >= ?" : " AND id > ?");
			args.add(after);
		}
		if (before != null) {
			sql.append(" AND id < ?");
			args.add(before);
		}
		sql.append(newestFirst ? " ORDER BY id DESC" : " ORDER BY id").append(" LIMIT ?");
		args.add(limit);
		return this.jdbc.query(sql.toString(), HistoryStore::message, args.toArray());
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
		StringBuilder where = new StringBuilder("sender_key = ? OR recipient_key = ?");
		String key = UserNames.key(user);
		args.add(key);
		args.add(key);
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

	/** Deletes up to {@code batch} messages with ids before {@code bound}, the oldest; returns how many. */
	int purgeBefore(UUID bound, int batch) {
		return this.jdbc.update("DELETE FROM history_message WHERE id IN "
				+ "(SELECT id FROM history_message WHERE id < ? ORDER BY id LIMIT ?)", bound, batch);
	}

	/** Deletes one message; false when there was none of that id. */
	boolean delete(UUID id) {
		return this.jdbc.update("DELETE FROM history_message WHERE id = ?", id) > 0;
	}

	/** One message by id, or null. */
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
