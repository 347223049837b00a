package io.parley.chat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.parley.session.Delivery;
import io.parley.session.Session;

/**
 * A logged-in user: its live sessions and the rooms it is in. Membership belongs to the user, so every
 * session of a member gets the room's lines. Compared by identity: a user who logs out and in again is a
 * new object, which keeps a late clean-up of the old one from touching the new one.
 */
final class OnlineUser implements Audience {

	private final String name;

	private final boolean guest;

	private volatile String away;

	private final List<Session> sessions = new CopyOnWriteArrayList<>();

	private final Set<String> rooms = ConcurrentHashMap.newKeySet();

	OnlineUser(String name, boolean guest) {
		this.name = name;
		this.guest = guest;
	}

	String name() {
		return this.name;
	}

	/** Chatting without an account: the name is held only while online, and by one session. */
	boolean guest() {
		return this.guest;
	}

	List<Session> sessions() {
		return this.sessions;
	}

	/** The away message, or null while the user is here. */
	String away() {
		return this.away;
	}

	void away(String message) {
		this.away = message;
	}

	/** Its private messages reach every session of the user. */
	@Override
	public int deliver(Delivery delivery, Session except) {
		int sent = 0;
		for (Session session : this.sessions) {
			if (session != except) {
				session.send(delivery);
				sent++;
			}
		}
		return sent;
	}

	/** Keys of the rooms this user is in; changed only under the room's lock. */
	Set<String> rooms() {
		return this.rooms;
	}

}
