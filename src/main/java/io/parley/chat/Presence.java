package io.parley.chat;

import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import io.parley.account.UserNames;
import io.parley.session.Delivery;
import io.parley.session.Session;

/** Who is online, by name key; attaching and detaching a session is atomic per user. */
@Component
class Presence implements Audience {

	/** By name key; its {@code compute} runs once, atomically, which attaching a session relies on. */
	private final Map<String, OnlineUser> users = new ConcurrentHashMap<>();

	/**
	 * The same users sorted by name as people read it ({@link UserNames#sortKey}), changed only inside {@link #users}' compute for that key: a listing of
	 * everyone online is read a page at a time from where the last page ended. A skip list's own compute may
	 * run its function more than once, so it cannot stand in for {@link #users}.
	 */
	private final ConcurrentNavigableMap<String, OnlineUser> sorted = new ConcurrentSkipListMap<>();

	/**
	 * Adds a session to its user; empty when the user already holds {@code maxSessions}, or when a guest is
	 * involved: a guest's name is its one session's alone.
	 */
	Optional<OnlineUser> attach(Session session, String name, int maxSessions, boolean guest) {
		OnlineUser[] attached = new OnlineUser[1];
		this.users.compute(UserNames.key(name), (key, user) -> {
			if (user != null && (guest || user.guest())) {
				return user;
			}
			OnlineUser u = (user != null) ? user : new OnlineUser(name, guest);
			if (u.sessions().size() < maxSessions) {
				u.sessions().add(session);
				attached[0] = u;
			}
			if (u.sessions().isEmpty()) {
				return null;
			}
			this.sorted.put(UserNames.sortKey(u.name()), u);
			return u;
		});
		return Optional.ofNullable(attached[0]);
	}

	/** Removes a session from its user; the user, when that was its last session. */
	Optional<OnlineUser> detach(Session session) {
		OnlineUser[] gone = new OnlineUser[1];
		this.users.computeIfPresent(UserNames.key(session.user()), (key, user) -> {
			user.sessions().remove(session);
			if (user.sessions().isEmpty()) {
				gone[0] = user;
				this.sorted.remove(UserNames.sortKey(user.name()), user);
				return null;
			}
			return user;
		});
		return Optional.ofNullable(gone[0]);
	}

	/**
	 * Gives the guest of {@code session} the name {@code to} (a change of case only, or another name nobody holds):
	 * a new user object with the same session, rooms and away text under the new key; empty when the session is
	 * no guest's or another user holds the name.
	 */
	Optional<Renaming> rename(Session session, String to) {
		OnlineUser from = this.users.get(UserNames.key(session.user()));
		if (from == null || !from.guest()) {
			return Optional.empty();
		}
		OnlineUser renamed = new OnlineUser(to, true);
		renamed.sessions().addAll(from.sessions());
		renamed.rooms().addAll(from.rooms());
		renamed.away(from.away());
		boolean[] done = new boolean[1];
		this.users.compute(UserNames.key(to), (key, held) -> {
			if (held != null && held != from) {
				return held;
			}
			this.sorted.remove(UserNames.sortKey(from.name()), from);
			this.sorted.put(UserNames.sortKey(to), renamed);
			done[0] = true;
			return renamed;
		});
		if (!done[0]) {
			return Optional.empty();
		}
		if (!UserNames.key(from.name()).equals(UserNames.key(to))) {
			this.users.remove(UserNames.key(from.name()), from);
		}
		return Optional.of(new Renaming(from, renamed));
	}

	/** A guest's user object before and after a change of name. */
	record Renaming(OnlineUser from, OnlineUser to) {
	}

	/**
	 * Runs {@code action} on the session's user; false, and nothing done, when it is not online: only while the
	 * session is ending, a user on the way out.
	 */
	boolean withUser(Session session, Predicate<OnlineUser> action) {
		OnlineUser user = this.users.get(UserNames.key(session.user()));
		return user != null && action.test(user);
	}

	Optional<OnlineUser> find(String name) {
		return Optional.ofNullable(this.users.get(UserNames.key(name)));
	}

	/** Up to {@code limit} names of users online after {@code afterName} (from the first when null), by name. */
	List<String> namesAfter(String afterName, int limit) {
		List<String> names = new ArrayList<>(Math.min(limit, 256));
		for (OnlineUser user : ((afterName != null) ? this.sorted.tailMap(UserNames.sortKey(afterName), false)
				: this.sorted).values()) {
			if (names.size() >= limit) {
				break;
			}
			names.add(user.name());
		}
		return names;
	}

	Collection<OnlineUser> all() {
		return this.users.values();
	}

	/** A broadcast reaches every session of every user online. */
	@Override
	public int deliver(Delivery delivery, Session except) {
		int sent = 0;
		for (OnlineUser user : this.users.values()) {
			sent += user.deliver(delivery, except);
		}
		return sent;
	}

}
