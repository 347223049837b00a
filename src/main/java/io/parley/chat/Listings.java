package io.parley.chat;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.parley.account.UserNames;

import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.session.ReplyPages;
import io.parley.session.Session;

/**
 * Who is online, who is in a room, which rooms there are: for the protocols' listings, a page at a time as
 * the client reads, and for the admin API.
 */
@Service
public class Listings {

	/**
	 * Entries per page of a long listing: one line of the line protocol (under 4 KiB with the longest names),
	 * a hundred lines of IRC.
	 */
	public static final int PAGE_SIZE = 100;

	private final Presence presence;

	private final RoomDirectory rooms;

	/** Cluster mode (issue 22): everyone online is everyone on every node. */
	private final ClusterLinks cluster;

	Listings(Presence presence, RoomDirectory rooms, ClusterLinks cluster) {
		this.presence = presence;
		this.cluster = cluster;
		this.rooms = rooms;
	}

	/**
	 * Who is online, or in {@code room}: a page of {@value #PAGE_SIZE} names at a time, made as the client reads
	 * (see {@link ReplyPages}), so no list is too long to send and none cuts the asker off.
	 */
	public void who(Session session, String room) {
		if (room == null) {
			sendWho(session, null, this::onlineNamesAfter);
			return;
		}
		String name = ChatInput.roomName(session, room);
		if (name == null) {
			return;
		}
		if (this.rooms.find(name).filter(r -> r.listedFor(session.user())).isEmpty()) {
			ChatInput.refuse(session, ChatError.Kind.NO_ROOM_TO_LIST, name);
			return;
		}
		sendWho(session, name, (after, limit) -> roomMembersAfter(name, after, limit));
	}

	/** The {@code WHO} pages of {@code room} (null: everyone online), names taken from {@code names}. */
	private static void sendWho(Session session, String room, ReplyPages.Listing<String> names) {
		session.sendPages(ReplyPages.of(names, name -> name, PAGE_SIZE,
				(page, first, last) -> session.encoder().encode(new Reply.Who(room, page, !first, !last))));
	}

	/**
	 * Every room with its member count, a page at a time as the client reads, like {@link #who}; a secret room
	 * only to its members.
	 */
	public void rooms(Session session) {
		session.sendPages(ReplyPages.of((after, limit) -> this.rooms.countsAfter(after, limit,
				room -> room.listedFor(session.user())), Reply.RoomCount::room, PAGE_SIZE,
				(counts, first, last) -> session.encoder().encode(new Reply.Rooms(counts, !first, !last))));
	}

	/** Up to {@code limit} rooms after {@code after} (from the first when null), by name, with their counts. */
	public List<Reply.RoomCount> roomCountsAfter(String after, int limit) {
		return this.rooms.countsAfter(after, limit);
	}

	/** Up to {@code limit} names of users online after {@code after} (from the first when null), by name. */
	public List<String> onlineNamesAfter(String after, int limit) {
		List<String> here = this.presence.namesAfter(after, limit);
		ClusterLink link = this.cluster.link();
		if (link == null) {
			return here;
		}
		return merged(here, link.namesElsewhere(), after, limit);
	}

	/**
	 * Cluster mode (issue 22): a page of this node's names with the other nodes' merged in by the same order, once
	 * each (a user may be on several nodes), up to {@code limit} after {@code after}.
	 */
	static List<String> merged(List<String> here, java.util.Collection<String> elsewhere, String after, int limit) {
		if (elsewhere.isEmpty()) {
			return here;
		}
		java.util.TreeMap<String, String> names = new java.util.TreeMap<>();
		here.forEach(name -> names.put(UserNames.sortKey(name), name));
		String from = (after != null) ? UserNames.sortKey(after) : null;
		for (String name : elsewhere) {
			String key = UserNames.sortKey(name);
			if (from == null || key.compareTo(from) > 0) {
				names.putIfAbsent(key, name);
			}
		}
		return names.values().stream().limit(limit).toList();
	}

	/** Up to {@code limit} members of {@code room} after {@code after}, by name; none when there is no room. */
	public List<String> roomMembersAfter(String room, String after, int limit) {
		if (!RoomNames.isValid(room)) {
			return List.of();
		}
		String name = RoomNames.canonical(room);
		List<String> here = this.rooms.find(name).map(r -> r.memberNamesAfter(after, limit)).orElse(List.of());
		ClusterLink link = this.cluster.link();
		return (link == null) ? here : merged(here, link.membersElsewhere(name), after, limit);
	}

	/** How many users are online and how many rooms there are, for IRC's LUSERS. */
	public Counts counts() {
		return new Counts(this.presence.all().size(), this.rooms.count());
	}

	/** Users online (each once, whatever its sessions) and rooms held, at one moment. */
	public record Counts(int users, int rooms) {
	}

	public boolean roomExists(String room) {
		return RoomNames.isValid(room) && this.rooms.find(RoomNames.canonical(room)).isPresent();
	}

	/** Members of a room, sorted; empty when there is no such room. */
	public Optional<List<String>> roomMembers(String room) {
		return RoomNames.isValid(room) ? this.rooms.find(RoomNames.canonical(room)).map(Room::memberNames)
				: Optional.empty();
	}

}
