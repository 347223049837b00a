package io.parley.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

import io.parley.protocol.Reply;
import io.parley.session.Session;

/** The rooms that have members. A room is made by its first join and dropped when its last member leaves. */
@Component
class RoomDirectory {

	/** Sorted, so a listing of every room can be read a page at a time from where the last page ended. */
	private final ConcurrentNavigableMap<String, Room> rooms = new ConcurrentSkipListMap<>();

	/** Joins the room, creating it if new; true if the user was not a member before. */
	boolean join(String room, OnlineUser user, Session from, Reply confirmation) {
		while (true) {
			Room r = this.rooms.computeIfAbsent(room, Room::new);
			Room.JoinOutcome outcome = r.join(user, from, confirmation);
			if (outcome != Room.JoinOutcome.CLOSED) {
				return outcome == Room.JoinOutcome.JOINED;
			}
			// emptied and dropped between lookup and lock: the next lookup makes a fresh room
		}
	}

	boolean leave(String room, OnlineUser user, Session from) {
		return quit(room, user, from, null);
	}

	/** Leaves because the user went offline ({@code reason}), or just leaves when it is null. */
	boolean quit(String room, OnlineUser user, Session from, String reason) {
		Room r = this.rooms.get(room);
		return r != null && r.leave(user, from, reason, () -> this.rooms.remove(room, r));
	}

	Optional<Room> find(String room) {
		return Optional.ofNullable(this.rooms.get(room));
	}

	/** Up to {@code limit} rooms after {@code after} (from the first when null), by name, with their counts. */
	List<Reply.RoomCount> countsAfter(String after, int limit) {
		List<Reply.RoomCount> counts = new ArrayList<>(Math.min(limit, 256));
		for (Room room : ((after != null) ? this.rooms.tailMap(after, false) : this.rooms).values()) {
			if (counts.size() >= limit) {
				break;
			}
			int members = room.memberCount();
			if (members > 0) {
				counts.add(new Reply.RoomCount(room.name(), members));
			}
		}
		return counts;
	}

}
