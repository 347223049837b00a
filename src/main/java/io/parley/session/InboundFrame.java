package io.parley.session;

/**
 * What a transport hands to the session feature for one connection ({@link SessionEndpoint#frame}): a line, a
 * line that was too long, or the end of the client's input. The TCP transport's line deserializer makes them;
 * a WebSocket transport makes one per text frame.
 */
public sealed interface InboundFrame {

	/** One line without its LF (and without a CR before it); bytes as sent, possibly invalid UTF-8. */
	record Line(byte[] bytes) implements InboundFrame {
	}

	/** A line longer than the limit; its bytes were read and dropped. */
	record Oversized(long length) implements InboundFrame {
	}

	/**
	 * The client closed its side (half-close or EOF). Handled before the connection closes, so replies to
	 * the lines before it can still be written.
	 */
	record EndOfInput() implements InboundFrame {
	}

}
