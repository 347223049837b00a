package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Splits a byte stream into LF-ended lines of at most {@code maxLineBytes}. Unlike the stock codecs it
 * keeps the connection after an over-long line (the rest of that line is skipped and an
 * {@link InboundFrame.Oversized} frame is returned), and it reports the end of input once as a frame
 * before ending the stream, so a client that sends a few lines and half-closes still gets its replies.
 * A reset or a read on a closed socket is the ordinary end of a connection, not an error to log.
 */
public final class LineDeserializer implements Deserializer<InboundFrame> {

	private static final byte CR = '\r';

	private static final int INITIAL_LINE_BYTES = 128;

	private static final InboundFrame END_OF_INPUT = new InboundFrame.EndOfInput();

	private final int maxLineBytes;

	public LineDeserializer(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	@Override
	public InboundFrame deserialize(InputStream in) throws IOException {
		try {
			return readFrame(in);
		}
		catch (SocketException ex) {
			throw new SoftEndOfStreamException("Connection ended: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Takes a line out of the stream's buffer in one copy when it is all there (the usual case), else piece by
	 * piece as it arrives. Any other stream is read a byte per call, so that nothing is read beyond the line.
	 */
	private InboundFrame readFrame(InputStream stream) throws IOException {
		EndAwareInputStream in = (stream instanceof EndAwareInputStream endAware) ? endAware
				: new EndAwareInputStream(stream, 1);
		byte[] line = null;
		int length = 0;
		while (true) {
			int available = in.buffered();
			if (available < 0) {
				return endOfInput(stream, length);
			}
			// up to one byte beyond the limit is kept, to tell a trailing CR from an over-long line
			int room = this.maxLineBytes + 1 - length;
			int window = Math.min(available, room + 1);
			int lf = in.lfIndex(window);
			if (lf >= 0) {
				return lineEnded(in, line, length, lf);
			}
			if (window > room) {
				// a byte beyond the kept one, and still no LF
				in.take(null, 0, window);
				return skipRestOfLine(in, stream, length + window);
			}
			line = grow(line, length + window);
			in.take(line, length, window);
			length += window;
		}
	}

	/** The next {@code lf} buffered bytes end the line begun in {@code line[0..length)}; then comes its LF. */
	private InboundFrame lineEnded(EndAwareInputStream in, byte[] line, int length, int lf) {
		int total = length + lf;
		boolean cr = (lf > 0) ? in.peek(lf - 1) == CR : (length > 0 && line[length - 1] == CR);
		int kept = cr ? total - 1 : total;
		if (kept > this.maxLineBytes) {
			in.take(null, 0, lf + 1);
			return new InboundFrame.Oversized(kept);
		}
		byte[] bytes = (line != null && line.length == kept) ? line : new byte[kept];
		if (line != null && bytes != line) {
			System.arraycopy(line, 0, bytes, 0, Math.min(length, kept));
		}
		int fromBuffer = Math.max(0, kept - length);
		if (fromBuffer > 0) {
			in.take(bytes, length, fromBuffer);
		}
		// the CR, if it was still buffered, and the LF
		in.take(null, 0, lf + 1 - fromBuffer);
		return new InboundFrame.Line(bytes);
	}

	private byte[] grow(byte[] line, int needed) {
		if (line == null) {
			return new byte[Math.max(needed, Math.min(INITIAL_LINE_BYTES, this.maxLineBytes + 1))];
		}
		if (needed <= line.length) {
			return line;
		}
		return Arrays.copyOf(line, Math.max(needed, Math.min(line.length * 2, this.maxLineBytes + 1)));
	}

	private InboundFrame skipRestOfLine(EndAwareInputStream in, InputStream stream, long seen) throws IOException {
		long length = seen;
		while (true) {
			int available = in.buffered();
			if (available < 0) {
				return endOfInput(stream, 1);
			}
			int lf = in.lfIndex(available);
			if (lf >= 0) {
				in.take(null, 0, lf + 1);
				return new InboundFrame.Oversized(length + lf);
			}
			in.take(null, 0, available);
			length += available;
		}
	}

	/**
	 * The first end of input is reported as a frame; the framework then calls again, and that call ends
	 * the stream. A partial last line (a client killed mid-line) is dropped: it was never completed.
	 */
	private InboundFrame endOfInput(InputStream in, int pending) throws IOException {
		if (in instanceof EndAwareInputStream endAware && endAware.markEndReported()) {
			return END_OF_INPUT;
		}
		throw new SoftEndOfStreamException(pending > 0 ? "Stream closed mid-line" : "Stream closed");
	}

}
