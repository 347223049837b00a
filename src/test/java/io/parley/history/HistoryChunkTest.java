package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
 * Chunks ({@link HistoryChunk}): their text carries any message through, as the UTF-8 the format says,
 * {@link HistoryChunk.Packer} keeps to the bounds and to id order, and a page read from overlapping chunks ({@link HistoryStore#page}) is exactly the page a sort of every
 * message gives, in both directions, from any bound, with messages queued late and ids far apart.
 */
class HistoryChunkTest {

	private static final Comparator<StoredMessage> BY_ID = (a, b) -> HistoryStore.compareIds(a.id(), b.id());

	@Test
	void aChunksTextCarriesEveryFieldThrough() {
		Random random = new Random(17);
		String alphabet = "ab\\\t\nn t\uD83D\uDE00é ";
		for (int round = 0; round < 500; round++) {
			List<StoredMessage> messages = new ArrayList<>();
			boolean room = random.nextBoolean();
			for (int i = 0; i < 1 + random.nextInt(5); i++) {
				messages.add(new StoredMessage(MessageId.next().value(), room ? "r" : null, text(random, alphabet),
						room ? null : "x" + text(random, alphabet), text(random, alphabet), random.nextBoolean()));
			}
			HistoryChunk chunk = new HistoryChunk(room ? "#r" : "a b", messages);
			assertThat(HistoryChunk.read(room ? "r" : null, chunk.text())).isEqualTo(messages);
		}
	}

	/**
	 * The body is written in one pass, bytes at a time: it must be the UTF-8 of the text the class describes (what
	 * {@code V9__history_chunks.sql} writes in SQL), for any character, a surrogate without its pair included.
	 */
	@Test
	void aChunksBodyIsTheUtf8OfItsTextForAnyCharacter() {
		Random random = new Random(25);
		for (int round = 0; round < 2000; round++) {
			List<StoredMessage> messages = new ArrayList<>();
			boolean room = random.nextBoolean();
			for (int i = 0; i < 1 + random.nextInt(4); i++) {
				messages.add(new StoredMessage(new UUID(random.nextLong(), random.nextLong()), room ? "r" : null,
						anyText(random), room ? null : anyText(random), anyText(random), random.nextBoolean()));
			}
			StringBuilder text = new StringBuilder();
			for (StoredMessage m : messages) {
				text.append(text.isEmpty() ? "" : "\n").append(m.id()).append('\t').append(m.noReply() ? '1' : '0')
					.append('\t').append(escaped(m.sender())).append('\t')
					.append((m.recipient() != null) ? escaped(m.recipient()) : "").append('\t').append(escaped(m.body()));
			}
			assertThat(new HistoryChunk(room ? "#r" : "a b", messages).body())
				.isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Characters from each of UTF-8's lengths, the escaped ones, pairs of surrogates and lone ones. */
	private static String anyText(Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(16); i > 0; i--) {
			switch (random.nextInt(6)) {
				case 0 -> text.append("\\\t\n".charAt(random.nextInt(3)));
				case 1 -> text.append((char) random.nextInt(0x80));
				case 2 -> text.append((char) (0x80 + random.nextInt(0x800 - 0x80)));
				case 3 -> text.append((char) (0x800 + random.nextInt(0x10000 - 0x800)));
				case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
				default -> text.append((char) (0xD800 + random.nextInt(0x800)));
			}
		}
		return text.toString();
	}

	private static String escaped(String field) {
		return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
	}

	private static String text(Random random, String alphabet) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(12); i > 0; i--) {
			int at = random.nextInt(alphabet.length());
			if (Character.isSurrogate(alphabet.charAt(at))) {
				text.append("\uD83D\uDE00");
			}
			else {
				text.append(alphabet.charAt(at));
			}
		}
		return text.toString();
	}

	@Test
	void aPackedChunkKeepsToItsCountItsSizeAndItsSpan() {
		List<StoredMessage> messages = new ArrayList<>();
		long start = 1_700_000_000_000L;
		for (int i = 0; i < 1000; i++) {
			// a message every 2 ms, a long one now and then
			messages.add(new StoredMessage(id(start + 2L * i, i), "r", "s", null, (i % 97 == 0) ? "x".repeat(8192) : "m",
					false));
		}
		List<HistoryChunk.Packed> chunks = packed(messages);
		assertThat(chunks.stream().mapToInt(HistoryChunk.Packed::count).sum()).isEqualTo(1000);
		for (HistoryChunk.Packed chunk : chunks) {
			assertThat(chunk.count()).isBetween(1, HistoryChunk.MAX_MESSAGES);
			assertThat(HistoryChunk.millis(chunk.lastId()) - HistoryChunk.millis(chunk.firstId()))
				.isLessThanOrEqualTo(HistoryChunk.MAX_SPAN_MILLIS);
			if (chunk.count() > 1) {
				assertThat(new String(chunk.body(), StandardCharsets.UTF_8).length())
					.isLessThanOrEqualTo(HistoryChunk.MAX_CHARS);
			}
		}
		assertThat(chunks.stream().flatMap(c -> HistoryChunk.read("r", c.body()).stream()).toList())
			.isEqualTo(messages);
	}

	/**
	 * Messages of two targets, interleaved, a fifth of them queued after later ones: every chunk holds one target's
	 * messages in id order, its first and last id are its lowest and highest, its count and time are its own, and
	 * together the chunks hold every message once.
	 */
	@Test
	void packedChunksKeepIdOrderWhenMessagesComeLate() {
		Random random = new Random(9);
		long start = 1_700_000_000_000L;
		List<StoredMessage> made = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			made.add(new StoredMessage(id(start + i / 3, i), (i % 2 == 0) ? "a" : "b", "s", null, "m" + i, false));
		}
		List<StoredMessage> queued = new ArrayList<>(made);
		for (int i = 1; i < queued.size(); i++) {
			if (random.nextInt(5) == 0) {
				queued.add(i - 1, queued.remove(i)); // a message queued before the one made just before it
			}
		}
		List<StoredMessage> read = new ArrayList<>();
		for (HistoryChunk.Packed chunk : packed(queued)) {
			String room = HistoryChunk.roomOf(chunk.targetKey());
			List<StoredMessage> messages = HistoryChunk.read(room, chunk.body());
			assertThat(messages).allMatch(m -> m.room().equals(room)).isSortedAccordingTo(BY_ID);
			assertThat(chunk.firstId()).isEqualTo(messages.get(0).id());
			assertThat(chunk.lastId()).isEqualTo(messages.get(messages.size() - 1).id());
			assertThat(chunk.count()).isEqualTo(messages.size());
			assertThat(chunk.lastAt()).isEqualTo(messages.get(messages.size() - 1).time());
			read.addAll(messages);
		}
		read.sort(BY_ID);
		assertThat(read).isEqualTo(made);
	}

	private static List<HistoryChunk.Packed> packed(List<StoredMessage> messages) {
		HistoryChunk.Packer packer = new HistoryChunk.Packer();
		messages.forEach(m -> packer.add("#" + m.room(), m.id(), m.noReply(), m.sender(), m.recipient(), m.body()));
		return packer.chunks();
	}

	@Test
	void aPageFromOverlappingChunksIsThePageOfAllMessagesSorted() {
		HistoryStore store = storeOn(migrated(""));
		Random random = new Random(42);
		long start = 1_700_000_000_000L;
		// 3,000 lines of one room, a few ms apart with bursts in one millisecond; a tenth queued late, some by far
		// more than a chunk's span, so chunks of the target overlap; written in batches of 20 to 300
		List<StoredMessage> all = new ArrayList<>();
		List<StoredMessage> late = new ArrayList<>();
		List<ChatEvent> batch = new ArrayList<>();
		long millis = start;
		for (int i = 0; i < 3000; i++) {
			millis += (random.nextInt(4) == 0) ? 0 : random.nextInt(40);
			UUID id = id(millis, i);
			StoredMessage message = new StoredMessage(id, "big", "s" + (i % 7), null, "b" + i, false);
			all.add(message);
			(random.nextInt(10) == 0 ? late : new ArrayList<StoredMessage>(List.of())).add(message);
			if (!late.contains(message)) {
				batch.add(pending(message));
			}
			if (batch.size() >= 20 + random.nextInt(280)) {
				// the late ones join a batch some time after they were made
				for (var it = late.iterator(); it.hasNext();) {
					StoredMessage waiting = it.next();
					if (random.nextInt(3) == 0) {
						batch.add(pending(waiting));
						it.remove();
					}
				}
				store.insert(batch);
				batch.clear();
			}
		}
		late.forEach(m -> batch.add(pending(m)));
		store.insert(batch);
		all.sort(BY_ID);

		assertPagesAsSorted(store, all, random, 400);

		// the admin deletes messages (a chunk's first and last among them) and the purge takes all before a bound
		// that falls inside chunks: pages are still those of the rest, sorted
		for (int i = 0; i < 60; i++) {
			StoredMessage gone = all.get((i % 3 == 0) ? 0 : random.nextInt(all.size()));
			assertThat(store.delete(gone.id())).isTrue();
			assertThat(store.delete(gone.id())).isFalse();
			assertThat(store.find(gone.id())).isNull();
			all.remove(gone);
		}
		// the newest message goes: the chunk keeps its ids as bounds, its time becomes that of its last line
		StoredMessage newest = all.remove(all.size() - 1);
		assertThat(store.delete(newest.id())).isTrue();
		assertThat(store.latestByTarget(List.of("#big"), "nobody", Instant.EPOCH, Instant.now(), 10))
			.containsExactly(new HistoryStore.Latest("#big", all.get(all.size() - 1).time()));
		UUID purgeBound = all.get(all.size() / 3).id();
		int purged = 0;
		int step;
		do {
			step = store.purgeBefore("#big", purgeBound, 100);
			purged += step;
		}
		while (step > 0 && store.hasMessagesBefore("#big", purgeBound));
		int before = all.size();
		all.removeIf(m -> HistoryStore.compareIds(m.id(), purgeBound) < 0);
		assertThat(purged).isEqualTo(before - all.size());
		assertThat(store.purgeBefore("#big", purgeBound, 100)).isZero();
		assertThat(store.find(all.get(0).id())).isEqualTo(all.get(0));
		assertPagesAsSorted(store, all, random, 200);
	}

	private static void assertPagesAsSorted(HistoryStore store, List<StoredMessage> all, Random random, int probes) {
		for (int probe = 0; probe < probes; probe++) {
			UUID after = random.nextBoolean() ? null : bound(random, all);
			UUID before = random.nextBoolean() ? null : bound(random, all);
			boolean inclusive = random.nextBoolean();
			boolean newestFirst = random.nextBoolean();
			int limit = 1 + random.nextInt(random.nextBoolean() ? 60 : 1200);
			List<StoredMessage> expected = all.stream()
				.filter(m -> after == null || (inclusive ? HistoryStore.compareIds(m.id(), after) >= 0
						: HistoryStore.compareIds(m.id(), after) > 0))
				.filter(m -> before == null || HistoryStore.compareIds(m.id(), before) < 0)
				.sorted(newestFirst ? BY_ID.reversed() : BY_ID)
				.limit(limit)
				.toList();
			assertThat(store.page(List.of("#big"), after, inclusive, before, newestFirst, limit))
				.as("after %s (%s) before %s, %s, %d", after, inclusive, before, newestFirst ? "newest" : "oldest", limit)
				.isEqualTo(expected);
		}
	}

	@Test
	void twoRewritesOfOneChunkTakeTurnsAndNeitherUndoesTheOther() throws Exception {
		DataSource data = migrated(";LOCK_TIMEOUT=20000");
		HistoryStore store = storeOn(data);
		long start = 1_700_000_000_000L;
		List<StoredMessage> three = List.of(new StoredMessage(id(start, 0), "r", "s", null, "a", false),
				new StoredMessage(id(start, 1), "r", "s", null, "b", false),
				new StoredMessage(id(start, 2), "r", "s", null, "c", false));
		store.insert(three.stream().map(HistoryChunkTest::pending).toList());
		UUID key = three.get(0).id();
		try (java.sql.Connection first = data.getConnection()) {
			// a first rewrite (as delete(b) does) holds the body while the admin deletes c
			first.setAutoCommit(false);
			try (var lock = first.prepareStatement("SELECT messages FROM history_chunk_body WHERE first_id = ? FOR UPDATE")) {
				lock.setObject(1, key);
				lock.executeQuery().close();
			}
			var deleteC = new java.util.concurrent.FutureTask<>(() -> store.delete(three.get(2).id()));
			Thread deleting = new Thread(deleteC, "delete-c");
			deleting.start();
			// parked on the first rewrite's row lock: with the lock it waits to read the body; without it, it would
			// have read a, b, c already and wait to write them back less c
			await().atMost(Duration.ofSeconds(10)).until(() -> deleting.getState() == Thread.State.TIMED_WAITING
					|| deleting.getState() == Thread.State.WAITING);
			assertThat(deleteC).as("the delete waits for the first rewrite's lock").isNotDone();
			try (var update = first.prepareStatement("UPDATE history_chunk_body SET messages = ? WHERE first_id = ?")) {
				update.setBytes(1, new HistoryChunk("#r", List.of(three.get(0), three.get(2))).body());
				update.setObject(2, key);
				update.executeUpdate();
			}
			first.commit();
			assertThat(deleteC.get(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		}
		assertThat(store.page(List.of("#r"), null, false, null, false, 10)).extracting(StoredMessage::body)
			.containsExactly("a");
	}

	/** A fresh H2 in memory with every migration, and {@code settings} after its URL. */
	static DataSource migrated(String settings) {
		DataSource data = new DriverManagerDataSource("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
				+ settings, "sa", "");
		H2Migrations.on(data).load().migrate();
		return data;
	}

	static HistoryStore storeOn(DataSource data) {
		return new HistoryStore(new JdbcTemplate(data), new TransactionTemplate(new DataSourceTransactionManager(data)));
	}

	/** A message's id, or an id between messages (a time's bound). */
	private static UUID bound(Random random, List<StoredMessage> all) {
		UUID id = all.get(random.nextInt(all.size())).id();
		return random.nextBoolean() ? id : new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits() + 1);
	}

	private static ChatEvent pending(StoredMessage message) {
		MessageId id = new MessageId(message.id());
		return new ChatEvent.RoomMessage(id, Instant.ofEpochMilli(HistoryChunk.millis(message.id())),
				message.room(), 0, message.sender(), message.body(), message.noReply());
	}

	/** A UUIDv7 of {@code millis}, counting up by {@code n} within it. */
	private static UUID id(long millis, long n) {
		return new UUID((millis << 16) | 0x7000L, 0x8000_0000_0000_0000L | n);
	}

}
