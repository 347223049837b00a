package io.parley.tcp;

import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code chat} health component: up while every listener (each protocol's plain and TLS ones) accepts
 * connections, with each one's port, whether it is TLS, and its open sessions. A stopped or failed listener
 * (port taken, too many open files) makes the whole application DOWN, as its clients can no longer reach it.
 */
@Component("chat")
class ChatHealthIndicator extends AbstractHealthIndicator {

	private final ChatListeners listeners;

	ChatHealthIndicator(ChatListeners listeners) {
		super("Chat health check failed");
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		for (ChatListener listener : this.listeners.all()) {
			up &= listener.isListening();
			builder.withDetail(listener.name(), Map.of("listening", listener.isListening(), "port", listener.port(),
					"tls", listener.isTls(), "sessions", listener.openSessions()));
		}
		builder.status(up ? "UP" : "DOWN");
	}

}
