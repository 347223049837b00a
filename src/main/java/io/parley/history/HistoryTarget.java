package io.parley.history;

/** What a page is read from: a room, or the conversation between the reader and one other user. */
public sealed interface HistoryTarget {

	/** @param name the room as typed, with or without its {@code #} */
	record Room(String name) implements HistoryTarget {
	}

	/** @param with the other user's name as typed (the reader's own for its notes to self) */
	record Conversation(String with) implements HistoryTarget {
	}

}
