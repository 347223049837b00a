package io.parley.tcp;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import io.parley.chat.Logins;
import io.parley.limits.ConnectionLimiter;
import io.parley.limits.FloodLimit;
import io.parley.limits.LimitProperties;
import io.parley.session.ChatProtocol;
import io.parley.session.IdleWatch;
import io.parley.session.SessionRegistry;
import io.parley.system.ParleyMetrics;

/**
 * Every protocol's listener, and what they share: how a listener's connection factory and flows are built,
 * and the connection events, which Spring Integration publishes for all factories at once.
 */
@Component
public class ChatListeners {

	private final Map<String, ChatListener> byFactory = new ConcurrentHashMap<>();

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	private final SessionRegistry sessions;

	private final Logins chat;

	private final TcpProperties properties;

	private final TaskScheduler scheduler;

	private final TaskExecutor writers;

	private final TaskExecutor readers;

	private final ParleyMetrics metrics;

	private final ConnectionLimiter connections;

	private final FloodLimit floodLimit;

	private final IdleWatch idleWatch;

	private final LimitProperties.KeepAlive keepAlive;

	ChatListeners(SessionRegistry sessions, Logins chat, TcpProperties properties,
			@Qualifier("sessionTimers") TaskScheduler timers,
			@Qualifier("sessionWriterExecutor") TaskExecutor writers,
			@Qualifier("tcpConnectionExecutor") TaskExecutor readers, ParleyMetrics metrics,
			ConnectionLimiter connections, FloodLimit floodLimit, IdleWatch idleWatch, LimitProperties limits) {
		this.sessions = sessions;
		this.chat = chat;
		this.properties = properties;
		this.scheduler = timers;
		this.writers = writers;
		this.readers = readers;
		this.metrics = metrics;
		this.connections = connections;
		this.floodLimit = floodLimit;
		this.idleWatch = idleWatch;
		this.keepAlive = limits.idle().keepAlive();
	}

	/**
	 * A NET server factory for one protocol. The NET factory runs each connection on one executor task for
	 * its life, so one client's lines are handled in the order sent; the NIO factory does not keep that order.
	 */
	public TcpNetServerConnectionFactorySpec serverFactory(int port, String host, int maxLineBytes) {
		return serverFactory(port, host, new LineDeserializer(maxLineBytes));
	}

	/**
	 * A TLS server factory for one protocol: the plain one, secured with the key and versions in {@code tls}.
	 * {@code prefix} ({@code parley.tcp.tls}) names the settings in the message that stops the start when the
	 * key store cannot be used.
	 */
	public TcpNetServerConnectionFactorySpec tlsServerFactory(String prefix, TlsProperties tls, String host,
			int maxLineBytes) {
		ServerTls serverTls = ServerTls.load(prefix, tls);
		LineDeserializer lines = new LineDeserializer(maxLineBytes);
		return serverTls.secure(serverFactory(tls.port(), host, lines), lines);
	}

	private TcpNetServerConnectionFactorySpec serverFactory(int port, String host, LineDeserializer lines) {
		TcpNetServerConnectionFactorySpec spec = Tcp.netServer(port)
			.backlog(this.properties.backlog())
			.soKeepAlive(true) // with intervals set per socket by BufferedNetConnectionSupport
			.soTcpNoDelay(true)
			.deserializer(lines)
			.serializer(TcpCodecs.raw())
			.mapper(new ConnectionIdMapper())
			.connectionSupport(new BufferedNetConnectionSupport(this.properties.readBufferBytes(), this.keepAlive))
			.taskExecutor(this.readers);
		if (!host.isBlank()) {
			spec.localAddress(host);
		}
		return spec;
	}

	/**
	 * Registers a protocol's listener on its factory; {@code outbound} feeds the factory's outbound adapter.
	 * {@code tls} says the factory is a TLS one (see {@link #tlsServerFactory}).
	 */
	public ChatListener register(ChatProtocol protocol, TcpNetServerConnectionFactory factory,
			MessageChannel outbound, int maxLineBytes, boolean tls) {
		ChatListener listener = new ChatListener(protocol, tls, factory, outbound, maxLineBytes, this);
		if (this.gauged.add(protocol.name())) {
			// one gauge per protocol, counting its plain and TLS sessions together
			this.metrics.liveSessions(protocol.name(), this.sessions, registry -> registry.count(protocol.name()));
		}
		this.byFactory.put(factory.getComponentName(), listener);
		return listener;
	}

	/** Frames read by the listener's factory, to the listener. */
	public static IntegrationFlow inboundFlow(TcpNetServerConnectionFactory factory, ChatListener listener) {
		return IntegrationFlow.from(Tcp.inboundAdapter(factory))
			.handle(InboundFrame.class, (frame, headers) -> {
				listener.onFrame((String) headers.get(IpHeaders.CONNECTION_ID), frame);
				return null;
			})
			.get();
	}

	/** Bytes from the sessions' writers, to the connection named in {@code ip_connectionId}. */
	public static IntegrationFlow outboundFlow(MessageChannel outbound, TcpNetServerConnectionFactory factory) {
		return IntegrationFlow.from(outbound).handle(Tcp.outboundAdapter(factory)).get();
	}

	/**
	 * A task the readers' pool refused at its ceiling: a connection just accepted, whose reader would have made
	 * it a session. Its listener turns it away; anything else (an accept loop, at start-up) cannot be refused.
	 */
	void refuse(Runnable task) {
		// the NET factory's task for a new connection is the connection itself
		if (task instanceof TcpConnectionSupport connection) {
			ChatListener listener = this.byFactory.get(connection.getConnectionFactoryName());
			if (listener != null) {
				listener.refuse(connection);
				return;
			}
		}
		throw new RejectedExecutionException("no reader thread free (parley.threads.max-readers)");
	}

	public Collection<ChatListener> all() {
		return this.byFactory.values();
	}

	@EventListener
	void listening(TcpConnectionServerListeningEvent event) {
		if (event.getSource() instanceof TcpNetServerConnectionFactory factory) {
			ChatListener listener = this.byFactory.get(factory.getComponentName());
			if (listener != null) {
				listener.listening(event.getPort());
			}
		}
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		ChatListener listener = this.byFactory.get(event.getConnectionFactoryName());
		if (listener != null) {
			listener.opened((TcpConnection) event.getSource());
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		ChatListener listener = this.byFactory.get(event.getConnectionFactoryName());
		if (listener != null) {
			listener.closed(event.getConnectionId());
		}
	}

	TcpProperties properties() {
		return this.properties;
	}

	TaskScheduler scheduler() {
		return this.scheduler;
	}

	TaskExecutor writers() {
		return this.writers;
	}

	SessionRegistry sessions() {
		return this.sessions;
	}

	Logins chat() {
		return this.chat;
	}

	ParleyMetrics metrics() {
		return this.metrics;
	}

	ConnectionLimiter connections() {
		return this.connections;
	}

	FloodLimit floodLimit() {
		return this.floodLimit;
	}

	IdleWatch idleWatch() {
		return this.idleWatch;
	}

}
