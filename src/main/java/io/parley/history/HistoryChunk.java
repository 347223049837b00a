package io.parley.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.f4b6a3.uuid.util.UuidUtil;

/**
 * Messages of one target (a room or a conversation) stored together, oldest first: one row of
 * {@code history_chunk} (the target, the first and the last id as written, how many, the last one's time) and one
 * of {@code history_chunk_body} (the messages as one body, keyed by that first id). A chunk's two ids stay as
 * written when a message leaves it (the admin's delete, the purge), so they are bounds of its ids, not always
 * ids of its messages. The writer packs each target's messages of a batch into
 * as few chunks as these bounds allow, so a busy target costs the database a few rows a commit, not one row and
 * index entry per message ({@code V9__history_chunks.sql} says why).
 * <p>
 * The body is the UTF-8 of a text that holds one line per message, its fields separated by tabs: the id (as
 * {@link UUID#toString}), {@code 1} or {@code 0} for no-reply, the sender, the recipient (empty in a room) and the
 * text. A backslash, a tab and a line feed in a field are written {@code \\}, {@code \t} and {@code \n}.
 * {@code V9__history_chunks.sql} writes the same text in SQL and {@code V10__history_chunk_bytes.sql} turns it into
 * bytes, so they and this class change together. Bytes, not a character column: H2 writes a string out at a commit
 * a character at a time, which was a fifth of the writer's CPU ({@code V10} says more).
 *
 * @param targetKey the key pages are read by ({@link HistoryStore#roomKey}, {@link HistoryStore#conversationKey})
 * @param messages oldest first, at least one
 */
record HistoryChunk(String targetKey, List<StoredMessage> messages) {

	/** The most messages a chunk holds: a page of 50 decodes at most a few chunks. */
	static final int MAX_MESSAGES = 200;

	/** About the most characters a chunk's text holds (counted before escapes: a text with many may hold more). */
	static final int MAX_CHARS = 32 * 1024;

	/**
	 * The most milliseconds between a chunk's first and last id. Reads rely on it: a chunk holding an id before a
	 * bound ends before the bound's millisecond plus this, so a page looks that far past its bound, no further,
	 * for chunks that reach into it (messages of one target are queued in about id order, but not exactly: two
	 * senders of a conversation, or two nodes of a cluster, write side by side).
	 */
	static final long MAX_SPAN_MILLIS = 250;

	UUID firstId() {
		return this.messages.get(0).id();
	}

	UUID lastId() {
		return this.messages.get(this.messages.size() - 1).id();
	}

	Instant lastAt() {
		return UuidUtil.getInstant(lastId());
	}

	/** Splits one target's messages, oldest first, into chunks within the bounds. */
	static List<HistoryChunk> pack(String targetKey, List<StoredMessage> oldestFirst) {
		List<HistoryChunk> chunks = new ArrayList<>();
		int start = 0;
		int chars = 0;
		long firstMillis = 0;
		for (int i = 0; i < oldestFirst.size(); i++) {
			StoredMessage message = oldestFirst.get(i);
			int size = approximateChars(message);
			long millis = millis(message.id());
			if (i > start && (i - start >= MAX_MESSAGES || chars + size > MAX_CHARS
					|| millis - firstMillis > MAX_SPAN_MILLIS)) {
				chunks.add(new HistoryChunk(targetKey, List.copyOf(oldestFirst.subList(start, i))));
				start = i;
				chars = 0;
			}
			if (i == start) {
				firstMillis = millis;
			}
			chars += size;
		}
		if (start < oldestFirst.size()) {
			chunks.add(new HistoryChunk(targetKey, List.copyOf(oldestFirst.subList(start, oldestFirst.size()))));
		}
		return chunks;
	}

	private static int approximateChars(StoredMessage message) {
		return 42 + message.sender().length() + ((message.recipient() != null) ? message.recipient().length() : 0)
				+ message.body().length();
	}

	/** What {@code history_chunk_body.messages} holds: the UTF-8 of {@link #text}. */
	byte[] body() {
		return text().getBytes(StandardCharsets.UTF_8);
	}

	/** The text of the body, one line per message. */
	String text() {
		StringBuilder out = new StringBuilder(64 * this.messages.size());
		for (StoredMessage message : this.messages) {
			if (out.length() > 0) {
				out.append('\n');
			}
			out.append(message.id()).append('\t').append(message.noReply() ? '1' : '0').append('\t');
			escape(out, message.sender());
			out.append('\t');
			if (message.recipient() != null) {
				escape(out, message.recipient());
			}
			out.append('\t');
			escape(out, message.body());
		}
		return out.toString();
	}

	private static void escape(StringBuilder out, String field) {
		int clean = 0;
		while (clean < field.length() && !special(field.charAt(clean))) {
			clean++;
		}
		out.append(field, 0, clean); // most fields have nothing to escape: one copy, not a char at a time
		for (int i = clean; i < field.length(); i++) {
			char c = field.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				default -> out.append(c);
			}
		}
	}

	private static boolean special(char c) {
		return c == '\\' || c == '\t' || c == '\n';
	}

	/**
	 * The messages of a chunk's body ({@link #body}); {@code room} is the room's name for a room's chunk, else null
	 * (a line of the body does not repeat it).
	 */
	static List<StoredMessage> read(String room, byte[] body) {
		return read(room, new String(body, StandardCharsets.UTF_8));
	}

	/** The messages of a chunk's text ({@link #text}), as {@link #read(String, byte[])}. */
	static List<StoredMessage> read(String room, String text) {
		List<StoredMessage> messages = new ArrayList<>();
		Fields fields = new Fields(text);
		while (fields.more()) {
			UUID id = UUID.fromString(fields.next());
			boolean noReply = "1".equals(fields.next());
			String sender = fields.next();
			String recipient = fields.next();
			String body = fields.next();
			messages.add(new StoredMessage(id, room, sender, recipient.isEmpty() ? null : recipient, body, noReply));
		}
		return messages;
	}

	/** The room of a target key, or null for a conversation's. */
	static String roomOf(String targetKey) {
		return targetKey.startsWith("#") ? targetKey.substring(1) : null;
	}

	/** A cursor over the fields of a chunk's text, in order, unescaped. */
	private static final class Fields {

		private final String text;

		private int at;

		Fields(String text) {
			this.text = text;
		}

		boolean more() {
			return this.at < this.text.length();
		}

		/** The field from here to the next tab or line feed (or the end), which it passes. */
		String next() {
			StringBuilder unescaped = null;
			int start = this.at;
			int i = this.at;
			for (; i < this.text.length(); i++) {
				char c = this.text.charAt(i);
				if (c == '\t' || c == '\n') {
					break;
				}
				if (c == '\\' && i + 1 < this.text.length()) {
					if (unescaped == null) {
						unescaped = new StringBuilder(this.text.length() - start);
					}
					unescaped.append(this.text, start, i);
					char escaped = this.text.charAt(++i);
					unescaped.append(switch (escaped) {
						case 't' -> '\t';
						case 'n' -> '\n';
						default -> escaped;
					});
					start = i + 1;
				}
			}
			String field;
			if (unescaped == null) {
				field = this.text.substring(start, i);
			}
			else {
				field = unescaped.append(this.text, start, i).toString();
			}
			this.at = i + 1;
			return field;
		}

	}

	/** The millisecond a UUIDv7 starts with (any UUID's first 48 bits). */
	static long millis(UUID id) {
		return id.getMostSignificantBits() >>> 16;
	}

	/**
	 * Above every id of a chunk that holds an id before {@code bound}: such a chunk ends before the bound's
	 * millisecond plus {@link #MAX_SPAN_MILLIS} and one.
	 */
	static UUID spanAbove(UUID bound) {
		long millis = millis(bound) + MAX_SPAN_MILLIS + 1;
		return (millis >= (1L << 48)) ? new UUID(-1L, -1L) : new UUID(millis << 16, 0);
	}

	/** At or below every id of a chunk whose last id is {@code last}. */
	static UUID spanBelow(UUID last) {
		return new UUID(Math.max(0, millis(last) - MAX_SPAN_MILLIS) << 16, 0);
	}

}
