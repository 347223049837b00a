package io.parley.history;

import java.util.List;

import io.parley.protocol.EncryptedEnvelope;
import io.parley.protocol.Reply;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/**
 * Sends a block of history a page at a time as the client reads it: a page of 1,000 long lines is megabytes, more
 * than a send queue holds, and a client must never be cut off for history it asked for.
 */
public final class HistoryBlocks {

	/** Messages one page of a block holds. */
	static final int PAGE = 50;

	private HistoryBlocks() {
	}

	/** The block as {@link Reply.History} pages, the first with its header and the last with its end. */
	public static void send(Session session, Reply.History.Purpose purpose, String target,
			List<Reply.HistoryLine> given, boolean more) {
		List<Reply.HistoryLine> lines = session.readsEnvelopes() ? given : noticesForEnvelopes(given);
		if (lines.size() <= PAGE) {
			session.send(new Reply.History(purpose, target, lines, true, true, more));
			return;
		}
		session.sendPages(new ReplyPages() {

			private int next;

			private boolean done;

			@Override
			public byte[] next() {
				if (this.done) {
					return null;
				}
				int end = Math.min(lines.size(), this.next + PAGE);
				Reply.History page = new Reply.History(purpose, target, lines.subList(this.next, end), this.next == 0,
						end == lines.size(), more);
				this.next = end;
				this.done = end == lines.size();
				return session.encoder().encode(page);
			}

		});
	}

	/**
	 * The lines with each end-to-end encrypted envelope (issue 21) in them shown as {@link EncryptedEnvelope#NOTICE},
	 * for a client that cannot read envelopes: stored as they came, they are told that one arrived, not given bytes
	 * they cannot use.
	 */
	private static List<Reply.HistoryLine> noticesForEnvelopes(List<Reply.HistoryLine> lines) {
		if (lines.stream().noneMatch(line -> EncryptedEnvelope.isEnvelope(line.text()))) {
			return lines;
		}
		return lines.stream()
			.map(line -> EncryptedEnvelope.isEnvelope(line.text()) ? new Reply.HistoryLine(line.id(), line.time(),
					line.room(), line.from(), line.to(), EncryptedEnvelope.NOTICE, true) : line)
			.toList();
	}

}
