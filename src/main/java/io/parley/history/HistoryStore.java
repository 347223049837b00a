package io.parley.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
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
 * The history's tables in SQL that H2 and PostgreSQL both run: messages kept in chunks of one target
 * ({@link HistoryChunk}, {@code V9__history_chunks.sql}), a chunk's ids in {@code history_chunk}, read by
 * {@code (target_key, last_id)}, and its messages in {@code history_chunk_body}, read by the chunk's first id. A
 * page walks a target's chunks from its bound on that one index and reads the bodies of those that hold its
 * messages: it costs the same in a room of a million messages as in one of fifty. Longer than the usual 300 lines
 * on purpose: every statement of the history is here, so what must run on both H2 and PostgreSQL is read (and
 * tested, {@code HistoryStorePostgresTest}) in one place.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.history.enabled", matchIfMissing = true)
class HistoryStore {

	/** Rows one {@code INSERT} of the writer holds: at most 500 parameters, far below either database's bound. */
	static final int ROWS_PER_INSERT = 100;

	/** Chunk headers a page reads at first; each further round of the same page reads twice as many. */
	private static final int FIRST_ROUND = 4;

	private static final int LAST_ROUND = 1024;

	/** Pairs of {@link #knownParties} past which it starts again. */
	private static final int KNOWN_PARTIES = 10_000;

	/** Below and above every id: UUIDs compare as unsigned numbers in both databases. */
	private static final UUID FIRST_ID = new UUID(0, 0);

	private static final UUID LAST_ID = new UUID(-1L, -1L);

	private static final Comparator<StoredMessage> BY_ID = (a, b) -> compareIds(a.id(), b.id());

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
		return conversationOf(partyKey(one, oneGuest), partyKey(other, otherGuest));
	}

	/** The conversation of two parties' keys ({@link #partyKey}). */
	private static String conversationOf(String a, String b) {
		return (a.compareTo(b) <= 0) ? a + " " + b : b + " " + a;
	}

	/** A party's look-alike key, with {@code ~} before it for a guest (a name never starts with it). */
	static String partyKey(String name, boolean guest) {
		return guest ? "~" + UserNames.key(name) : UserNames.key(name);
	}

	/**
	 * Stores room and private messages in one transaction; other events are not history. Each message is read once,
	 * into its target's chunk ({@link HistoryChunk.Packer}); each chunk is a row in each of the two tables, written
	 * {@link #ROWS_PER_INSERT} at a time by one multi-row {@code INSERT} (H2 runs a JDBC batch as one statement per
	 * row). A conversation's parties are noted the first time this store sees them ({@code history_conversation}).
	 */
	void insert(List<ChatEvent> events) {
		HistoryChunk.Packer packer = new HistoryChunk.Packer();
		// a target's key costs a concatenation (a conversation's, two look-alike keys too): once a batch, not a message
		Map<String, String> roomKeys = new HashMap<>();
		Map<Speakers, Conversation> conversations = new HashMap<>();
		for (ChatEvent event : events) {
			if (event instanceof ChatEvent.RoomMessage m) {
				packer.add(roomKeys.computeIfAbsent(m.room(), HistoryStore::roomKey), m.id().value(), m.noReply(),
						m.from(), null, m.text());
			}
			else if (event instanceof ChatEvent.PrivateMessage m) {
				packer.add(conversationOf(m, conversations).targetKey(), m.id().value(), m.noReply(), m.from(), m.to(),
						m.text());
			}
		}
		List<HistoryChunk.Packed> chunks = packer.chunks();
		if (chunks.isEmpty()) {
			return;
		}
		Set<Party> newParties = new LinkedHashSet<>();
		for (Conversation conversation : conversations.values()) {
			for (Party party : conversation.parties()) {
				if (!this.knownParties.contains(party)) {
					newParties.add(party);
				}
			}
		}
		this.transactions.executeWithoutResult(status -> {
			write(chunks);
			newParties.forEach(this::noteParty);
		});
		remember(newParties);
	}

	/** Both rows of each chunk, {@link #ROWS_PER_INSERT} rows a statement. */
	private void write(List<HistoryChunk.Packed> chunks) {
		for (int from = 0; from < chunks.size(); from += ROWS_PER_INSERT) {
			List<HistoryChunk.Packed> part = chunks.subList(from, Math.min(chunks.size(), from + ROWS_PER_INSERT));
			this.jdbc.update(insertRows("history_chunk (target_key, first_id, last_id, message_count, last_at)", 5,
					part.size()), (PreparedStatement statement) -> {
						int column = 1;
						for (HistoryChunk.Packed chunk : part) {
							statement.setString(column++, chunk.targetKey());
							statement.setObject(column++, chunk.firstId());
							statement.setObject(column++, chunk.lastId());
							statement.setInt(column++, chunk.count());
							statement.setObject(column++, at(chunk.lastAt()));
						}
					});
			this.jdbc.update(insertRows("history_chunk_body (first_id, messages)", 2, part.size()),
					(PreparedStatement statement) -> {
						int column = 1;
						for (HistoryChunk.Packed chunk : part) {
							statement.setObject(column++, chunk.firstId());
							statement.setBytes(column++, chunk.body());
						}
					});
		}
	}

	private static String insertRows(String tableAndColumns, int columns, int rows) {
		String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
		return "INSERT INTO " + tableAndColumns + " VALUES " + String.join(", ", Collections.nCopies(rows, row));
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

	/** A private message's two names as sent, and whether each was a guest: what its conversation follows. */
	private record Speakers(String from, boolean fromGuest, String to, boolean toGuest) {
	}

	/** A conversation's key and its two parties. */
	private record Conversation(String targetKey, List<Party> parties) {

		static Conversation of(Speakers speakers) {
			String from = partyKey(speakers.from(), speakers.fromGuest());
			String to = partyKey(speakers.to(), speakers.toGuest());
			String target = conversationOf(from, to);
			return new Conversation(target, List.of(new Party(from, target), new Party(to, target)));
		}

	}

	/** A private message's conversation, from {@code conversations}, added there if new. */
	private static Conversation conversationOf(ChatEvent.PrivateMessage m, Map<Speakers, Conversation> conversations) {
		return conversations.computeIfAbsent(new Speakers(m.from(), m.fromGuest(), m.to(), m.toGuest()),
				Conversation::of);
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
	 * this returns true. The message is a chunk of its own, so its mailbox row finds it by its id. Two senders at
	 * the same instant may each pass the count and take it one past the cap.
	 */
	boolean keepOffline(ChatEvent.PrivateMessage message, int cap) {
		String recipientKey = UserNames.key(message.to());
		return Boolean.TRUE.equals(this.transactions.execute(status -> {
			Integer waiting = this.jdbc.queryForObject("SELECT COUNT(*) FROM offline_message WHERE recipient_key = ?",
					Integer.class, recipientKey);
			if (waiting != null && waiting >= cap) {
				return false;
			}
			Conversation conversation = Conversation.of(new Speakers(message.from(), message.fromGuest(), message.to(),
					message.toGuest()));
			write(List.of(new HistoryChunk(conversation.targetKey(), List.of(new StoredMessage(message.id().value(), null,
					message.from(), message.to(), message.text(), message.noReply()))).packed()));
			conversation.parties().forEach(this::noteParty);
			this.jdbc.update("INSERT INTO offline_message (recipient_key, message_id, target_key) VALUES (?, ?, ?)",
					recipientKey, message.id().value(), conversation.targetKey());
			return true;
		}));
	}

	/** The messages waiting for {@code user}, oldest first. */
	List<StoredMessage> offlineFor(String user, int limit) {
		List<StoredMessage> waiting = new ArrayList<>();
		this.jdbc.query("SELECT o.message_id, o.target_key, b.messages FROM offline_message o "
				+ "JOIN history_chunk_body b ON b.first_id = o.message_id "
				+ "WHERE o.recipient_key = ? ORDER BY o.message_id LIMIT ?", rs -> {
					UUID id = rs.getObject("message_id", UUID.class);
					for (StoredMessage message : HistoryChunk.read(HistoryChunk.roomOf(rs.getString("target_key")),
							rs.getBytes("messages"))) {
						if (message.id().equals(id)) {
							waiting.add(message);
						}
					}
				}, UserNames.key(user), limit);
		return waiting;
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
		// a conversation under two keys (an account's and a guest's of the same name): each key's page, merged by id
		List<StoredMessage> merged = new ArrayList<>();
		for (String key : targetKeys) {
			merged.addAll(page(key, after, afterInclusive, before, newestFirst, limit));
		}
		merged.sort(newestFirst ? BY_ID.reversed() : BY_ID);
		return (merged.size() > limit) ? new ArrayList<>(merged.subList(0, limit)) : merged;
	}

	/** What {@code history_chunk} says of a chunk. */
	private record Header(UUID firstId, UUID lastId, int count) {
	}

	/**
	 * One target's page. The target's chunks are walked on {@code history_chunk_target} from the bound, in rounds
	 * of {@link #FIRST_ROUND} headers and twice as many each time; the bodies of those that may hold the page's
	 * messages are read when their counts could fill it, and the walk stops at the first chunk that can hold none
	 * better than the page has: newest first, one that ends below the page's oldest; oldest first, one whose
	 * last id less {@link HistoryChunk#MAX_SPAN_MILLIS} lies above the page's newest (no later chunk starts
	 * lower). Chunks may overlap (two senders, two nodes): the page is the best {@code limit} of what was read.
	 */
	private List<StoredMessage> page(String targetKey, UUID after, boolean afterInclusive, UUID before,
			boolean newestFirst, int limit) {
		if (limit <= 0) {
			return new ArrayList<>();
		}
		UUID low = (after != null) ? after : FIRST_ID;
		UUID high = (before != null) ? before : LAST_ID;
		UUID headersBelow = (before != null) ? HistoryChunk.spanAbove(before) : LAST_ID;
		Comparator<StoredMessage> worstFirst = newestFirst ? BY_ID : BY_ID.reversed();
		PriorityQueue<StoredMessage> best = new PriorityQueue<>(worstFirst);
		Range range = new Range(HistoryChunk.roomOf(targetKey), low, afterInclusive, high);
		List<Header> unread = new ArrayList<>();
		int unreadCount = 0;
		for (Header header : headers(targetKey, newestFirst, low, headersBelow)) {
			if (compareIds(header.firstId(), high) >= 0) {
				continue; // after the page's end (it reaches below the bound's span, not below the bound)
			}
			if (best.size() + unreadCount >= limit) {
				readInto(best, unread, range, worstFirst, limit);
				unread.clear();
				unreadCount = 0;
			}
			if (best.size() >= limit) {
				UUID worst = best.peek().id();
				if (newestFirst ? compareIds(header.lastId(), worst) < 0
						: compareIds(HistoryChunk.spanBelow(header.lastId()), worst) > 0) {
					return ordered(best, newestFirst);
				}
				if (!newestFirst && compareIds(header.firstId(), worst) > 0) {
					continue; // all after the page's newest; a later chunk may still start lower
				}
			}
			unread.add(header);
			unreadCount += header.count();
		}
		readInto(best, unread, range, worstFirst, limit);
		return ordered(best, newestFirst);
	}

	/**
	 * One target's chunk headers with last ids from {@code low} (included) to {@code high} (not), on
	 * {@code history_chunk_target} in its order, newest first or oldest first: read as the caller goes, in rounds of
	 * {@link #FIRST_ROUND} headers and twice as many each time (up to {@link #LAST_ROUND}), so a walk that stops
	 * early reads few. A chunk rewritten meanwhile keeps its last id ({@link #rewrite}): no round meets it twice.
	 */
	private Iterable<Header> headers(String target, boolean newestFirst, UUID low, UUID high) {
		return () -> new Iterator<>() {

			private List<Header> round = List.of();

			private int next;

			private int size;

			/** The bound of the next round: its highest last id (not included) newest first, else its lowest. */
			private UUID from = newestFirst ? high : low;

			private boolean exhausted;

			@Override
			public boolean hasNext() {
				if (this.next < this.round.size()) {
					return true;
				}
				if (this.exhausted) {
					return false;
				}
				this.size = (this.size == 0) ? FIRST_ROUND : Math.min(LAST_ROUND, 2 * this.size);
				this.round = newestFirst
						? HistoryStore.this.jdbc.query(headerQuery(true), HistoryStore::header, target, low, this.from,
								this.size)
						: HistoryStore.this.jdbc.query(headerQuery(false), HistoryStore::header, target, this.from, high,
								this.size);
				this.next = 0;
				this.exhausted = this.round.size() < this.size;
				if (this.round.isEmpty()) {
					return false;
				}
				UUID last = this.round.get(this.round.size() - 1).lastId();
				this.from = newestFirst ? last : successor(last);
				return true;
			}

			@Override
			public Header next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.round.get(this.next++);
			}

		};
	}

	/** What a page keeps of a chunk: ids after {@code low} (or from it) and before {@code high}. */
	private record Range(String room, UUID low, boolean lowInclusive, UUID high) {

		boolean holds(UUID id) {
			int fromLow = compareIds(id, this.low);
			return (this.lowInclusive ? fromLow >= 0 : fromLow > 0) && compareIds(id, this.high) < 0;
		}

	}

	/** Reads the bodies of {@code chunks} and keeps, of their messages in range, the page's best {@code limit}. */
	private void readInto(PriorityQueue<StoredMessage> best, List<Header> chunks, Range range,
			Comparator<StoredMessage> worstFirst, int limit) {
		if (chunks.isEmpty()) {
			return;
		}
		this.jdbc.query("SELECT messages FROM history_chunk_body WHERE first_id IN ("
				+ String.join(", ", Collections.nCopies(chunks.size(), "?")) + ")", rs -> {
					for (StoredMessage message : HistoryChunk.read(range.room(), rs.getBytes(1))) {
						if (range.holds(message.id())) {
							best.add(message);
							if (best.size() > limit) {
								best.poll();
							}
						}
					}
				}, chunks.stream().map(Header::firstId).toArray());
	}

	private static List<StoredMessage> ordered(PriorityQueue<StoredMessage> best, boolean newestFirst) {
		List<StoredMessage> page = new ArrayList<>(best);
		page.sort(newestFirst ? BY_ID.reversed() : BY_ID);
		return page;
	}

	/** The id just above {@code id}, as both databases order them. */
	private static UUID successor(UUID id) {
		long low = id.getLeastSignificantBits() + 1;
		return new UUID(id.getMostSignificantBits() + ((low == 0) ? 1 : 0), low);
	}

	/**
	 * The statement of a round of one target's chunk headers: its parameters are the target's key, the lowest and
	 * (not included) the highest last id, and how many. Ordered by the index's own columns, {@code target_key}
	 * first though it is fixed: H2 then walks {@code history_chunk_target} from the bound and stops at the limit
	 * ({@code EXPLAIN} says {@code index sorted}); PostgreSQL walks the index either way.
	 */
	static String headerQuery(boolean newestFirst) {
		return "SELECT first_id, last_id, message_count FROM history_chunk WHERE target_key = ? AND last_id >= ? "
				+ "AND last_id < ? " + (newestFirst ? "ORDER BY target_key DESC, last_id DESC" : "ORDER BY target_key, last_id")
				+ " LIMIT ?";
	}

	private static Header header(java.sql.ResultSet rs, int row) throws SQLException {
		return new Header(rs.getObject("first_id", UUID.class), rs.getObject("last_id", UUID.class),
				rs.getInt("message_count"));
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
		return this.jdbc.query("SELECT target_key, MAX(last_at) AS latest FROM history_chunk WHERE " + where
				+ " GROUP BY target_key HAVING MAX(last_at) > ? AND MAX(last_at) < ? ORDER BY latest, target_key LIMIT ?",
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
	 * Deletes one target's oldest chunks with ids before {@code bound}, whole chunks until at least {@code batch}
	 * messages, and the offline rows of all of them (first: a mailbox row is never left without its message);
	 * returns how many messages. A chunk that holds ids on both sides of the bound (the last to go) keeps its newer
	 * ones ({@link #rewrite}). Ranges of {@code history_chunk_target} and {@code offline_message_target}: the purge
	 * walks the targets ({@link #nextTarget}) and each one's old messages, and no statement reads a whole table.
	 */
	int purgeBefore(String target, UUID bound, int batch) {
		return inTransaction(() -> {
			this.jdbc.update("DELETE FROM offline_message WHERE target_key = ? AND message_id < ?", target, bound);
			int deleted = 0;
			List<Header> old = this.jdbc.query(headerQuery(false), HistoryStore::header, target, FIRST_ID, bound, batch);
			for (Header header : old) {
				if (deleted >= batch) {
					return deleted;
				}
				deleted += deleteChunk(target, header); // 0 when another node's purge took it first
			}
			if (old.size() == batch) {
				return deleted;
			}
			// the chunks that reach from before the bound into it: their newer messages stay
			for (Header header : headers(target, false, bound, HistoryChunk.spanAbove(bound))) {
				if (compareIds(header.firstId(), bound) < 0) {
					deleted += rewrite(target, header, m -> compareIds(m.id(), bound) < 0);
				}
			}
			return deleted;
		});
	}

	/**
	 * The bound before which a target holds more than its newest {@code keep} messages: the lowest first id of the
	 * chunks that hold them, counted back from the newest on {@code history_chunk_target} (headers only); null when
	 * the target holds no more. The newest {@code keep} are never before it; what stays past them is the rest of the
	 * chunk the count ends in (up to a chunk more), and where chunks overlap (two nodes) a little more.
	 */
	UUID capBound(String target, int keep) {
		long counted = 0;
		UUID lowest = null;
		for (Header header : headers(target, true, FIRST_ID, LAST_ID)) {
			counted += header.count();
			lowest = (lowest == null || compareIds(header.firstId(), lowest) < 0) ? header.firstId() : lowest;
			if (counted >= keep) {
				return lowest;
			}
		}
		return null;
	}

	/**
	 * Whether {@code target} may have a message before {@code bound}: a short range of {@code history_chunk_target},
	 * so a purge that finds nothing to delete costs a read per target, not a write transaction. True, too, for a
	 * chunk whose older messages were purged already (its first id stays as written): one more look at its body.
	 */
	boolean hasMessagesBefore(String target, UUID bound) {
		return !this.jdbc.queryForList("SELECT 1 FROM history_chunk WHERE target_key = ? AND last_id < ? "
				+ "AND first_id < ? LIMIT 1", Integer.class, target, HistoryChunk.spanAbove(bound), bound).isEmpty();
	}

	/**
	 * The first target with messages after {@code target} in the index's order (from the first, with null), or null
	 * past the last: one seek on {@code history_chunk_target} in both databases.
	 */
	String nextTarget(String target) {
		List<String> next = (target == null)
				? this.jdbc.queryForList("SELECT target_key FROM history_chunk ORDER BY target_key LIMIT 1",
						String.class)
				: this.jdbc.queryForList(
						"SELECT target_key FROM history_chunk WHERE target_key > ? ORDER BY target_key LIMIT 1",
						String.class, target);
		return next.isEmpty() ? null : next.get(0);
	}

	/**
	 * Deletes one message, and its offline row if it waits in a mailbox; false when there was none of that id. Its
	 * chunk is written again without it ({@link #rewrite}). The admin's, rare: by the id alone, which no index leads
	 * with, so it reads {@code history_chunk} (a row a chunk, not a message).
	 */
	boolean delete(UUID id) {
		return inTransaction(() -> {
			for (Located found : locate(id)) {
				if (rewrite(found.targetKey(), found.header(), m -> m.id().equals(id)) > 0) {
					this.jdbc.update("DELETE FROM offline_message WHERE message_id = ?", id);
					return 1;
				}
			}
			return 0;
		}) > 0;
	}

	/** One message by id, or null (reads {@code history_chunk}, as {@link #delete}). */
	StoredMessage find(UUID id) {
		for (Located found : locate(id)) {
			for (StoredMessage message : found.messages()) {
				if (message.id().equals(id)) {
					return message;
				}
			}
		}
		return null;
	}

	/** A chunk whose ids span {@code id}, and its messages. */
	private record Located(String targetKey, Header header, List<StoredMessage> messages) {
	}

	private List<Located> locate(UUID id) {
		List<Located> found = new ArrayList<>();
		this.jdbc.query("SELECT c.target_key, c.first_id, c.last_id, c.message_count, b.messages FROM history_chunk c "
				+ "JOIN history_chunk_body b ON b.first_id = c.first_id WHERE c.first_id <= ? AND c.last_id >= ?", rs -> {
					String target = rs.getString("target_key");
					found.add(new Located(target, header(rs, 0),
							HistoryChunk.read(HistoryChunk.roomOf(target), rs.getBytes("messages"))));
				}, id, id);
		return found;
	}

	/**
	 * Takes the messages {@code gone} picks out of a chunk, in the caller's transaction, and returns how many. The
	 * body is read locked ({@code FOR UPDATE}), so two rewrites of one chunk (the admin's delete and the purge, or
	 * two nodes) take turns and the second works on the first's result. The chunk stays where it was: its body and
	 * count change, its ids do not, as they are bounds (every id of the chunk lies between them), not its first and
	 * last message; a page that read the header before the rewrite still finds the body by the same key, and a walk
	 * never meets a chunk twice. A chunk left with nothing goes.
	 */
	private int rewrite(String target, Header header, java.util.function.Predicate<StoredMessage> gone) {
		List<byte[]> body = this.jdbc.queryForList(
				"SELECT messages FROM history_chunk_body WHERE first_id = ? FOR UPDATE", byte[].class,
				header.firstId());
		if (body.isEmpty()) {
			return 0; // gone meanwhile (another purge)
		}
		List<StoredMessage> messages = HistoryChunk.read(HistoryChunk.roomOf(target), body.get(0));
		List<StoredMessage> kept = messages.stream().filter(gone.negate()).toList();
		if (kept.size() == messages.size()) {
			return 0;
		}
		if (kept.isEmpty()) {
			deleteChunk(target, header);
		}
		else {
			HistoryChunk rest = new HistoryChunk(target, kept);
			this.jdbc.update("UPDATE history_chunk_body SET messages = ? WHERE first_id = ?", rest.body(),
					header.firstId());
			this.jdbc.update("UPDATE history_chunk SET message_count = ?, last_at = ? WHERE target_key = ? AND "
					+ "last_id = ?", kept.size(), at(rest.lastAt()), target, header.lastId());
		}
		return messages.size() - kept.size();
	}

	/**
	 * Both rows of a chunk, the body first, as {@link #rewrite} locks them (one order, no deadlock between the
	 * admin's delete and the purge, or two nodes); how many messages it held then, 0 when it was gone already.
	 */
	private int deleteChunk(String target, Header header) {
		if (this.jdbc.update("DELETE FROM history_chunk_body WHERE first_id = ?", header.firstId()) == 0) {
			return 0;
		}
		// read under the body's lock: a rewrite that took messages out before it is counted, none can come after
		List<Integer> count = this.jdbc.queryForList(
				"SELECT message_count FROM history_chunk WHERE target_key = ? AND last_id = ?", Integer.class, target,
				header.lastId());
		this.jdbc.update("DELETE FROM history_chunk WHERE target_key = ? AND last_id = ?", target, header.lastId());
		return count.isEmpty() ? 0 : count.get(0);
	}

	private int inTransaction(IntSupplier work) {
		Integer done = this.transactions.execute(status -> work.getAsInt());
		return (done != null) ? done : 0;
	}

}
