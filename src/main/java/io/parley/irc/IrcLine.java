package io.parley.irc;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds outgoing IRC lines, CRLF-ended, and is the one place that holds them to the protocol's lengths
 * (RFC 1459, and the message-tags spec for tags): whatever their parts come from (a QUIT reason, an away
 * text, a list of channels), a line is at most {@value #MAX_BYTES} bytes with its CRLF, its tags apart, and
 * the tags at most {@value #MAX_TAG_BYTES}. A trailing parameter too long for its line is cut at a character
 * boundary; lists ({@link #addList}) and messages ({@link #addText}) are split over several lines instead.
 * No line carries a CR, LF or NUL inside it, which would end it early or let a part forge a line of its own.
 * <p>
 * One exception, the one IRC servers such as Ergo make too: a message (PRIVMSG, NOTICE) that fits a 512-byte
 * line as its sender would send it ({@code PRIVMSG <target> :<text>}) is relayed in one line, with the sender's
 * {@code :nick!nick@host} source before it, which may take that line past 512 bytes by the length of the
 * source. Without it a message an IRC client sent in one line would reach the others as two.
 */
final class IrcLine {

	static final int MAX_BYTES = 512;

	/**
	 * The tags' share of a line the server sends, with their {@code @} and the space after them: the message-tags
	 * spec's 8191, room for a client's 4094 bytes of client-only tags relayed and 4094 of the server's own.
	 */
	static final int MAX_TAG_BYTES = 8191;

	/**
	 * The away text a {@code 301} line holds whole with the longest nicks:
	 * {@code :<server> 301 <nick> <nick> :<text>}, with room for a server name of 40 bytes.
	 */
	static final int MAX_AWAY = 390;

	/** Room for the text of a line: {@value #MAX_BYTES} less the CRLF. */
	private static final int MAX_CONTENT = MAX_BYTES - 2;

	private final StringBuilder out = new StringBuilder(128);

	/** A line whose last parameter is a trailing one (may hold spaces, may be empty), cut to fit the line. */
	IrcLine add(String tags, String source, String command, String trailing, String... middle) {
		String head = start(source, command, middle);
		int room = MAX_CONTENT - utf8Length(head) - 2;
		String fitted = safe(trailing);
		fitted = fitted.substring(0, fit(fitted, 0, Math.max(0, room), false));
		tags(tags).append(head).append(" :").append(fitted).append("\r\n");
		return this;
	}

	/** A line without a trailing parameter. */
	IrcLine addPlain(String tags, String source, String command, String... middle) {
		String head = start(source, command, middle);
		// the middle parameters are names, channels and numbers the server chose: nothing long, but held anyway
		head = head.substring(0, fit(head, 0, MAX_CONTENT, false));
		tags(tags).append(head).append("\r\n");
		return this;
	}

	/**
	 * As many lines as {@code items} need, each with as many of them as fit, separated by spaces, as its
	 * trailing parameter (a list of channels in 319, of names in 353); one line with an empty list when there
	 * are none. An item longer than a line by itself is cut.
	 */
	IrcLine addList(String source, String command, List<String> items, String... middle) {
		int room = MAX_CONTENT - utf8Length(start(source, command, middle)) - 2;
		StringBuilder list = new StringBuilder();
		int bytes = 0;
		for (String item : items) {
			int size = utf8Length(item);
			if (bytes > 0 && bytes + 1 + size > room) {
				add(null, source, command, list.toString(), middle);
				list.setLength(0);
				bytes = 0;
			}
			if (bytes > 0) {
				list.append(' ');
				bytes++;
			}
			list.append(item);
			bytes += size;
		}
		if (bytes > 0 || items.isEmpty()) {
			add(null, source, command, list.toString(), middle);
		}
		return this;
	}

	/**
	 * A message to {@code target}: in one line when it fits a line as its sender would send it
	 * ({@code COMMAND target :text}, or {@code COMMAND target text} for one word), so a message that came in one
	 * line goes out in one; else in as many
	 * lines of at most 512 bytes as it takes, cut between words where a space is near enough to the end of a
	 * line, else between characters.
	 */
	IrcLine addText(String tags, String source, String command, String target, String text) {
		String clean = safe(text);
		// a one-word text may have come without the trailing parameter's colon, a byte shorter
		boolean oneWord = !clean.isEmpty() && clean.indexOf(' ') < 0 && clean.charAt(0) != ':';
		int asSent = MAX_CONTENT - utf8Length(start(null, command, new String[] { target })) - (oneWord ? 1 : 2);
		int room = (utf8Length(clean) <= asSent) ? asSent
				: MAX_CONTENT - utf8Length(start(source, command, new String[] { target })) - 2;
		int from = 0;
		do {
			int to = fit(clean, from, room, true);
			tags(tags).append(':')
				.append(source)
				.append(' ')
				.append(command)
				.append(' ')
				.append(safe(target))
				.append(" :")
				.append(clean, from, to)
				.append("\r\n");
			from = to;
		}
		while (from < clean.length());
		return this;
	}

	/** Appends {@code other}'s lines. */
	IrcLine add(IrcLine other) {
		this.out.append(other.out);
		return this;
	}

	byte[] bytes() {
		return this.out.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	/** Starts a line with its tags, left out when they would take more than the spec lets them. */
	private StringBuilder tags(String tags) {
		if (tags != null && utf8Length(tags) + 2 <= MAX_TAG_BYTES) {
			this.out.append('@').append(safe(tags)).append(' ');
		}
		return this.out;
	}

	private static String start(String source, String command, String[] middle) {
		StringBuilder line = new StringBuilder(64);
		if (source != null) {
			line.append(':').append(source).append(' ');
		}
		line.append(command);
		for (String param : middle) {
			// an empty middle parameter would vanish between two spaces and shift every parameter after it
			line.append(' ').append(param.isEmpty() ? "*" : safe(param));
		}
		return line.toString();
	}

	/** {@code text} with CR, LF and NUL made spaces: inside a line they would end it, or forge another. */
	private static String safe(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r' || c == '\n' || c == '\0') {
				return text.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
			}
		}
		return text;
	}

	/**
	 * The end of the longest run of whole characters from {@code from} that fits {@code maxBytes} of UTF-8.
	 * With {@code piece} the run is one piece of a longer text: it ends after a space when one lies in its last
	 * quarter (a word is not cut in two), and it holds at least one character, so a split always advances.
	 */
	private static int fit(String text, int from, int maxBytes, boolean piece) {
		int bytes = 0;
		int i = from;
		int afterSpace = -1;
		int bytesAfterSpace = 0;
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			int size = (cp < 0x80) ? 1 : (cp < 0x800) ? 2 : (cp < 0x10000) ? 3 : 4;
			if (bytes + size > maxBytes) {
				break;
			}
			bytes += size;
			i += Character.charCount(cp);
			if (cp == ' ') {
				afterSpace = i;
				bytesAfterSpace = bytes;
			}
		}
		if (!piece) {
			return i;
		}
		if (i == from && from < text.length()) {
			return Math.min(text.length(), from + Character.charCount(text.codePointAt(from)));
		}
		if (i < text.length() && afterSpace > from && bytesAfterSpace >= maxBytes * 3 / 4) {
			return afterSpace;
		}
		return i;
	}

	private static int utf8Length(String s) {
		int bytes = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
