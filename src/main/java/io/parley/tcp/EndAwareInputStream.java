package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.parley.session.InboundFrame;

/**
 * A blocking stream framed into lines by a {@link LineFramer}, {@code size} bytes per read: the stream face of
 * the event loop's framing, for {@link LineDeserializer} (the fuzz test and the framing benchmark read through
 * it). It reports the end of input once as a frame, then ends the stream.
 */
final class EndAwareInputStream extends InputStream {

	private static final InboundFrame END_OF_INPUT = new InboundFrame.EndOfInput();

	private final InputStream in;

	private final byte[] buffer;

	private final ArrayDeque<InboundFrame> frames = new ArrayDeque<>();

	private LineFramer framer;

	private boolean ended;

	private boolean endReported;

	EndAwareInputStream(InputStream in, int size) {
		this.in = in;
		this.buffer = new byte[size];
	}

	/**
	 * The next frame, reading as much as it takes; at the end of input, the end once when {@code reportEnd}, and
	 * then (or at once without it) a {@link SoftEndOfStreamException}. A partial last line is dropped.
	 */
	InboundFrame nextFrame(int maxLineBytes, boolean reportEnd) throws IOException {
		if (this.framer == null) {
			this.framer = new LineFramer(maxLineBytes);
		}
		while (this.frames.isEmpty()) {
			if (this.ended) {
				if (reportEnd && !this.endReported) {
					this.endReported = true;
					return END_OF_INPUT;
				}
				throw new SoftEndOfStreamException(this.framer.isIdle() ? "Stream closed" : "Stream closed mid-line");
			}
			int read = this.in.read(this.buffer, 0, this.buffer.length);
			if (read < 0) {
				this.ended = true;
			}
			else {
				this.framer.frame(this.buffer, 0, read, this.frames::add);
			}
		}
		return this.frames.poll();
	}

	/** Whether the last line framed ended in a CR, whose LF may come next. */
	boolean endedInCr() {
		return this.framer != null && this.framer.endedInCr();
	}

	/** Whether the next frame is read already: no read needed for it. */
	boolean hasWholeLine() {
		return !this.frames.isEmpty();
	}

	@Override
	public int read() throws IOException {
		return this.in.read();
	}

}
