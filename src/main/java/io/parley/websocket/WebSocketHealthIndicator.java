package io.parley.websocket;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code websocket} health component: the door's path, its subprotocols and its open sessions. The door
 * lives on the HTTP server, so it is up whenever health can be asked at all; without a protocol behind it (IRC
 * off) it says so, as UNKNOWN.
 */
class WebSocketHealthIndicator extends AbstractHealthIndicator {

	private final ChatWebSocketHandler handler;

	private final String path;

	WebSocketHealthIndicator(ChatWebSocketHandler handler, String path) {
		super("WebSocket health check failed");
		this.handler = handler;
		this.path = path;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.handler == null) {
			builder.unknown().withDetail("path", this.path).withDetail("protocol", "none");
			return;
		}
		builder.up()
			.withDetail("path", this.path)
			.withDetail("protocol", this.handler.door().protocol().name())
			.withDetail("subprotocols", this.handler.door().subprotocols())
			.withDetail("sessions", this.handler.openSessions());
	}

}
