package io.parley.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.parley.limits.LimitProperties;
import io.parley.protocol.Reply;
import io.parley.session.Session;

/**
 * The rooms that have members. A room is made by its first join and dropped when its last member leaves. How
 * many rooms there are, and how many one user is in, is bounded ({@code parley.limits.rooms.*}): each room
 * costs memory and a line in every room list. Joins racing each other may pass a bound by the few that
 * checked it at the same time; the bound holds within the number of readers joining at once.
 */
@Component
class RoomDirectory {

	/** Sorted, so a listing of every room can be read a page at a time from where the last page ended. */
	private final ConcurrentNavigableMap<String, Room> rooms = new ConcurrentSkipListMap<>();

	/** The rooms held, kept apart: a skip list's {@code size()} walks every entry, once per new room. */
	private final AtomicInteger roomCount = new AtomicInteger();

	private final LimitProperties.Rooms limits;

	private final ChatEventPublisher events;

	private final RoomStore store;

	RoomDirectory(LimitProperties limits, ChatEventPublisher events, RoomStore store) {
		this.limits = limits.rooms();
		this.events = events;
		this.store = store;
	}

	/** What became of a join. */
	enum Joined {

		/** The user is a member now, and was not before. */
		NEW_MEMBER,
		/** The user was a member already. */
		ALREADY_MEMBER,
		/** Refused: the user is in {@code parley.limits.rooms.per-user} rooms. */
		USER_FULL,
		/** Refused: the room is new, and the server holds {@code parley.limits.rooms.total} rooms. */
		SERVER_FULL,
		/** Refused by the room's rules (a ban, invite-only, a key, its limit): {@link #refusal}. */
		REFUSED_BY_ROOM

	}

	/** What became of a join, and the room's reason when its rules refused it. */
	/** {@code joinedAt}: a new member's join event id ({@link Room.JoinResult#joinedAt}), else null. */
	record JoinResult(Joined joined, io.parley.protocol.ChatError refusal, MessageId joinedAt) {

		JoinResult(Joined joined, io.parley.protocol.ChatError refusal) {
			this(joined, refusal, null);
		}

	}

	/**
	 * Joins the room, creating it if new, unless a bound or the room's rules refuse it. A room that opens (its
	 * first member since it emptied) reads its rules from the store once; they stay in memory while it has
	 * members.
	 */
	JoinResult join(String room, OnlineUser user, Session from, Reply confirmation, String key, boolean serverAdmin) {
		boolean member = user.rooms().contains(room);
		if (!member && user.rooms().size() >= this.limits.perUser()) {
			return new JoinResult(Joined.USER_FULL, null);
		}
		while (true) {
			Room r = this.rooms.get(room);
			if (r == null) {
				if (this.roomCount.get() >= this.limits.total()) {
					return new JoinResult(Joined.SERVER_FULL, null);
				}
				RoomRules rules = this.store.find(room).map(RoomRules::of).orElseGet(() -> RoomRules.unclaimed(room));
				Room fresh = new Room(room, this.events, rules, this.store);
				Room existing = this.rooms.putIfAbsent(room, fresh);
				if (existing == null) {
					this.roomCount.incrementAndGet();
				}
				r = (existing != null) ? existing : fresh;
			}
			Room.JoinResult result = r.join(user, from, confirmation, key, serverAdmin);
			switch (result.outcome()) {
				case JOINED:
					return new JoinResult(Joined.NEW_MEMBER, null, result.joinedAt());
				case ALREADY_MEMBER:
					return new JoinResult(Joined.ALREADY_MEMBER, null);
				case REFUSED:
					return new JoinResult(Joined.REFUSED_BY_ROOM, result.refusal());
				default:
					break;
			}
			// emptied and dropped between lookup and lock: the next lookup makes a fresh room
		}
	}

	/** How many rooms there are now. */
	int count() {
		return this.roomCount.get();
	}

	int perUser() {
		return this.limits.perUser();
	}

	int total() {
		return this.limits.total();
	}

	/** Leaves by the user's choice, saying {@code reason} (null: nothing). */
	boolean leave(String room, OnlineUser user, Session from, String reason) {
		Room r = this.rooms.get(room);
		return r != null && r.leave(user, from, null, reason, dropWhenEmpty(r));
	}

	/** Leaves because the user went offline ({@code reason}), or just leaves when it is null. */
	boolean quit(String room, OnlineUser user, Session from, String reason) {
		Room r = this.rooms.get(room);
		return r != null && r.leave(user, from, reason, null, dropWhenEmpty(r));
	}

	/** What a room's last member going out runs, under the room's lock: the room leaves the directory. */
	Runnable dropWhenEmpty(Room r) {
		return () -> {
			if (this.rooms.remove(r.name(), r)) {
				this.roomCount.decrementAndGet();
			}
		};
	}

	Optional<Room> find(String room) {
		return Optional.ofNullable(this.rooms.get(room));
	}

	/** Up to {@code limit} rooms after {@code after} (from the first when null), by name, with their counts. */
	List<Reply.RoomCount> countsAfter(String after, int limit) {
		return countsAfter(after, limit, room -> true);
	}

	/** As {@link #countsAfter(String, int)}, of the rooms {@code listed} lets through (secret ones are not for all). */
	List<Reply.RoomCount> countsAfter(String after, int limit, java.util.function.Predicate<Room> listed) {
		List<Reply.RoomCount> counts = new ArrayList<>(Math.min(limit, 256));
		for (Room room : ((after != null) ? this.rooms.tailMap(after, false) : this.rooms).values()) {
			if (counts.size() >= limit) {
				break;
			}
			if (!listed.test(room)) {
				continue;
			}
			int members = room.memberCount();
			if (members > 0) {
				counts.add(new Reply.RoomCount(room.name(), members));
			}
		}
		return counts;
	}

}
