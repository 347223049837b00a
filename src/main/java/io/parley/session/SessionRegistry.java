package io.parley.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.stereotype.Component;

/** Every open session by connection id, whatever its protocol and whether logged in or not. */
@Component
public class SessionRegistry {

	private final Map<String, Session> byId = new ConcurrentHashMap<>();

	/** Lets shutdown close the door between two adds, so no session slips past its announcement. */
	private final ReadWriteLock door = new ReentrantReadWriteLock();

	private boolean shuttingDown;

	/** Adds a session; false once shutdown has begun (the caller then ends it). */
	public boolean add(Session session) {
		this.door.readLock().lock();
		try {
			if (this.shuttingDown) {
				return false;
			}
			this.byId.put(session.id(), session);
			return true;
		}
		finally {
			this.door.readLock().unlock();
		}
	}

	/** Refuses further sessions and returns those open now. */
	List<Session> beginShutdown() {
		this.door.writeLock().lock();
		try {
			this.shuttingDown = true;
			return List.copyOf(this.byId.values());
		}
		finally {
			this.door.writeLock().unlock();
		}
	}

	/** Accepts sessions again after a stop (a restarted context, e.g. a test context resumed). */
	void open() {
		this.door.writeLock().lock();
		try {
			this.shuttingDown = false;
		}
		finally {
			this.door.writeLock().unlock();
		}
	}

	public Optional<Session> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	public Optional<Session> remove(String id) {
		return Optional.ofNullable(this.byId.remove(id));
	}

	public Collection<Session> all() {
		return this.byId.values();
	}

	public int count() {
		return this.byId.size();
	}

	/** Open sessions speaking {@code protocol}; walks them all, so for gauges and admin calls only. */
	public long count(String protocol) {
		return this.byId.values().stream().filter(s -> s.protocol().equals(protocol)).count();
	}

}
