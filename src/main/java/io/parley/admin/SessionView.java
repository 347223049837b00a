package io.parley.admin;

import java.time.Instant;
import java.util.List;

import io.parley.session.Session;

/**
 * One live session as the admin layer shows it. {@code user} is null before login; {@code tls} says it came in
 * over a TLS listener.
 */
record SessionView(String id, String user, String remoteAddress, String protocol, boolean tls,
		Instant connectedAt,
		Instant lastActivityAt, List<String> rooms, long linesIn, long linesOut, long sendQueueBytes) {

	static SessionView of(Session session, List<String> rooms) {
		return new SessionView(session.id(), session.user(), session.remoteAddress(), session.protocol(),
				session.tls(), session.connectedAt(), session.lastActivityAt(), rooms, session.linesIn(), session.linesOut(),
				session.sendQueueBytes());
	}

}
