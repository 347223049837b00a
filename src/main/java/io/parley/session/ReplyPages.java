package io.parley.session;

import java.util.List;
import java.util.function.Function;

/**
 * A reply too long to build at once (every room, everyone online), produced a page at a time as the client
 * reads it: the session's writer asks for the next page only once it has written the one before, so a client
 * that reads slowly, or not at all, holds a cursor and one page, not the whole reply, and is never cut off
 * for a reply it asked for. See {@link SendQueue#offerPages}.
 */
@FunctionalInterface
public interface ReplyPages {

	/** The next page's bytes, or null after the last; called on the session's writer, one page at a time. */
	byte[] next();

	/** Reads a listing in key order, the entries after {@code key} (all from the start when it is null). */
	@FunctionalInterface
	interface Listing<T> {

		List<T> after(String key, int limit);

	}

	/** Encodes one page of entries; {@code first} and {@code last} say where it stands in the reply. */
	@FunctionalInterface
	interface PageEncoder<T> {

		byte[] encode(List<T> entries, boolean first, boolean last);

	}

	/**
	 * The pages of {@code listing}, {@code pageSize} entries each, read from the live listing one page at a
	 * time: an entry added or removed meanwhile may or may not be in the reply (as with an IRC server's
	 * LIST), but every entry that stays is, once, in key order. An empty listing is one empty page.
	 */
	static <T> ReplyPages of(Listing<T> listing, Function<T, String> keyOf, int pageSize, PageEncoder<T> encoder) {
		return new ReplyPages() {

			private String after;

			private boolean first = true;

			private boolean done;

			@Override
			public byte[] next() {
				if (this.done) {
					return null;
				}
				// one entry more than the page tells whether another page follows
				List<T> entries = listing.after(this.after, pageSize + 1);
				boolean last = entries.size() <= pageSize;
				List<T> page = last ? entries : entries.subList(0, pageSize);
				byte[] bytes = encoder.encode(page, this.first, last);
				this.first = false;
				this.done = last;
				if (!last) {
					this.after = keyOf.apply(page.get(page.size() - 1));
				}
				return bytes;
			}

		};
	}

}
