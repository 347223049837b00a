package io.parley.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.parley.account.UserNames;
import io.parley.protocol.ChatError;
import io.parley.protocol.Reply;
import io.parley.protocol.SharedFile;
import io.parley.session.Delivery;
import io.parley.session.Session;

/**
 * A room and its members. Every change of membership and every line to the room happens under the room's
 * lock, which numbers the room's events ({@link ChatEvent.InRoom#seq()}) and publishes each before letting go:
 * the channel's subscribers run on this thread, and delivering only enqueues, so all members see the room's
 * events in one order and a slow member cannot hold the lock. As the {@link Audience} of its events, the room
 * is its members' sessions.
 * <p>
 * Longer than most: membership, delivery and the checks a join or a line passes (its {@link RoomRules}) all
 * need the room's one lock, and the commands that change its rules ({@link RoomModeration}) take it through
 * {@link #locked}.
 */
final class Room implements Audience {

	private final String name;

	private final ChatEventPublisher events;

	/** The last event's sequence number; changed under the lock. */
	private long seq;

	private final ReentrantLock lock = new ReentrantLock();

	/** By name as people read it ({@link UserNames#sortKey}), sorted: a long member list is read a page at a time from where the last page ended. */
	private final NavigableMap<String, OnlineUser> members = new TreeMap<>();

	/** Set when the last member left and the room was taken out of the directory. */
	private boolean closed;

	/** Owner, topic, flags, roles and lists: read and changed under the lock ({@link RoomRules}). */
	private final RoomRules rules;

	/** Where the rules of a stored room are written when they change. */
	private final RoomStore store;

	Room(String name, ChatEventPublisher events, RoomRules rules, RoomStore store) {
		this.name = name;
		this.events = events;
		this.rules = rules;
		this.store = store;
	}

	String name() {
		return this.name;
	}

	/** Result of a join: the room was closed meanwhile (try again), joined, already a member, or refused. */
	enum JoinOutcome {

		CLOSED, JOINED, ALREADY_MEMBER, REFUSED

	}

	/**
	 * A join's outcome, the room's reason when it refused it, and for a new member its join event's id: every line
	 * of the room before the join has a smaller id, every line after it a larger one (both are made under the lock),
	 * so it bounds what a replay of the room's last lines may show.
	 */
	record JoinResult(JoinOutcome outcome, ChatError refusal, MessageId joinedAt) {

		JoinResult(JoinOutcome outcome, ChatError refusal) {
			this(outcome, refusal, null);
		}

	}

	/**
	 * Adds {@code user} if the room's rules let it in ({@link #admission}); {@code confirmation} goes to the joining
	 * session under the lock, so it arrives before any of the room's lines. {@code key} is the key the user gave,
	 * or null; a {@code serverAdmin} passes every rule.
	 */
	JoinResult join(OnlineUser user, Session from, Reply confirmation, String key, boolean serverAdmin) {
		return locked(() -> {
			if (this.closed) {
				return new JoinResult(JoinOutcome.CLOSED, null);
			}
			String sortKey = UserNames.sortKey(user.name());
			if (this.members.get(sortKey) == user) {
				from.send(confirmation);
				return new JoinResult(JoinOutcome.ALREADY_MEMBER, null);
			}
			ChatError refused = admission(user.name(), key, serverAdmin);
			if (refused != null) {
				return new JoinResult(JoinOutcome.REFUSED, refused);
			}
			claimIfNew(user);
			useInvite(user.name());
			this.members.put(sortKey, user);
			user.rooms().add(this.name);
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			publishLocked(new ChatEvent.Joined(stamp.id(), stamp.time(), this.name, ++this.seq, user.name()), from);
			// confirmed once the others' JOIN is queued: a joiner that sees its OK may speak to members who then
			// already have its JOIN ahead of anything they ask (a reader no longer holds its replies back to the end
			// of its frame, so an OK sent first could reach the joiner before the others' JOIN was queued)
			from.send(confirmation);
			return new JoinResult(JoinOutcome.JOINED, null, stamp.id());
		});
	}

	/**
	 * Why the room's rules keep {@code user} out, or null: banned, invite-only, a wrong key, full. Owners and
	 * operators (and server admins) pass; an invite lets its holder past all but a ban.
	 */
	private ChatError admission(String user, String key, boolean serverAdmin) {
		if (serverAdmin || this.rules.roleOf(user).atLeast(RoomRole.OPERATOR)) {
			return null;
		}
		if (this.rules.listed(StoredRoom.RoomList.BAN, user)) {
			return ChatError.of(ChatError.Kind.ROOM_BANNED, this.name);
		}
		boolean invited = this.rules.listed(StoredRoom.RoomList.INVITE, user)
				|| this.rules.listed(StoredRoom.RoomList.INVITE_ONCE, user);
		RoomFlags flags = this.rules.flags();
		if (invited) {
			return null;
		}
		if (flags.inviteOnly()) {
			return ChatError.of(ChatError.Kind.ROOM_INVITE_ONLY, this.name);
		}
		if (flags.key() != null && !flags.key().equals(key)) {
			return ChatError.of(ChatError.Kind.ROOM_BAD_KEY, this.name);
		}
		if (flags.limit() > 0 && this.members.size() >= flags.limit()) {
			return ChatError.of(ChatError.Kind.ROOM_LIMIT, this.name, flags.limit());
		}
		return null;
	}

	/**
	 * The first member of a room that is not stored makes it: an account becomes the owner of a room that is
	 * stored from now on; a guest becomes operator of a room that lasts while it has members.
	 */
	private void claimIfNew(OnlineUser user) {
		if (!this.members.isEmpty() || this.rules.stored()) {
			return;
		}
		if (user.guest()) {
			this.rules.role(user.name(), RoomRole.OPERATOR);
		}
		else {
			this.rules.claim(user.name());
			this.store.create(this.rules.snapshot());
		}
	}

	/** A one-time invite is used up by the join it let in. */
	private void useInvite(String user) {
		if (this.rules.listed(StoredRoom.RoomList.INVITE_ONCE, user)) {
			this.rules.remove(StoredRoom.RoomList.INVITE_ONCE, user);
			if (this.rules.stored()) {
				this.store.removeEntry(this.name, StoredRoom.RoomList.INVITE_ONCE, user);
			}
		}
	}

	/**
	 * Removes {@code user} and tells the others; false if it was not a member. Returns with the room closed
	 * when that was the last member, and then {@code onEmpty} has run under the lock. {@code quit} is why the
	 * user went offline, or null when it only left the room, saying {@code reason} (may be null).
	 */
	boolean leave(OnlineUser user, Session from, String quit, String reason, Runnable onEmpty) {
		return locked(() -> {
			String key = UserNames.sortKey(user.name());
			if (this.members.get(key) != user) {
				return false;
			}
			// told before it goes, so the user's other sessions learn it left too
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			publishLocked((quit != null)
					? new ChatEvent.Quit(stamp.id(), stamp.time(), this.name, ++this.seq, user.name(), quit)
					: new ChatEvent.Left(stamp.id(), stamp.time(), this.name, ++this.seq, user.name(), reason), from);
			removeLocked(user, onEmpty);
			return true;
		});
	}

	/**
	 * {@code from} took another name, now {@code to} (the same sessions and rooms): its place among the members
	 * moves to the new name, and so does its role; every member's sessions are added to {@code audience}, to be
	 * told once.
	 */
	void renamed(OnlineUser from, OnlineUser to, Set<Session> audience) {
		locked(() -> {
			String key = UserNames.sortKey(from.name());
			if (this.members.get(key) == from) {
				this.members.remove(key);
				this.members.put(UserNames.sortKey(to.name()), to);
				// the rules are keyed by name too, so the role follows (only guests rename, and a guest owns no room)
				RoomRole role = this.rules.roleOf(from.name());
				if (role == RoomRole.OPERATOR || role == RoomRole.VOICE) {
					this.rules.role(from.name(), RoomRole.MEMBER);
					this.rules.role(to.name(), role);
				}
			}
			for (OnlineUser member : this.members.values()) {
				audience.addAll(member.sessions());
			}
			return null;
		});
	}

	/**
	 * Takes a member out; a role that lasts only while its holder is in the room (any in a room that is not
	 * stored, a guest's in one that is) goes with it. The last one out closes the room.
	 */
	void removeLocked(OnlineUser user, Runnable onEmpty) {
		this.members.remove(UserNames.sortKey(user.name()));
		user.rooms().remove(this.name);
		if (!this.rules.stored() || user.guest()) {
			this.rules.role(user.name(), RoomRole.MEMBER);
		}
		if (this.members.isEmpty()) {
			this.closed = true;
			if (this.rules.stored()) {
				this.store.touch(this.name, java.time.Instant.now());
			}
			onEmpty.run();
		}
	}

	/** What became of a line: said, or not, and why. */
	enum SayOutcome {

		SAID, NOT_MEMBER, MODERATED, MUTED,

		/** Nothing done: the line is handled on an I/O thread, which must not wait, and the room's lock was held. */
		WOULD_WAIT

	}

	/**
	 * Sends a line from a member to every other session of every member, if the room lets it speak: a look-up in
	 * the rules held here, made only in a moderated room or one with mutes. A {@code serverAdmin} always may.
	 */
	SayOutcome say(OnlineUser user, Session from, String text, boolean noReply, Map<String, String> clientTags,
			boolean serverAdmin) {
		return speak(user, from, serverAdmin, (stamp, seq) -> new ChatEvent.RoomMessage(stamp.id(), stamp.time(),
				this.name, seq, user.name(), text, noReply, clientTags));
	}

	/** Shares a file from a member with every other session of every member, as {@link #say} a line. */
	SayOutcome shareFile(OnlineUser user, Session from, SharedFile file, boolean serverAdmin) {
		return speak(user, from, serverAdmin, (stamp, seq) -> new ChatEvent.RoomFile(stamp.id(), stamp.time(),
				this.name, seq, user.name(), file));
	}

	/**
	 * Whether any member may speak here with no look-up of the speaker (the room is not moderated and mutes nobody),
	 * it has at most {@code maxMembers} members, and its lock is free now: a worker may hold it while it writes the
	 * room's rules to the database.
	 */
	boolean letsEveryoneSpeakNow(int maxMembers) {
		return lockedIfFree(() -> this.members.size() <= maxMembers && !this.rules.flags().moderated()
				&& this.rules.size(StoredRoom.RoomList.MUTE) == 0, false);
	}

	/**
	 * Publishes what a member says if the room's rules let the member speak; else says why not. On an I/O thread
	 * ({@link Session#handlingOnIoThread}) it takes the room's lock only if it is free: a worker may hold it for a
	 * database write (a topic, a ban), which the loop must not wait for.
	 */
	private SayOutcome speak(OnlineUser user, Session from, boolean serverAdmin, Spoken spoken) {
		Supplier<SayOutcome> speaking = () -> speakLocked(user, from, serverAdmin, spoken);
		return (from != null && from.handlingOnIoThread()) ? lockedIfFree(speaking, SayOutcome.WOULD_WAIT)
				: locked(speaking);
	}

	private SayOutcome speakLocked(OnlineUser user, Session from, boolean serverAdmin, Spoken spoken) {
		if (this.members.get(UserNames.sortKey(user.name())) != user) {
			return SayOutcome.NOT_MEMBER;
		}
		if (!serverAdmin && (this.rules.flags().moderated() || this.rules.size(StoredRoom.RoomList.MUTE) > 0)) {
			RoomRole role = this.rules.roleOf(user.name());
			if (this.rules.listed(StoredRoom.RoomList.MUTE, user.name()) && !role.atLeast(RoomRole.OPERATOR)) {
				return SayOutcome.MUTED;
			}
			RoomAction action = this.rules.flags().moderated() ? RoomAction.SPEAK_MODERATED : RoomAction.SPEAK;
			if (!action.allows(role, false)) {
				return SayOutcome.MODERATED;
			}
		}
		publishLocked(spoken.event(ChatEvent.Stamp.now(), ++this.seq), from);
		return SayOutcome.SAID;
	}

	/** What a member said, as the event it makes at its stamp and sequence number. */
	@FunctionalInterface
	private interface Spoken {

		ChatEvent.InRoom event(ChatEvent.Stamp stamp, long seq);

	}

	/** Sends to every session of every member (a notice from the server); returns how many sessions. */
	int announce(String text) {
		return locked(() -> {
			int sessions = 0;
			for (OnlineUser member : this.members.values()) {
				sessions += member.sessions().size();
			}
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			publishLocked(new ChatEvent.RoomNotice(stamp.id(), stamp.time(), this.name, ++this.seq, text), null);
			return sessions;
		});
	}

	List<String> memberNames() {
		return locked(() -> {
			List<String> names = new ArrayList<>(this.members.size());
			for (OnlineUser user : this.members.values()) {
				names.add(user.name());
			}
			names.sort(Comparator.comparing(String::toLowerCase));
			return names;
		});
	}

	/** Up to {@code limit} members after {@code afterName} (from the first when null), sorted ignoring case. */
	List<String> memberNamesAfter(String afterName, int limit) {
		return locked(() -> {
			List<String> names = new ArrayList<>(Math.min(limit, this.members.size()));
			for (OnlineUser user : ((afterName != null)
					? this.members.tailMap(UserNames.sortKey(afterName), false) : this.members).values()) {
				if (names.size() >= limit) {
					break;
				}
				names.add(user.name());
			}
			return names;
		});
	}

	/** Whether the room shows in {@code user}'s listings: a secret room only to its members. */
	boolean listedFor(String user) {
		return locked(() -> !this.rules.flags().secret() || (user != null && memberLocked(user) != null));
	}

	RoomRules rules() {
		return this.rules;
	}

	RoomStore store() {
		return this.store;
	}

	/** The member {@code name} names (ignoring case), or null; under the lock. */
	OnlineUser memberLocked(String name) {
		return this.members.get(UserNames.sortKey(name));
	}

	/** The members, in name order; under the lock. */
	java.util.Collection<OnlineUser> membersLocked() {
		return this.members.values();
	}

	/** The next sequence number; under the lock. */
	long nextSeq() {
		return ++this.seq;
	}

	/** Closes the room for good; under the lock, when its last member is out. */
	boolean closedLocked() {
		return this.closed;
	}

	int memberCount() {
		return locked(this.members::size);
	}

	void publishLocked(ChatEvent.InRoom event, Session origin) {
		this.events.publish(event, this, origin);
	}

	/** Runs while {@link #publishLocked} holds the lock, on its thread (the lock is re-entered, not waited for). */
	@Override
	public int deliver(Delivery delivery, Session except) {
		this.lock.lock();
		try {
			return deliverLocked(delivery, except);
		}
		finally {
			this.lock.unlock();
		}
	}

	private int deliverLocked(Delivery delivery, Session except) {
		int sent = 0;
		for (OnlineUser member : this.members.values()) {
			for (Session session : member.sessions()) {
				if (session != except) {
					session.send(delivery);
					sent++;
				}
			}
		}
		return sent;
	}

	<T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** {@link #locked}, on a thread that must not wait: {@code ifHeld} when another thread holds the lock. */
	private <T> T lockedIfFree(Supplier<T> action, T ifHeld) {
		if (!this.lock.tryLock()) {
			return ifHeld;
		}
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

}
