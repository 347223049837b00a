package io.parley.line;

/** What one line of the line protocol is, before the command table is consulted. */
public sealed interface ParsedLine {

	/** Nothing but spaces: ignored, no reply. */
	record Blank() implements ParsedLine {
	}

	/** Text for the current room ({@code //x} arrives here as {@code /x}). */
	record Text(String text) implements ParsedLine {
	}

	/** {@code /name argText}: name without the slash, as typed. */
	record Command(String name, String argText) implements ParsedLine {
	}

}
