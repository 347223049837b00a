package io.parley.chat;

import java.time.Instant;
import java.util.List;

/**
 * A room as the {@link RoomStore} keeps it: its owner, topic, flags, the operators' and voices' roles and its
 * lists. What crosses between the live room and the store, both ways.
 */
public record StoredRoom(String name, String owner, Topic topic, RoomFlags flags, Instant createdAt,
		List<Grant> roles, List<ListEntry> entries) {

	public StoredRoom {
		roles = List.copyOf(roles);
		entries = List.copyOf(entries);
	}

	/** The topic {@code text}, who set it (null: the server) and when. */
	public record Topic(String text, String by, Instant at) {
	}

	/** {@code name} is {@code role} (operator or voice) in the room. */
	public record Grant(String name, RoomRole role) {
	}

	/** {@code name} is on the room's {@code list}, put there by {@code by} (null: the server) at {@code at}. */
	public record ListEntry(RoomList list, String name, String by, Instant at) {
	}

	/** The room's lists of names. */
	public enum RoomList {

		BAN, INVITE,
		/** An invite that lets its account in once (IRC's INVITE), used up by that join. */
		INVITE_ONCE, MUTE

	}

}
