package io.parley.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.parley.account.UserNames;
import io.parley.protocol.Reply;
import io.parley.session.Delivery;
import io.parley.session.Session;

/**
 * A room and its members. Every change of membership and every line to the room happens under the room's
 * lock, which numbers the room's events ({@link ChatEvent.InRoom#seq()}) and publishes each before letting go:
 * the channel's subscribers run on this thread, and delivering only enqueues, so all members see the room's
 * events in one order and a slow member cannot hold the lock. As the {@link Audience} of its events, the room
 * is its members' sessions.
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

	Room(String name, ChatEventPublisher events) {
		this.name = name;
		this.events = events;
	}

	String name() {
		return this.name;
	}

	/** Result of a join: the room was closed meanwhile (try again), joined, or already a member. */
	enum JoinOutcome {

		CLOSED, JOINED, ALREADY_MEMBER

	}

	/**
	 * Adds {@code user}; {@code confirmation} goes to the joining session under the lock, so it arrives before
	 * any of the room's lines.
	 */
	JoinOutcome join(OnlineUser user, Session from, Reply confirmation) {
		return locked(() -> {
			if (this.closed) {
				return JoinOutcome.CLOSED;
			}
			String key = UserNames.sortKey(user.name());
			if (this.members.get(key) == user) {
				from.send(confirmation);
				return JoinOutcome.ALREADY_MEMBER;
			}
			this.members.put(key, user);
			user.rooms().add(this.name);
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			publishLocked(new ChatEvent.Joined(stamp.id(), stamp.time(), this.name, ++this.seq, user.name()), from);
			// confirmed once the others' JOIN is queued: a joiner that sees its OK may speak to members who then
			// already have its JOIN ahead of anything they ask (a reader no longer holds its replies back to the end
			// of its frame, so an OK sent first could reach the joiner before the others' JOIN was queued)
			from.send(confirmation);
			return JoinOutcome.JOINED;
		});
	}

	/**
	 * Removes {@code user} and tells the others; false if it was not a member. Returns with the room closed
	 * when that was the last member, and then {@code onEmpty} has run under the lock. {@code quit} is why the
	 * user went offline, or null when it only left the room.
	 */
	boolean leave(OnlineUser user, Session from, String quit, Runnable onEmpty) {
		return locked(() -> {
			String key = UserNames.sortKey(user.name());
			if (this.members.get(key) != user) {
				return false;
			}
			// told before it goes, so the user's other sessions learn it left too
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			publishLocked((quit != null)
					? new ChatEvent.Quit(stamp.id(), stamp.time(), this.name, ++this.seq, user.name(), quit)
					: new ChatEvent.Left(stamp.id(), stamp.time(), this.name, ++this.seq, user.name()), from);
			this.members.remove(key);
			user.rooms().remove(this.name);
			if (this.members.isEmpty()) {
				this.closed = true;
				onEmpty.run();
			}
			return true;
		});
	}

	/**
	 * {@code from} took another name, now {@code to} (the same sessions and rooms): its place among the members
	 * moves to the new name; every member's sessions are added to {@code audience}, to be told once.
	 */
	void renamed(OnlineUser from, OnlineUser to, Set<Session> audience) {
		locked(() -> {
			String key = UserNames.sortKey(from.name());
			if (this.members.get(key) == from) {
				this.members.remove(key);
				this.members.put(UserNames.sortKey(to.name()), to);
			}
			for (OnlineUser member : this.members.values()) {
				audience.addAll(member.sessions());
			}
			return null;
		});
	}

	/** Sends a line from a member to every other session of every member; false if not a member. */
	boolean say(OnlineUser user, Session from, String text, boolean noReply) {
		return locked(() -> {
			if (this.members.get(UserNames.sortKey(user.name())) != user) {
				return false;
			}
			ChatEvent.Stamp stamp = ChatEvent.Stamp.now();
			publishLocked(new ChatEvent.RoomMessage(stamp.id(), stamp.time(), this.name, ++this.seq, user.name(),
					text, noReply), from);
			return true;
		});
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

	int memberCount() {
		return locked(this.members::size);
	}

	private void publishLocked(ChatEvent.InRoom event, Session origin) {
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

	private <T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

}
