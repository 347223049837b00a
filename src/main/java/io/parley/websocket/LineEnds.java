package io.parley.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where each line of a batch ends, and whether it is ASCII, eight bytes at a time. A fan-out frames every line
 * once per WebSocket member ({@link FrameSender}), and a byte at a time this scan was the largest part of framing
 * (issue 19, docs/benchmarks.md).
 */
final class LineEnds {

	/** The bytes of a batch read as little-endian words: the lowest byte of a word is the first in the batch. */
	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;

	private static final long ONES = 0x0101010101010101L;

	private LineEnds() {
	}

	/**
	 * Where the line that starts at {@code start} ends: the index of its LF, or {@code lines.length} when it has none;
	 * as {@code -index - 1} when a byte of the line (before that index) is not ASCII.
	 */
	static int find(byte[] lines, int start) {
		int at = start;
		boolean ascii = true;
		while (at <= lines.length - Long.BYTES) {
			long word = (long) WORDS.get(lines, at);
			long xored = word ^ LINE_FEEDS;
			// an LF is a zero byte now; the lowest flag is exact (a borrow only falsely flags bytes above a zero)
			long lineFeeds = (xored - ONES) & ~xored & HIGH_BITS;
			if (lineFeeds != 0) {
				int before = Long.numberOfTrailingZeros(lineFeeds) >>> 3;
				long head = (before == 0) ? 0 : word & (-1L >>> (Long.SIZE - before * Byte.SIZE));
				return end(at + before, ascii && (head & HIGH_BITS) == 0);
			}
			ascii &= (word & HIGH_BITS) == 0;
			at += Long.BYTES;
		}
		while (at < lines.length && lines[at] != '\n') {
			ascii &= lines[at] >= 0;
			at++;
		}
		return end(at, ascii);
	}

	private static int end(int at, boolean ascii) {
		return ascii ? at : -at - 1;
	}

}
