package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;

/**
 * The buffered socket stream of one connection, read by its reader thread alone. The line deserializer takes
 * whole lines out of the buffer ({@link #endIndex}, {@link #take}) rather than a byte per call, and goes to the
 * socket only when the buffer is empty; the flag lets it report the end of input exactly once before it ends
 * the stream.
 * <p>
 * {@link #hasWholeLine} tells the session whether the next line is here already, so that it holds back the
 * writers of a burst's lines until the last one ({@link io.parley.session.Connection#hasBufferedFrame}).
 */
final class EndAwareInputStream extends InputStream {

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private final InputStream in;

	private final byte[] buffer;

	private int position;

	private int limit;

	private volatile boolean endReported;

	/** The last line ended in a CR: an LF that comes right after it belongs to that line end. */
	private boolean afterCr;

	EndAwareInputStream(InputStream in, int size) {
		this.in = in;
		this.buffer = new byte[size];
	}

	/** True the first time only. */
	boolean markEndReported() {
		if (this.endReported) {
			return false;
		}
		this.endReported = true;
		return true;
	}

	/** Bytes in the buffer, reading from the socket first when there are none; -1 at end of input. */
	int buffered() throws IOException {
		if (this.position == this.limit) {
			int n;
			do {
				n = this.in.read(this.buffer, 0, this.buffer.length);
			}
			while (n == 0);
			if (n < 0) {
				return -1;
			}
			this.position = 0;
			this.limit = n;
		}
		return this.limit - this.position;
	}

	/**
	 * Whether a whole line (its end included) is in the buffer: the deserializer's next frame, a line or an
	 * oversized one, then comes without a read from the socket. The LF of a CR LF whose CR ended the last line
	 * is not a line of its own. For the reader thread only, as the rest.
	 */
	boolean hasWholeLine() {
		int from = this.position;
		if (this.afterCr && from < this.limit && this.buffer[from] == LF) {
			from++;
		}
		for (int i = from; i < this.limit; i++) {
			byte b = this.buffer[i];
			if (b == LF || b == CR) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where the first line end (CR or LF) among the next {@code within} buffered bytes is, counted from the next
	 * byte; or -1.
	 */
	int endIndex(int within) {
		int end = this.position + within;
		for (int i = this.position; i < end; i++) {
			byte b = this.buffer[i];
			if (b == LF || b == CR) {
				return i - this.position;
			}
		}
		return -1;
	}

	/**
	 * Moves past the line end at the next byte, which {@link #endIndex} found: a CR, or an LF. After a CR, the
	 * next call to {@link #skipLfAfterCr} drops an LF that follows, so CR LF stays one line end even when its
	 * halves arrive apart.
	 */
	void takeLineEnd() {
		this.afterCr = this.buffer[this.position] == CR;
		this.position++;
	}

	/** Whether the last line end taken was a CR. */
	boolean endedInCr() {
		return this.afterCr;
	}

	/**
	 * Drops the next byte when it is the LF of a CR LF whose CR ended the last line; call with bytes buffered.
	 * True when it dropped one.
	 */
	boolean skipLfAfterCr() {
		if (!this.afterCr) {
			return false;
		}
		this.afterCr = false;
		if (this.buffer[this.position] == LF) {
			this.position++;
			return true;
		}
		return false;
	}

	/** Copies the next {@code length} buffered bytes to {@code to} (unless null) and moves past them. */
	void take(byte[] to, int offset, int length) {
		if (to != null) {
			System.arraycopy(this.buffer, this.position, to, offset, length);
		}
		this.position += length;
	}

	@Override
	public int read() throws IOException {
		if (buffered() < 0) {
			return -1;
		}
		return this.buffer[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		int n = buffered();
		if (n < 0) {
			return -1;
		}
		n = Math.min(n, len);
		take(b, off, n);
		return n;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.in.available();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
