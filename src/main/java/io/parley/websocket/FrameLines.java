package io.parley.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.parley.session.InboundFrame;

/**
 * The framing of one WebSocket connection: the parts of its messages (text or binary, as the container hands
 * them over, a part at a time so that no frame is held whole beyond the limit) into the frames the session
 * feature reads. A message is one line (IRCv3 WebSocket); a line end inside it ends a line there too, and a CR
 * before a line end is dropped, as on TCP. A line longer than the limit is counted and dropped, and becomes an
 * {@link InboundFrame.Oversized}: the client gets the same answer as on TCP and stays connected. Used by the
 * container's thread for the connection, one part at a time.
 */
final class FrameLines {

	private final int maxLineBytes;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

	/** Bytes of the current line, kept or not. */
	private long length;

	/** Whether a line ended within the current message, so its end adds no empty line after it. */
	private boolean lineEnded;

	FrameLines(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	/** The frames that {@code part} completes; {@code last} ends the message, and with it a line. */
	List<InboundFrame> part(ByteBuffer part, boolean last) {
		List<InboundFrame> frames = new ArrayList<>(1);
		while (part.hasRemaining()) {
			byte b = part.get();
			if (b == '\n') {
				frames.add(endLine());
				this.lineEnded = true;
			}
			else {
				this.length++;
				if (this.length <= this.maxLineBytes + 1) {
					// one byte past the limit is kept: a CR there is dropped at the line's end
					this.line.write(b);
				}
			}
		}
		if (last) {
			if (this.length > 0 || !this.lineEnded) {
				frames.add(endLine());
			}
			this.lineEnded = false;
		}
		return frames;
	}

	private InboundFrame endLine() {
		byte[] bytes = this.line.toByteArray();
		long count = this.length;
		if (bytes.length > 0 && bytes[bytes.length - 1] == '\r' && count <= this.maxLineBytes + 1) {
			count--;
			bytes = Arrays.copyOf(bytes, bytes.length - 1);
		}
		this.line.reset();
		this.length = 0;
		return (count > this.maxLineBytes) ? new InboundFrame.Oversized(count) : new InboundFrame.Line(bytes);
	}

}
