package io.parley.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import io.parley.chat.ChatService;
import io.parley.chat.LineCommands;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.LineCodec;
import io.parley.protocol.Reply;
import io.parley.session.SendQueue;
import io.parley.session.Session;
import io.parley.session.SessionRegistry;
import io.parley.system.ParleyMetrics;

/**
 * Line-protocol connections: a session for each connection the factory opens, each frame it reads handed to
 * the command table, and the session's end when the connection closes. Connection events arrive on I/O
 * threads, so the listeners only create, enqueue and schedule.
 */
@Component
class LineConnections {

	static final String PROTOCOL = "line";

	private static final Logger log = LoggerFactory.getLogger(LineConnections.class);

	private final LineCodec codec = new LineCodec();

	private final SessionRegistry sessions;

	private final ChatService chat;

	private final LineCommands commands;

	private final TcpProperties properties;

	private final TaskScheduler scheduler;

	private final TaskExecutor writers;

	private final MessageChannel outbound;

	private final TcpNetServerConnectionFactory factory;

	private final String version;

	private final ParleyMetrics metrics;

	LineConnections(SessionRegistry sessions, ChatService chat, LineCommands commands, TcpProperties properties,
			TaskScheduler taskScheduler, @Qualifier("sessionWriterExecutor") TaskExecutor writers,
			@Qualifier(TcpServerConfiguration.LINE_OUTBOUND) MessageChannel outbound,
			@Qualifier(TcpServerConfiguration.LINE_FACTORY) TcpNetServerConnectionFactory factory,
			ObjectProvider<BuildProperties> build, ParleyMetrics metrics) {
		this.metrics = metrics;
		metrics.liveSessions(PROTOCOL, sessions, registry -> registry.count(PROTOCOL));
		this.sessions = sessions;
		this.chat = chat;
		this.commands = commands;
		this.properties = properties;
		this.scheduler = taskScheduler;
		this.writers = writers;
		this.outbound = outbound;
		this.factory = factory;
		BuildProperties buildProperties = build.getIfAvailable();
		this.version = (buildProperties != null) ? buildProperties.getVersion() : "dev";
	}

	@EventListener
	void listening(TcpConnectionServerListeningEvent event) {
		if (event.getSource() == this.factory) {
			log.info("Parley line protocol listening on port {}", event.getPort());
		}
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (!isOurs(event.getConnectionFactoryName())) {
			return;
		}
		String id = event.getConnectionId();
		TcpConnection connection = (TcpConnection) event.getSource();
		SendQueue out = new SendQueue(this.properties.sendQueueBytes().toBytes(), this.writers,
				bytes -> this.outbound
					.send(MessageBuilder.withPayload(bytes).setHeader(IpHeaders.CONNECTION_ID, id).build()),
				() -> this.factory.closeConnection(id), this.metrics::delivered);
		Session session = new Session(id, PROTOCOL, connection.getHostAddress() + ":" + connection.getPort(),
				this.codec, out, this.scheduler, this.properties.closeGrace(), this.metrics);
		this.metrics.connectionOpened(PROTOCOL);
		if (!this.sessions.add(session)) {
			session.end(new Reply.Bye("server-shutdown"), false);
			return;
		}
		log.debug("connection {} from {}", id, session.remoteAddress());
		session.send(new Reply.Hello("Parley", this.version, LineCodec.PROTOCOL_VERSION));
		session.loginTimer(this.scheduler.schedule(() -> this.chat.loginTimedOut(session),
				Instant.now().plus(this.properties.loginTimeout())));
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (isOurs(event.getConnectionFactoryName())) {
			this.sessions.remove(event.getConnectionId()).ifPresent(session -> {
				this.metrics.connectionClosed(PROTOCOL);
				this.chat.sessionEnded(session);
			});
		}
	}

	/** Runs on the connection's reader thread, one frame after the other; never throws. */
	void onFrame(String connectionId, InboundFrame frame) {
		Session session = this.sessions.find(connectionId).orElse(null);
		if (session == null) {
			return;
		}
		try {
			handle(session, frame);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("Failed to handle a line from session {}", session, ex);
			session.send(new Reply.Error(ErrorCode.INTERNAL_ERROR,
					"the server failed to handle that line; try again, and tell an operator if it persists"));
		}
	}

	private void handle(Session session, InboundFrame frame) throws InterruptedException {
		if (frame instanceof InboundFrame.EndOfInput) {
			// the client half-closed: answer what it sent, then close before the reader ends the connection
			session.end(new Reply.Bye("end-of-input"), false);
			session.awaitEnd();
			return;
		}
		session.lineReceived();
		if (session.isEnding()) {
			return;
		}
		if (frame instanceof InboundFrame.Line line) {
			this.commands.dispatch(session, this.codec.parse(new String(line.bytes(), StandardCharsets.UTF_8)));
		}
		else if (frame instanceof InboundFrame.Oversized oversized) {
			session.send(new Reply.Error(ErrorCode.LINE_TOO_LONG, "a line is at most "
					+ this.properties.maxLineBytes() + " bytes; that one had " + oversized.length() + " and was dropped"));
		}
	}

	private static boolean isOurs(String factoryName) {
		return TcpServerConfiguration.LINE_FACTORY.equals(factoryName);
	}

}
