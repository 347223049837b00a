package io.parley.chat;

import java.util.ArrayList;
import java.util.List;

import io.parley.protocol.RoomMode;

/**
 * A room's flags: the topic locked to operators (on in a new room), invite-only, moderated (voice to speak),
 * secret (listed to its members only), a key to join (null: none) and a member limit (0: none).
 */
public record RoomFlags(boolean topicLocked, boolean inviteOnly, boolean moderated, boolean secret, String key,
		int limit) {

	static final RoomFlags NEW_ROOM = new RoomFlags(true, false, false, false, null, 0);

	/** These flags with {@code change} made; {@code change} is a flag's, checked already. */
	RoomFlags with(RoomMode.Change change) {
		boolean on = change.on();
		return switch (change.mode()) {
			case TOPIC_LOCK -> new RoomFlags(on, this.inviteOnly, this.moderated, this.secret, this.key, this.limit);
			case INVITE_ONLY -> new RoomFlags(this.topicLocked, on, this.moderated, this.secret, this.key, this.limit);
			case MODERATED -> new RoomFlags(this.topicLocked, this.inviteOnly, on, this.secret, this.key, this.limit);
			case SECRET -> new RoomFlags(this.topicLocked, this.inviteOnly, this.moderated, on, this.key, this.limit);
			case KEY -> new RoomFlags(this.topicLocked, this.inviteOnly, this.moderated, this.secret,
					on ? change.argument() : null, this.limit);
			case LIMIT -> new RoomFlags(this.topicLocked, this.inviteOnly, this.moderated, this.secret, this.key,
					on ? Integer.parseInt(change.argument()) : 0);
			default -> throw new IllegalArgumentException("not a flag: " + change.mode());
		};
	}

	/** Whether {@code change} would change nothing. */
	boolean alreadyHas(RoomMode.Change change) {
		return switch (change.mode()) {
			case TOPIC_LOCK -> this.topicLocked == change.on();
			case INVITE_ONLY -> this.inviteOnly == change.on();
			case MODERATED -> this.moderated == change.on();
			case SECRET -> this.secret == change.on();
			case KEY -> change.on() ? change.argument().equals(this.key) : this.key == null;
			case LIMIT -> change.on() ? Integer.toString(this.limit).equals(change.argument()) : this.limit == 0;
			default -> false;
		};
	}

	/** The flags that are set, as the changes that would set them on a new room with none. */
	public List<RoomMode.Change> asChanges() {
		List<RoomMode.Change> set = new ArrayList<>(6);
		if (this.inviteOnly) {
			set.add(new RoomMode.Change(true, RoomMode.INVITE_ONLY, null));
		}
		if (this.moderated) {
			set.add(new RoomMode.Change(true, RoomMode.MODERATED, null));
		}
		if (this.secret) {
			set.add(new RoomMode.Change(true, RoomMode.SECRET, null));
		}
		if (this.topicLocked) {
			set.add(new RoomMode.Change(true, RoomMode.TOPIC_LOCK, null));
		}
		if (this.key != null) {
			set.add(new RoomMode.Change(true, RoomMode.KEY, this.key));
		}
		if (this.limit > 0) {
			set.add(new RoomMode.Change(true, RoomMode.LIMIT, Integer.toString(this.limit)));
		}
		return set;
	}

}
