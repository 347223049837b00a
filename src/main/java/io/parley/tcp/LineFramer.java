package io.parley.tcp;

import java.util.Arrays;
import java.util.function.Consumer;

import io.parley.session.InboundFrame;

/**
 * Splits what one connection sends into lines of at most {@code maxLineBytes}, one read at a time, whatever
 * the reads' boundaries. A line ends at an LF, a CR LF or a lone CR (as many IRC servers take it: a client that
 * ends lines in CR alone, as some telnets do, gets its lines handled one by one instead of run together into the
 * next LF-ended one); the LF of a CR LF split across two reads is not a second line end. An over-long line does
 * not end the connection: the rest of it is skipped and it becomes one {@link InboundFrame.Oversized}.
 * <p>
 * It keeps bytes only while a line is incomplete: a connection's event loop reads into a buffer of its own
 * (shared by every connection of that loop) and asks for a framer only when a read leaves something behind
 * ({@link #isIdle}), so an idle connection holds none.
 */
final class LineFramer {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final int INITIAL_LINE_BYTES = 128;

	private final int maxLineBytes;

	/** The start of a line whose end has not come yet; null when none. */
	private byte[] partial;

	private int partialLength;

	/** Bytes of an over-long line seen so far, while its rest is skipped; -1 otherwise. */
	private long skipped = -1;

	/** The last byte framed was a CR that ended a line: an LF right after it belongs to that end. */
	private boolean afterCr;

	LineFramer(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	/** Frames {@code bytes[from, to)}, handing each whole line (or over-long one) to {@code frames}, in order. */
	void frame(byte[] bytes, int from, int to, Consumer<InboundFrame> frames) {
		int at = from;
		if (this.afterCr && at < to) {
			this.afterCr = false;
			if (bytes[at] == LF) {
				at++;
			}
		}
		while (at < to) {
			int end = lineEnd(bytes, at, to);
			if (end < 0) {
				keep(bytes, at, to);
				return;
			}
			frames.accept(line(bytes, at, end));
			if (bytes[end] == CR) {
				if (end + 1 == to) {
					this.afterCr = true;
				}
				else if (bytes[end + 1] == LF) {
					end++;
				}
			}
			at = end + 1;
		}
	}

	/** Whether it holds nothing a later read needs: no partial line, no line being skipped, no CR just read. */
	boolean isIdle() {
		return this.partial == null && this.skipped < 0 && !this.afterCr;
	}

	/** Whether the last line framed ended in a CR, so that an LF arriving next belongs to that end. */
	boolean endedInCr() {
		return this.afterCr;
	}

	private static int lineEnd(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b == LF || b == CR) {
				return i;
			}
		}
		return -1;
	}

	private InboundFrame line(byte[] bytes, int from, int end) {
		int length = end - from;
		if (this.skipped >= 0) {
			long total = this.skipped + length;
			this.skipped = -1;
			return new InboundFrame.Oversized(total);
		}
		int total = this.partialLength + length;
		if (total > this.maxLineBytes) {
			this.partial = null;
			this.partialLength = 0;
			return new InboundFrame.Oversized(total);
		}
		byte[] line;
		if (this.partial == null) {
			line = Arrays.copyOfRange(bytes, from, end);
		}
		else {
			line = Arrays.copyOf(this.partial, total);
			System.arraycopy(bytes, from, line, this.partialLength, length);
			this.partial = null;
			this.partialLength = 0;
		}
		return new InboundFrame.Line(line);
	}

	/** Keeps the start of a line that a later read ends, or counts it when it is too long already. */
	private void keep(byte[] bytes, int from, int to) {
		int length = to - from;
		if (this.skipped >= 0) {
			this.skipped += length;
			return;
		}
		int total = this.partialLength + length;
		if (total > this.maxLineBytes) {
			this.skipped = total;
			this.partial = null;
			this.partialLength = 0;
			return;
		}
		if (this.partial == null) {
			this.partial = new byte[Math.max(total, Math.min(INITIAL_LINE_BYTES, this.maxLineBytes))];
		}
		else if (total > this.partial.length) {
			this.partial = Arrays.copyOf(this.partial, Math.min(this.maxLineBytes, Math.max(total, this.partial.length * 2)));
		}
		System.arraycopy(bytes, from, this.partial, this.partialLength, length);
		this.partialLength = total;
	}

}
