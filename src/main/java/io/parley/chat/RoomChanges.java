package io.parley.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.parley.protocol.RoomMode;

/**
 * Makes checked changes of roles, lists and flags ({@link RoomModeration#change}) to a live room under its lock,
 * and writes each to the store when the room is stored. A change that would change nothing is left out of what
 * is told, as IRC servers do.
 */
final class RoomChanges {

	private final Room room;

	private final RoomRules rules;

	/** Whether a name is a guest's, whose roles are never stored. */
	private final Predicate<String> guest;

	/** False for changes another node made and stored (cluster mode): only this node's copy of the rules follows. */
	private final boolean write;

	RoomChanges(Room room, Predicate<String> guest) {
		this(room, guest, true);
	}

	RoomChanges(Room room, Predicate<String> guest, boolean write) {
		this.room = room;
		this.rules = room.rules();
		this.guest = guest;
		this.write = write;
	}

	/** Makes the changes in order; returns those that changed something. */
	List<RoomMode.Change> apply(List<RoomMode.Change> changes, String actor) {
		List<RoomMode.Change> made = new ArrayList<>(changes.size());
		boolean header = false;
		for (RoomMode.Change change : changes) {
			switch (change.mode().kind()) {
				case ROLE -> header |= role(change, made);
				case LIST -> list(change, actor, made);
				case FLAG -> {
					if (!this.rules.flags().alreadyHas(change)) {
						this.rules.flags(this.rules.flags().with(change));
						made.add(change);
						header = true;
					}
				}
			}
		}
		if (header && this.write && this.rules.stored()) {
			this.room.store().update(this.room.name(), this.rules.owner(), this.rules.topic(), this.rules.flags());
		}
		return made;
	}

	/** Returns whether the room's owner changed. */
	private boolean role(RoomMode.Change change, List<RoomMode.Change> made) {
		String name = change.argument();
		RoomRole current = this.rules.roleOf(name);
		if (change.mode() == RoomMode.OWNER) {
			if (current == RoomRole.OWNER) {
				return false;
			}
			String previous = this.rules.owner();
			if (this.rules.stored()) {
				this.rules.owner(name);
			}
			else {
				this.rules.claim(name);
				if (this.write) {
					this.room.store().create(this.rules.snapshot());
				}
			}
			setRole(name, RoomRole.MEMBER);
			made.add(change);
			if (previous != null) {
				// the one who handed the room over stays an operator
				setRole(previous, RoomRole.OPERATOR);
				made.add(new RoomMode.Change(false, RoomMode.OWNER, previous));
				made.add(new RoomMode.Change(true, RoomMode.OPERATOR, previous));
			}
			return true;
		}
		RoomRole role = RoomModeration.role(change.mode());
		if (change.on() ? current.atLeast(role) : current != role) {
			return false;
		}
		setRole(name, change.on() ? role : RoomRole.MEMBER);
		made.add(change);
		return false;
	}

	private void setRole(String name, RoomRole role) {
		this.rules.role(name, role);
		if (this.write && this.rules.stored() && !this.guest.test(name)) {
			this.room.store().setRole(this.room.name(), name, role);
		}
	}

	private void list(RoomMode.Change change, String actor, List<RoomMode.Change> made) {
		StoredRoom.RoomList list = list(change.mode());
		String name = change.argument();
		if (change.on() == this.rules.listed(list, name)) {
			return;
		}
		if (change.on()) {
			StoredRoom.ListEntry entry = new StoredRoom.ListEntry(list, name, actor, Instant.now());
			this.rules.add(entry);
			if (this.write && this.rules.stored()) {
				this.room.store().addEntry(this.room.name(), entry);
			}
		}
		else {
			this.rules.remove(list, name);
			if (this.write && this.rules.stored()) {
				this.room.store().removeEntry(this.room.name(), list, name);
			}
		}
		made.add(change);
	}

	static StoredRoom.RoomList list(RoomMode mode) {
		return switch (mode) {
			case BAN -> StoredRoom.RoomList.BAN;
			case INVITE -> StoredRoom.RoomList.INVITE;
			case MUTE -> StoredRoom.RoomList.MUTE;
			default -> throw new IllegalArgumentException("not a list: " + mode);
		};
	}

	/** The mode's word in the line protocol: {@code operator}, {@code topic-lock}, {@code invite-only}. */
	static String word(RoomMode mode) {
		return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
