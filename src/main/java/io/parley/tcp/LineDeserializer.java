package io.parley.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.parley.session.InboundFrame;

/**
 * The line framing ({@link LineFramer}: lines of at most {@code maxLineBytes}, ended by LF, CR LF or a lone CR;
 * an over-long line one {@link InboundFrame.Oversized}) as a Spring {@link Deserializer} over a blocking stream:
 * the listeners' factories name it as theirs, and the fuzz test and the framing benchmark read through it. From
 * an {@link EndAwareInputStream} it reports the end of input once as a frame before ending the stream; from any
 * other stream it reads a byte at a time, so that nothing beyond the line is taken. A reset or a read on a
 * closed socket is the ordinary end of a connection, not an error to log.
 */
public final class LineDeserializer implements Deserializer<InboundFrame> {

	private static final int LF = '\n';

	private final int maxLineBytes;

	public LineDeserializer(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	@Override
	public InboundFrame deserialize(InputStream in) throws IOException {
		try {
			if (in instanceof EndAwareInputStream framed) {
				return framed.nextFrame(this.maxLineBytes, true);
			}
			EndAwareInputStream single = new EndAwareInputStream(in, 1);
			InboundFrame frame = single.nextFrame(this.maxLineBytes, false);
			// the LF of a CR LF is left to the stream's mark, which a buffer of the caller's may support
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

}
