package io.parley.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.parley.chat.ChatEvent;

/**
 * The last lines of each room, in memory, for the replay on join: a join in a busy room then needs neither the
 * writer (a database read first waits until everything said before it is written) nor the database. A room's lines
 * are kept from the first one this node queued for the writer, every one of them in order (the room publishes them
 * under its lock, with growing ids), so the last of them before a join are exactly what a page of the database
 * reads once they are written: the same lines, ids and order. A line the writer's queue refused is not kept here
 * either; a batch the database refused, a deleted message or a purge clears what is kept, and the replay reads the
 * database again until a room has enough lines here.
 * <p>
 * Bounded twice: {@code join-replay + 1} lines a room (the one more says whether there are more), and
 * {@code replay-memory} bytes in all (counted from the text's length); past it whole rooms are let go, whichever
 * come first in the map, and read from the database again.
 */
final class RecentRoomLines {

	/** What a kept line costs besides its text: the event, its id, its time, its deque slot. */
	private static final int LINE_OVERHEAD_BYTES = 160;

	private final Map<String, Lines> rooms = new ConcurrentHashMap<>();

	private final AtomicLong bytes = new AtomicLong();

	private final int perRoom;

	private final long maxBytes;

	RecentRoomLines(int perRoom, long maxBytes) {
		this.perRoom = perRoom;
		this.maxBytes = maxBytes;
	}

	/** On the publishing thread, under the room's lock, once the writer has queued the line. */
	void add(ChatEvent.RoomMessage message) {
		if (this.perRoom == 0) {
			return;
		}
		Lines lines = this.rooms.computeIfAbsent(message.room(), room -> new Lines());
		this.bytes.addAndGet(lines.add(message, this.perRoom));
		if (this.bytes.get() > this.maxBytes) {
			letGo(lines);
		}
	}

	/**
	 * The last {@code count} lines of {@code room} before {@code before}, newest first, and one more when the room
	 * has it; null when fewer than {@code count + 1} are kept (the database then knows more than this does).
	 */
	List<StoredMessage> before(String room, UUID before, int count) {
		Lines lines = this.rooms.get(room);
		return (lines == null) ? null : lines.before(before, count + 1);
	}

	/** Forgets everything kept: the database lost or deleted lines that may be among them. */
	void clear() {
		for (String room : List.copyOf(this.rooms.keySet())) {
			Lines lines = this.rooms.remove(room);
			if (lines != null) {
				this.bytes.addAndGet(-lines.drop());
			}
		}
	}

	/** Lets rooms go until the bytes kept are under the bound, not the one just added to while others are left. */
	private void letGo(Lines keep) {
		Iterator<Map.Entry<String, Lines>> rooms = this.rooms.entrySet().iterator();
		while (this.bytes.get() > this.maxBytes && rooms.hasNext()) {
			Map.Entry<String, Lines> room = rooms.next();
			if (room.getValue() != keep || this.rooms.size() == 1) {
				rooms.remove();
				this.bytes.addAndGet(-room.getValue().drop());
			}
		}
	}

	/** One room's lines, oldest first; let go (dropped) once removed from the map, and then never added to. */
	private static final class Lines {

		private final ArrayDeque<ChatEvent.RoomMessage> messages = new ArrayDeque<>();

		private long bytes;

		private boolean dropped;

		/** Adds the line, keeps the last {@code most}; returns the change in bytes. */
		synchronized long add(ChatEvent.RoomMessage message, int most) {
			if (this.dropped) {
				return 0;
			}
			long change = cost(message);
			this.messages.addLast(message);
			while (this.messages.size() > most) {
				change -= cost(this.messages.removeFirst());
			}
			this.bytes += change;
			return change;
		}

		synchronized List<StoredMessage> before(UUID bound, int count) {
			if (this.dropped) {
				return null;
			}
			List<StoredMessage> found = new ArrayList<>(count);
			Iterator<ChatEvent.RoomMessage> newestFirst = this.messages.descendingIterator();
			while (newestFirst.hasNext() && found.size() < count) {
				ChatEvent.RoomMessage m = newestFirst.next();
				if (HistoryStore.compareIds(m.id().value(), bound) < 0) {
					found.add(StoredMessage.of(m));
				}
			}
			return (found.size() == count) ? found : null;
		}

		/** Let go: returns the bytes it held. */
		synchronized long drop() {
			this.dropped = true;
			this.messages.clear();
			long held = this.bytes;
			this.bytes = 0;
			return held;
		}

		private static long cost(ChatEvent.RoomMessage message) {
			return LINE_OVERHEAD_BYTES + 2L * (message.text().length() + message.from().length());
		}

	}

}
