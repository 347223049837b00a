package io.parley.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.parley.account.Account;
import io.parley.account.AccountService;
import io.parley.protocol.ChatError;
import io.parley.protocol.RoomMode;
import io.parley.system.LogText;

/**
 * What the admin API does to rooms: shows them whole (stored or live, secret or not), hands them to another
 * account, deletes them. A live room is changed under its lock, as a member's command would be, and its members
 * see it; a stored room nobody is in is changed in the store alone.
 */
@Service
public class RoomAdmin {

	private static final Logger log = LoggerFactory.getLogger(RoomAdmin.class);

	private final RoomDirectory rooms;

	private final RoomStore store;

	private final RoomModeration moderation;

	private final AccountService accounts;

	RoomAdmin(RoomDirectory rooms, RoomStore store, RoomModeration moderation, AccountService accounts) {
		this.rooms = rooms;
		this.store = store;
		this.moderation = moderation;
		this.accounts = accounts;
	}

	/** A room whole: {@code stored} false for a room made by a guest; {@code members} empty when nobody is in it. */
	public record RoomDetail(String room, boolean stored, String owner, StoredRoom.Topic topic, RoomFlags flags,
			Instant createdAt, List<String> operators, List<String> voices, List<String> bans, List<String> invites,
			List<String> mutes, List<String> members) {
	}

	public Optional<RoomDetail> detail(String room) {
		if (!RoomNames.isValid(room)) {
			return Optional.empty();
		}
		String name = RoomNames.canonical(room);
		Optional<RoomDetail> live = this.rooms.find(name)
			.flatMap(r -> r.locked(() -> r.closedLocked() ? Optional.<RoomDetail>empty()
					: Optional.of(detail(r.rules().snapshot(), r.rules().stored(), r.memberNames()))));
		return live.or(() -> this.store.find(name).map(stored -> detail(stored, true, List.of())));
	}

	/** Up to {@code limit} stored rooms after {@code after}, by name, whether anyone is in them or not. */
	public List<RoomDetail> storedAfter(String after, int limit) {
		List<RoomDetail> page = new ArrayList<>();
		for (StoredRoom stored : this.store.page(after, limit)) {
			page.add(detail(stored.name()).orElseGet(() -> detail(stored, true, List.of())));
		}
		return page;
	}

	private static RoomDetail detail(StoredRoom room, boolean stored, List<String> members) {
		return new RoomDetail(room.name(), stored, room.owner(), room.topic(), room.flags(), room.createdAt(),
				grants(room, RoomRole.OPERATOR), grants(room, RoomRole.VOICE), names(room, StoredRoom.RoomList.BAN),
				names(room, StoredRoom.RoomList.INVITE), names(room, StoredRoom.RoomList.MUTE), members);
	}

	private static List<String> grants(StoredRoom room, RoomRole role) {
		return room.roles().stream().filter(g -> g.role() == role).map(StoredRoom.Grant::name)
			.sorted(String.CASE_INSENSITIVE_ORDER).toList();
	}

	private static List<String> names(StoredRoom room, StoredRoom.RoomList list) {
		return room.entries().stream().filter(e -> e.list() == list).map(StoredRoom.ListEntry::name).toList();
	}

	/** What became of an admin's change: done, or why not. */
	public enum AdminOutcome {

		DONE, NO_ROOM, NO_ACCOUNT

	}

	/** Hands {@code room} to the account {@code owner}; the previous owner stays an operator. */
	public AdminOutcome transfer(String room, String owner, String admin) {
		Optional<Account> account = this.accounts.find(owner);
		if (account.isEmpty()) {
			return AdminOutcome.NO_ACCOUNT;
		}
		if (!RoomNames.isValid(room)) {
			return AdminOutcome.NO_ROOM;
		}
		String name = RoomNames.canonical(room);
		String newOwner = account.get().name();
		Optional<Room> live = this.rooms.find(name);
		if (live.isPresent()) {
			Room r = live.get();
			Object result = r.locked(() -> r.closedLocked() ? ChatError.of(ChatError.Kind.NO_ROOM_TO_ACT, name)
					: this.moderation.change(r, null, true, List.of(new RoomMode.Change(true, RoomMode.OWNER, newOwner))));
			if (!(result instanceof ChatError)) {
				log.info("admin {} gave room {} to {}", admin, name, newOwner);
				return AdminOutcome.DONE;
			}
			// emptied meanwhile: the store has it
		}
		Optional<StoredRoom> stored = this.store.find(name);
		if (stored.isEmpty()) {
			return AdminOutcome.NO_ROOM;
		}
		StoredRoom s = stored.get();
		this.store.update(name, newOwner, s.topic(), s.flags());
		this.store.setRole(name, newOwner, RoomRole.MEMBER);
		if (!s.owner().equalsIgnoreCase(newOwner)) {
			this.store.setRole(name, s.owner(), RoomRole.OPERATOR);
		}
		log.info("admin {} gave room {} to {}", admin, name, newOwner);
		return AdminOutcome.DONE;
	}

	/** Deletes a room: its members are told (a kick by the server) and removed, and the store forgets it. */
	public boolean delete(String room, String admin) {
		if (!RoomNames.isValid(room)) {
			return false;
		}
		String name = RoomNames.canonical(room);
		int removed = this.rooms.find(name).map(r -> r.locked(() -> {
			List<OnlineUser> members = new ArrayList<>(r.membersLocked());
			members.forEach(member -> this.moderation.removeMember(r, member, null, "room deleted"));
			return members.size();
		})).orElse(-1);
		boolean stored = this.store.delete(name);
		if (removed >= 0 || stored) {
			log.info("admin {} deleted room {} ({} member(s) removed)", admin, LogText.escape(name), Math.max(0, removed));
			return true;
		}
		return false;
	}

}
