package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import io.parley.chat.ChatEvent;
import io.parley.chat.MessageId;
import io.parley.system.ParleyMetrics;

/**
 * {@code parley.history.room-cap}: the purge keeps a room's newest messages, at least the cap and at most a chunk
 * more, and takes the older ones; a room under its cap and a conversation (which has none) keep everything.
 */
class HistoryRoomCapTest {

	@Test
	void aRoomKeepsItsNewestUpToTheCapAndConversationsKeepAll() {
		HistoryStore store = HistoryChunkTest.storeOn(HistoryChunkTest.migrated(""));
		// an hour ago on, a message every 10 ms: 1,000 in #big, 100 in #small, 500 in a conversation, in batches of
		// 50 lines of #big (chunks of 24-26: a chunk spans at most 250 ms)
		long start = System.currentTimeMillis() - 3_600_000;
		List<UUID> big = new ArrayList<>();
		List<ChatEvent> batch = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			MessageId id = at(start + 10L * i, 0);
			big.add(id.value());
			batch.add(new ChatEvent.RoomMessage(id, id.time(), "big", i, "ann", "b" + i, false));
			if (i < 100) {
				MessageId small = at(start + 10L * i, 1);
				batch.add(new ChatEvent.RoomMessage(small, small.time(), "small", i, "ann", "s" + i, false));
			}
			if (i < 500) {
				MessageId dm = at(start + 10L * i, 2);
				batch.add(new ChatEvent.PrivateMessage(dm, dm.time(), "ann", "bo", "p" + i, false, false, false));
			}
			if (i % 50 == 49) {
				store.insert(batch);
				batch.clear();
			}
		}
		HistoryProperties capped = new HistoryProperties(true, Duration.ofDays(30), Duration.ofHours(1), 10_000, 50,
				1000, 20, 1000, 10_000, 2_000, Duration.ofSeconds(2), Duration.ofMillis(50), DataSize.ofMegabytes(8),
				120);
		HistoryPurge purge = new HistoryPurge(store, capped, new ParleyMetrics(new SimpleMeterRegistry()),
				new RecentRoomLines(20, DataSize.ofMegabytes(8).toBytes()));

		long purged = purge.purge();

		List<StoredMessage> left = store.page(List.of("#big"), null, false, null, true, 1000);
		assertThat(left.size()).isBetween(120, 120 + 26); // the cap and the rest of the chunk it ends in
		List<UUID> newest = new ArrayList<>(big.subList(1000 - left.size(), 1000));
		java.util.Collections.reverse(newest);
		assertThat(left).extracting(StoredMessage::id).containsExactlyElementsOf(newest);
		assertThat(purged).isEqualTo(1000 - left.size());
		assertThat(store.page(List.of("#small"), null, false, null, true, 1000)).hasSize(100);
		assertThat(store.page(List.of(HistoryStore.conversationKey("ann", false, "bo", false)), null, false, null, true,
				1000)).hasSize(500);
		assertThat(purge.purge()).isZero();

		// a cap of one: each room keeps its newest line and what shares its chunk, nothing older
		HistoryProperties one = new HistoryProperties(true, Duration.ofDays(30), Duration.ofHours(1), 10_000, 50, 1000,
				20, 1000, 10_000, 2_000, Duration.ofSeconds(2), Duration.ofMillis(50), DataSize.ofMegabytes(8), 1);
		new HistoryPurge(store, one, new ParleyMetrics(new SimpleMeterRegistry()),
				new RecentRoomLines(20, DataSize.ofMegabytes(8).toBytes())).purge();
		for (String room : List.of("#big", "#small")) {
			List<StoredMessage> kept = store.page(List.of(room), null, false, null, true, 1000);
			assertThat(kept.size()).as(room).isBetween(1, 26);
			assertThat(kept.get(0).body()).isEqualTo(room.equals("#big") ? "b999" : "s99");
		}
		assertThat(store.page(List.of(HistoryStore.conversationKey("ann", false, "bo", false)), null, false, null, true,
				1000)).hasSize(500);
	}

	/** A UUIDv7 of {@code millis}, the {@code n}th of that millisecond. */
	private static MessageId at(long millis, long n) {
		return new MessageId(new UUID((millis << 16) | 0x7000L, 0x8000_0000_0000_0000L | n));
	}

}
