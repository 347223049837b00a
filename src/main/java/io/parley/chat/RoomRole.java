package io.parley.chat;

/**
 * Where a user stands in a room, lowest first: the order is the rank ({@link RoomAction} needs at least one of
 * them). Members hold {@link #MEMBER} to {@link #OWNER}; {@link #OUTSIDER} and {@link #BANNED} are those not in
 * the room. A server admin acts with an owner's rights in every room, without holding the role.
 */
public enum RoomRole {

	BANNED, OUTSIDER, MEMBER, VOICE, OPERATOR, OWNER;

	public boolean atLeast(RoomRole other) {
		return compareTo(other) >= 0;
	}

	/** The role's word in the line protocol and the admin API. */
	public String word() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
