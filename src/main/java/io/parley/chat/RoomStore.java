package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where rooms made by accounts are kept across restarts. Read when a room opens (its first join since it last
 * emptied) and written on each change of its rules, never per message: the live {@link Room} holds its rules in
 * memory while it has members. An interface because a cluster (issue 22) keeps the same rooms elsewhere than a
 * single node's H2.
 */
public interface RoomStore {

	Optional<StoredRoom> find(String room);

	/** Stores a new room; false when one of that name is stored already. */
	boolean create(StoredRoom room);

	/** Writes the room's owner, topic and flags. */
	void update(String room, String owner, StoredRoom.Topic topic, RoomFlags flags);

	/** Gives {@code name} the role in the room; {@link RoomRole#MEMBER} takes any stored role away. */
	void setRole(String room, String name, RoomRole role);

	void addEntry(String room, StoredRoom.ListEntry entry);

	void removeEntry(String room, StoredRoom.RoomList list, String name);

	/** Notes that the room was in use at {@code at} (its last member just left). */
	void touch(String room, Instant at);

	boolean delete(String room);

	/** Up to {@code limit} stored rooms after {@code after} (from the first when null), by name. */
	List<StoredRoom> page(String after, int limit);

	/** The names of rooms last used before {@code before}. */
	List<String> unusedSince(Instant before);

}
