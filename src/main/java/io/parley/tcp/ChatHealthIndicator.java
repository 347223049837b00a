package io.parley.tcp;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.stereotype.Component;

import io.parley.session.SessionRegistry;

/**
 * The {@code chat} health component: up while the line-protocol listener accepts connections. A stopped or
 * failed listener (port taken, too many open files) makes the whole application DOWN, as clients can no
 * longer reach it.
 */
@Component("chat")
class ChatHealthIndicator extends AbstractHealthIndicator {

	private final TcpNetServerConnectionFactory factory;

	private final SessionRegistry sessions;

	ChatHealthIndicator(@Qualifier(TcpServerConfiguration.LINE_FACTORY) TcpNetServerConnectionFactory factory,
			SessionRegistry sessions) {
		super("Chat health check failed");
		this.factory = factory;
		this.sessions = sessions;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean listening = this.factory.isListening();
		(listening ? builder.up() : builder.down()).withDetail("listening", listening)
			.withDetail("port", this.factory.getPort())
			.withDetail("sessions", this.sessions.count(LineConnections.PROTOCOL));
	}

}
