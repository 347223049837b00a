package io.parley.tcp;

/** What the line deserializer hands to the flow for one connection. */
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
