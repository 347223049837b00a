package io.parley.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.account.UserNames;

/**
 * A live room's rules, held in memory while it has members so that every check on the way of a message is a
 * look-up, never a read of the database: owner, topic, flags, roles and lists. Changed only under the room's
 * lock ({@link Room}); each change is written to the {@link RoomStore} when the room is stored. A room made by a
 * guest is not stored, and has no owner: its roles last while their holders are in it, as on IRC.
 */
final class RoomRules {

	private final String room;

	/** Whether the room is kept in the store: made by an account. */
	private boolean stored;

	private String owner;

	private StoredRoom.Topic topic;

	private RoomFlags flags;

	private final Instant createdAt;

	/** Operators and voices by name key (owner apart). */
	private final Map<String, StoredRoom.Grant> roles = new HashMap<>();

	/** The lists by name key, in the order names were put on them. */
	private final Map<StoredRoom.RoomList, Map<String, StoredRoom.ListEntry>> lists = new EnumMap<>(
			StoredRoom.RoomList.class);

	private RoomRules(String room, boolean stored, String owner, StoredRoom.Topic topic, RoomFlags flags,
			Instant createdAt) {
		this.room = room;
		this.stored = stored;
		this.owner = owner;
		this.topic = topic;
		this.flags = flags;
		this.createdAt = createdAt;
		for (StoredRoom.RoomList list : StoredRoom.RoomList.values()) {
			this.lists.put(list, new LinkedHashMap<>());
		}
	}

	/** A room nobody has made yet: its first member decides whether it is stored. */
	static RoomRules unclaimed(String room) {
		return new RoomRules(room, false, null, null, RoomFlags.NEW_ROOM, Instant.now());
	}

	static RoomRules of(StoredRoom stored) {
		RoomRules rules = new RoomRules(stored.name(), true, stored.owner(), stored.topic(), stored.flags(),
				stored.createdAt());
		stored.roles().forEach(grant -> rules.roles.put(UserNames.key(grant.name()), grant));
		stored.entries().forEach(entry -> rules.lists.get(entry.list()).put(UserNames.key(entry.name()), entry));
		return rules;
	}

	/** The room as the store keeps it. */
	StoredRoom snapshot() {
		List<StoredRoom.ListEntry> entries = new ArrayList<>();
		this.lists.values().forEach(list -> entries.addAll(list.values()));
		return new StoredRoom(this.room, this.owner, this.topic, this.flags, this.createdAt,
				new ArrayList<>(this.roles.values()), entries);
	}

	/** Makes {@code owner} the owner of a new room, which is stored from now on. */
	void claim(String owner) {
		this.owner = owner;
		this.stored = true;
	}

	boolean stored() {
		return this.stored;
	}

	String owner() {
		return this.owner;
	}

	void owner(String owner) {
		this.owner = owner;
	}

	StoredRoom.Topic topic() {
		return this.topic;
	}

	void topic(StoredRoom.Topic topic) {
		this.topic = topic;
	}

	RoomFlags flags() {
		return this.flags;
	}

	void flags(RoomFlags flags) {
		this.flags = flags;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/** The role of {@code name} if it is a member: {@link RoomRole#MEMBER} when it holds none. */
	RoomRole roleOf(String name) {
		String key = UserNames.key(name);
		if (this.owner != null && UserNames.key(this.owner).equals(key)) {
			return RoomRole.OWNER;
		}
		StoredRoom.Grant grant = this.roles.get(key);
		return (grant != null) ? grant.role() : RoomRole.MEMBER;
	}

	void role(String name, RoomRole role) {
		if (role == RoomRole.OPERATOR || role == RoomRole.VOICE) {
			this.roles.put(UserNames.key(name), new StoredRoom.Grant(name, role));
		}
		else {
			this.roles.remove(UserNames.key(name));
		}
	}

	/** Names holding {@code role} (operator or voice), sorted ignoring case. */
	List<String> holders(RoomRole role) {
		return this.roles.values()
			.stream()
			.filter(grant -> grant.role() == role)
			.map(StoredRoom.Grant::name)
			.sorted(String.CASE_INSENSITIVE_ORDER)
			.toList();
	}

	boolean listed(StoredRoom.RoomList list, String name) {
		return this.lists.get(list).containsKey(UserNames.key(name));
	}

	List<StoredRoom.ListEntry> entries(StoredRoom.RoomList list) {
		return List.copyOf(this.lists.get(list).values());
	}

	int size(StoredRoom.RoomList list) {
		return this.lists.get(list).size();
	}

	void add(StoredRoom.ListEntry entry) {
		this.lists.get(entry.list()).put(UserNames.key(entry.name()), entry);
	}

	void remove(StoredRoom.RoomList list, String name) {
		this.lists.get(list).remove(UserNames.key(name));
	}

}
