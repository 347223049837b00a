package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.parley.session.InboundFrame;

/**
 * Splits a byte stream into lines of at most {@code maxLineBytes}. A line ends at an LF, a CR LF or a lone CR
 * (as many IRC servers take it: a client that ends lines in CR alone, as some telnets do, gets its lines
 * handled one by one instead of run together into the next LF-ended one). Unlike the stock codecs it
 * keeps the connection after an over-long line (the rest of that line is skipped and an
 * {@link InboundFrame.Oversized} frame is returned), and it reports the end of input once as a frame
 * before ending the stream, so a client that sends a few lines and half-closes still gets its replies.
 * A reset or a read on a closed socket is the ordinary end of a connection, not an error to log.
 */
public final class LineDeserializer implements Deserializer<InboundFrame> {

	private static final int LF = '\n';

	private static final int INITIAL_LINE_BYTES = 128;

	private static final InboundFrame END_OF_INPUT = new InboundFrame.EndOfInput();

	private final int maxLineBytes;

	public LineDeserializer(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	@Override
	public InboundFrame deserialize(InputStream in) throws IOException {
		try {
			if (in instanceof EndAwareInputStream endAware) {
				return readFrame(endAware, in);
			}
			// a byte per call, so that nothing is read beyond the line; the LF of a CR LF is left to the
			// stream's mark, which a buffer of the caller's may support
			EndAwareInputStream single = new EndAwareInputStream(in, 1);
			InboundFrame frame = readFrame(single, in);
			if (single.endedInCr() && in.markSupported()) {
				in.mark(1);
				if (in.read() != LF) {
					in.reset();
				}
			}
			return frame;
		}
		catch (SocketException ex) {
			throw new SoftEndOfStreamException("Connection ended: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Takes a line out of the stream's buffer in one copy when it is all there (the usual case), else piece by
	 * piece as it arrives.
	 */
	private InboundFrame readFrame(EndAwareInputStream in, InputStream stream) throws IOException {
		byte[] line = null;
		int length = 0;
		while (true) {
			int available = in.buffered();
			if (available < 0) {
				return endOfInput(stream, length);
			}
			if (length == 0 && in.skipLfAfterCr()) {
				continue;
			}
			// one byte beyond what the line may still take: its end, or the byte that makes it too long
			int room = this.maxLineBytes - length;
			int window = Math.min(available, room + 1);
			int end = in.endIndex(window);
			if (end >= 0) {
				return lineEnded(in, line, length, end);
			}
			if (window > room) {
				in.take(null, 0, window);
				return skipRestOfLine(in, stream, length + window);
			}
			line = grow(line, length + window);
			in.take(line, length, window);
			length += window;
		}
	}

	/** The next {@code end} buffered bytes end the line begun in {@code line[0..length)}; then comes its end. */
	private InboundFrame lineEnded(EndAwareInputStream in, byte[] line, int length, int end) {
		int total = length + end;
		byte[] bytes = (line != null && line.length == total) ? line : new byte[total];
		if (line != null && bytes != line) {
			System.arraycopy(line, 0, bytes, 0, length);
		}
		in.take(bytes, length, end);
		in.takeLineEnd();
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
			int end = in.endIndex(available);
			if (end >= 0) {
				in.take(null, 0, end);
				in.takeLineEnd();
				return new InboundFrame.Oversized(length + end);
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
