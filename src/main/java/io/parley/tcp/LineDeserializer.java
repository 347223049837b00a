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

	private static final int LF = '\n';

	private static final int CR = '\r';

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

	private InboundFrame readFrame(InputStream in) throws IOException {
		byte[] line = new byte[Math.min(INITIAL_LINE_BYTES, this.maxLineBytes + 1)];
		int length = 0;
		int b;
		while ((b = in.read()) != LF) {
			if (b < 0) {
				return endOfInput(in, length);
			}
			if (length > this.maxLineBytes) {
				// one byte beyond the limit is kept to tell a trailing CR from an over-long line
				return skipRestOfLine(in, length + 1);
			}
			if (length == line.length) {
				line = Arrays.copyOf(line, Math.min(line.length * 2, this.maxLineBytes + 1));
			}
			line[length++] = (byte) b;
		}
		if (length > 0 && line[length - 1] == CR) {
			length--;
		}
		if (length > this.maxLineBytes) {
			return new InboundFrame.Oversized(length);
		}
		return new InboundFrame.Line(Arrays.copyOf(line, length));
	}

	private InboundFrame skipRestOfLine(InputStream in, long seen) throws IOException {
		long length = seen;
		int b;
		while ((b = in.read()) != LF) {
			if (b < 0) {
				return endOfInput(in, 1);
			}
			length++;
		}
		return new InboundFrame.Oversized(length);
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
