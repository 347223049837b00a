package io.parley.admin;

import java.time.Instant;
import java.util.List;

import io.parley.session.Session;

/**
 * One live session as the admin layer shows it. {@code user} is null before login; {@code tls} says it came in
 * over a TLS listener
 * (or a WebSocket over HTTPS); {@code transport} is what carries it, {@code tcp} or {@code websocket}.
 */
record SessionView(String id, String user, String remoteAddress, String protocol, String transport,
		boolean tls, Instant connectedAt,
		Instant lastActivityAt, List<String> rooms, long linesIn, long linesOut, long sendQueueBytes) {

	static SessionView of(Session session, List<String> rooms) {
		return new SessionView(session.id(), session.user(), session.remoteAddress(), session.protocol(),
				session.transport(), session.tls(), session.connectedAt(), session.lastActivityAt(), rooms, session.linesIn(), session.linesOut(),
				session.sendQueueBytes());
	}

}
