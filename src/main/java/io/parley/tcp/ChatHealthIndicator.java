package io.parley.tcp;

import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import io.parley.session.SessionRegistry;

/**
 * The {@code chat} health component: up while every protocol's listener accepts connections, with each
 * one's port and open sessions. A stopped or failed listener (port taken, too many open files) makes the
 * whole application DOWN, as its clients can no longer reach it.
 */
@Component("chat")
class ChatHealthIndicator extends AbstractHealthIndicator {

	private final ChatListeners listeners;

	private final SessionRegistry sessions;

	ChatHealthIndicator(ChatListeners listeners, SessionRegistry sessions) {
		super("Chat health check failed");
		this.listeners = listeners;
		this.sessions = sessions;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		for (ChatListener listener : this.listeners.all()) {
			up &= listener.isListening();
			builder.withDetail(listener.protocol(), Map.of("listening", listener.isListening(), "port",
					listener.port(), "sessions", this.sessions.count(listener.protocol())));
		}
		builder.status(up ? "UP" : "DOWN");
	}

}
