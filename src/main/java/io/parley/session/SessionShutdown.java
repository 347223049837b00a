package io.parley.session;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.parley.protocol.Reply;

/**
 * On shutdown, before any listener stops (this stops first: highest phase), every session gets
 * {@code BYE server-shutdown} and a moment to read it; connections opened meanwhile get the same.
 */
@Component
class SessionShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SessionShutdown.class);

	private final SessionRegistry sessions;

	private volatile boolean running;

	SessionShutdown(SessionRegistry sessions) {
		this.sessions = sessions;
	}

	@Override
	public void start() {
		this.sessions.open();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<Session> open = this.sessions.beginShutdown();
		log.info("Shutting down: saying BYE to {} session(s)", open.size());
		Reply.Bye bye = new Reply.Bye("server-shutdown");
		open.forEach(session -> session.end(bye, false));
		try {
			for (Session session : open) {
				session.awaitEnd();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
