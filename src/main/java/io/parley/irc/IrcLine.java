package io.parley.irc;

import java.nio.charset.StandardCharsets;

/**
 * Builds outgoing IRC lines, CRLF-ended. A line is at most 512 bytes with its CRLF, tags apart (RFC 1459
 * and the message-tags spec); text too long for one line is split over several, at character boundaries.
 */
final class IrcLine {

	static final int MAX_BYTES = 512;

	private final StringBuilder out = new StringBuilder(128);

	/** A line whose last parameter is a trailing one (may hold spaces, may be empty). */
	IrcLine add(String tags, String source, String command, String trailing, String... middle) {
		StringBuilder line = start(tags, source, command, middle);
		line.append(" :").append(trailing);
		this.out.append(line).append("\r\n");
		return this;
	}

	/** A line without a trailing parameter. */
	IrcLine addPlain(String tags, String source, String command, String... middle) {
		this.out.append(start(tags, source, command, middle)).append("\r\n");
		return this;
	}

	/**
	 * One line per piece of {@code text} that fits after the prefix: a long message from a line-protocol
	 * user (up to 4 KiB) reaches IRC clients whole, over several lines.
	 */
	IrcLine addText(String tags, String source, String command, String target, String text) {
		String head = start(null, source, command, new String[] { target }) + " :";
		int room = MAX_BYTES - 2 - utf8Length(head);
		int from = 0;
		do {
			int to = fit(text, from, room);
			add(tags, source, command, text.substring(from, to), target);
			from = to;
		}
		while (from < text.length());
		return this;
	}

	byte[] bytes() {
		return this.out.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	private static StringBuilder start(String tags, String source, String command, String[] middle) {
		StringBuilder line = new StringBuilder(64);
		if (tags != null) {
			line.append('@').append(tags).append(' ');
		}
		if (source != null) {
			line.append(':').append(source).append(' ');
		}
		line.append(command);
		for (String param : middle) {
			// an empty middle parameter would vanish between two spaces and shift every parameter after it
			line.append(' ').append(param.isEmpty() ? "*" : param);
		}
		return line;
	}

	/** The end of the longest run of whole characters from {@code from} that fits {@code maxBytes} of UTF-8. */
	private static int fit(String text, int from, int maxBytes) {
		int bytes = 0;
		int i = from;
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			int size = (cp < 0x80) ? 1 : (cp < 0x800) ? 2 : (cp < 0x10000) ? 3 : 4;
			if (bytes + size > maxBytes) {
				break;
			}
			bytes += size;
			i += Character.charCount(cp);
		}
		return (i == from) ? Math.min(text.length(), from + Character.charCount(text.codePointAt(from))) : i;
	}

	private static int utf8Length(String s) {
		return s.getBytes(StandardCharsets.UTF_8).length;
	}

}
