package io.parley.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What other threads send a session while its login is being confirmed ({@link Session#holdOthersUntilReleased}):
 * kept in order, and queued after the confirmation when the confirming thread releases them. A line the confirming
 * thread sends itself is never kept. Bounded by the send queue's limit, as the queue itself is: past it nothing more
 * is kept and the release reports it, so the session is cut as a client too slow to read would be.
 */
final class LoginHold {

	/** The thread confirming the login while it does; null when nothing is held. Written under this object. */
	private volatile Thread confirming;

	/** Lines other threads sent meanwhile, in their order; guarded by this object. */
	private final List<Line> lines = new ArrayList<>();

	/** The bytes of every line kept or refused since the hold began; guarded by this object. */
	private long bytes;

	/** Whether those bytes passed the limit; guarded by this object. */
	private boolean overflow;

	/** From now on, lines of threads other than the calling one are kept. */
	synchronized void hold() {
		this.confirming = Thread.currentThread();
	}

	/** Keeps a line another thread sends while held; false when it goes to the queue now. */
	boolean keep(byte[] line, long receivedNanos, long limitBytes) {
		Thread holder = this.confirming;
		if (holder == null || holder == Thread.currentThread()) {
			return false;
		}
		synchronized (this) {
			if (this.confirming == null) {
				return false; // released meanwhile, and this line comes after the released ones
			}
			this.bytes += line.length;
			if (this.bytes > limitBytes) {
				this.overflow = true;
				this.lines.clear(); // the session is cut at the release: nothing kept is written
			}
			else if (!this.overflow) {
				this.lines.add(new Line(line, receivedNanos));
			}
			return true;
		}
	}

	/**
	 * Queues the kept lines, in order, and ends the hold; false when they passed the limit or the queue refused one
	 * (the caller cuts the session). True when nothing was held.
	 */
	synchronized boolean release(SendQueue out) {
		if (this.confirming == null) {
			return true;
		}
		// queued under the lock: a sender waiting for it queues after these, in order
		boolean accepted = !this.overflow;
		for (Line line : this.lines) {
			accepted &= out.offer(line.bytes(), line.receivedNanos());
		}
		this.lines.clear();
		this.bytes = 0;
		this.overflow = false;
		this.confirming = null;
		return accepted;
	}

	private record Line(byte[] bytes, long receivedNanos) {
	}

}
