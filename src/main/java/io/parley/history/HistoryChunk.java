package io.parley.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.f4b6a3.uuid.util.UuidUtil;

/**
 * Messages of one target (a room or a conversation) stored together, oldest first: one row of
 * {@code history_chunk} (the target, the first and the last id as written, how many, the last one's time) and one
 * of {@code history_chunk_body} (the messages as one body, keyed by that first id). A chunk's two ids stay as
 * written when a message leaves it (the admin's delete, the purge), so they are bounds of its ids, not always
 * ids of its messages. The writer packs each target's messages of a batch into as few chunks as these bounds and
 * their order allow ({@link Packer}), so a busy target costs the database a few rows a commit, not one row and
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

	/**
	 * A batch's chunks, made as its messages come, each message read once: its line is written into its target's
	 * open chunk at once. Reading a batch's messages again for each step (a sort, the packing, the body) cost the
	 * writer more than the steps themselves, as a batch of thousands no longer sits in the cache by the next pass
	 * (docs/benchmarks.md, "Issue 17: one pass over a batch"). A chunk is closed when the next message of its target
	 * would take it past a bound, or comes before its last one (two senders of a conversation queue in about id
	 * order, not exactly): every chunk's messages are in id order, and its first and last id bound them.
	 */
	static final class Packer {

		private final Map<String, Open> open = new HashMap<>();

		private final List<Packed> closed = new ArrayList<>();

		/** Adds a message of {@code targetKey}; {@code recipient} null in a room. */
		void add(String targetKey, UUID id, boolean noReply, String sender, String recipient, String text) {
			int size = approximateChars(sender, recipient, text);
			long millis = millis(id);
			Open chunk = this.open.get(targetKey);
			if (chunk != null && (chunk.count >= MAX_MESSAGES || chunk.chars + size > MAX_CHARS
					|| millis - millis(chunk.firstId) > MAX_SPAN_MILLIS || HistoryStore.compareIds(id, chunk.lastId) < 0)) {
				this.closed.add(chunk.close());
				chunk = null;
			}
			if (chunk == null) {
				chunk = new Open(targetKey, id);
				this.open.put(targetKey, chunk);
			}
			chunk.add(id, noReply, sender, recipient, text, size);
		}

		/** Every chunk of the batch, the open ones closed. */
		List<Packed> chunks() {
			this.open.values().forEach(chunk -> this.closed.add(chunk.close()));
			this.open.clear();
			return this.closed;
		}

		/** A target's chunk being filled. */
		private static final class Open {

			private final String targetKey;

			private final UUID firstId;

			private final BodyBytes body = new BodyBytes(256);

			private UUID lastId;

			private int count;

			private int chars;

			Open(String targetKey, UUID firstId) {
				this.targetKey = targetKey;
				this.firstId = firstId;
			}

			void add(UUID id, boolean noReply, String sender, String recipient, String text, int size) {
				this.body.line(id, noReply, sender, recipient, text);
				this.lastId = id;
				this.count++;
				this.chars += size;
			}

			Packed close() {
				return new Packed(this.targetKey, this.firstId, this.lastId, this.count, this.body.toByteArray());
			}

		}

	}

	/**
	 * A chunk as the writer inserts it: its two rows ({@code history_chunk} and {@code history_chunk_body}).
	 *
	 * @param body what {@link #body} makes of its messages
	 */
	record Packed(String targetKey, UUID firstId, UUID lastId, int count, byte[] body) {

		/** The last message's time, its id's own millisecond. */
		Instant lastAt() {
			return UuidUtil.getInstant(this.lastId);
		}

	}

	/** This chunk as the writer inserts it. */
	Packed packed() {
		return new Packed(this.targetKey, firstId(), lastId(), this.messages.size(), body());
	}

	private static int approximateChars(String sender, String recipient, String text) {
		return 42 + sender.length() + ((recipient != null) ? recipient.length() : 0) + text.length();
	}

	/** What {@code history_chunk_body.messages} holds: the UTF-8 of the text this class describes. */
	byte[] body() {
		BodyBytes out = new BodyBytes(64 * this.messages.size());
		for (StoredMessage message : this.messages) {
			out.line(message.id(), message.noReply(), message.sender(), message.recipient(), message.body());
		}
		return out.toByteArray();
	}

	/** The text of the body, one line per message. */
	String text() {
		return new String(body(), StandardCharsets.UTF_8);
	}

	/**
	 * A body being written: each field escaped and encoded as UTF-8 as it is read, as {@link String#getBytes} with
	 * UTF-8 would encode the text (a surrogate without its pair becomes {@code ?}), with no text made in between.
	 */
	private static final class BodyBytes {

		private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

		private byte[] bytes;

		private int size;

		BodyBytes(int capacity) {
			this.bytes = new byte[capacity];
		}

		/** A message's line, after a line feed unless it is the first. */
		void line(UUID id, boolean noReply, String sender, String recipient, String text) {
			ensure(41);
			if (this.size > 0) {
				this.bytes[this.size++] = '\n';
			}
			id(id);
			this.bytes[this.size++] = '\t';
			this.bytes[this.size++] = (byte) (noReply ? '1' : '0');
			this.bytes[this.size++] = '\t';
			field(sender);
			ensure(1);
			this.bytes[this.size++] = '\t';
			if (recipient != null) {
				field(recipient);
			}
			ensure(1);
			this.bytes[this.size++] = '\t';
			field(text);
		}

		/** As {@link UUID#toString}: 8-4-4-4-12 lower-case hex digits. */
		private void id(UUID id) {
			long high = id.getMostSignificantBits();
			long low = id.getLeastSignificantBits();
			hex(high >>> 32, 8);
			this.bytes[this.size++] = '-';
			hex(high >>> 16, 4);
			this.bytes[this.size++] = '-';
			hex(high, 4);
			this.bytes[this.size++] = '-';
			hex(low >>> 48, 4);
			this.bytes[this.size++] = '-';
			hex(low, 12);
		}

		/** The lowest {@code digits} hex digits of {@code value}. */
		private void hex(long value, int digits) {
			for (int i = digits - 1; i >= 0; i--) {
				this.bytes[this.size + i] = HEX[(int) (value & 0xF)];
				value >>>= 4;
			}
			this.size += digits;
		}

		/** A field, its backslashes, tabs and line feeds escaped. */
		private void field(String field) {
			int length = field.length();
			ensure(3 * length); // the most a character takes: 3 bytes (2 for an escape, 4 for a pair of surrogates)
			byte[] out = this.bytes;
			int at = this.size;
			for (int i = 0; i < length; i++) {
				char c = field.charAt(i);
				if (c < 0x80) {
					if (special(c)) {
						out[at++] = '\\';
						out[at++] = (byte) ((c == '\t') ? 't' : (c == '\n') ? 'n' : '\\');
					}
					else {
						out[at++] = (byte) c;
					}
				}
				else if (c < 0x800) {
					out[at++] = (byte) (0xC0 | (c >> 6));
					out[at++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(field.charAt(i + 1))) {
					int code = Character.toCodePoint(c, field.charAt(++i));
					out[at++] = (byte) (0xF0 | (code >> 18));
					out[at++] = (byte) (0x80 | ((code >> 12) & 0x3F));
					out[at++] = (byte) (0x80 | ((code >> 6) & 0x3F));
					out[at++] = (byte) (0x80 | (code & 0x3F));
				}
				else if (Character.isSurrogate(c)) {
					out[at++] = '?';
				}
				else {
					out[at++] = (byte) (0xE0 | (c >> 12));
					out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					out[at++] = (byte) (0x80 | (c & 0x3F));
				}
			}
			this.size = at;
		}

		private void ensure(int more) {
			if (this.size + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(2 * this.bytes.length, this.size + more));
			}
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.size);
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
