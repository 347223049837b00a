package io.parley.protocol;

/**
 * What can change about a room besides its topic and members: a member's role, one of the room's lists, or one
 * of its flags. Each protocol words them its own way (IRC mode letters, line-protocol words).
 */
public enum RoomMode {

	// roles, each given to one name
	OWNER(Kind.ROLE), OPERATOR(Kind.ROLE), VOICE(Kind.ROLE),
	// lists of names
	BAN(Kind.LIST), INVITE(Kind.LIST), MUTE(Kind.LIST),
	// flags; KEY and LIMIT carry a value while set
	TOPIC_LOCK(Kind.FLAG), INVITE_ONLY(Kind.FLAG), MODERATED(Kind.FLAG), SECRET(Kind.FLAG), KEY(Kind.FLAG),
	LIMIT(Kind.FLAG);

	/** Whether a mode names a member's role, a list of names, or a flag of the room. */
	public enum Kind {

		ROLE, LIST, FLAG

	}

	private final Kind kind;

	RoomMode(Kind kind) {
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	/** One change: {@code on} sets, off clears; {@code argument} is the name, key or limit, or null. */
	public record Change(boolean on, RoomMode mode, String argument) {
	}

}
