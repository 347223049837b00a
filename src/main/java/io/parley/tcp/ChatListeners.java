package io.parley.tcp;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

import io.parley.limits.LimitProperties;
import io.parley.session.ChatProtocol;
import io.parley.session.InboundFrame;
import io.parley.session.SessionEndpoint;

/**
 * Every protocol's listener, and what they share: how a listener's connection factory and flows are built.
 * The inbound flow ({@link #inboundFlow}) is the whole way in, readable top to bottom: the factory's inbound
 * adapter, a direct channel, the session feature's {@link SessionEndpoint#frame}. Connections opening and
 * closing reach the session feature through the listener registered on its factory ({@link ChatListener}).
 */
@Component
public class ChatListeners {

	private final Map<String, ChatListener> byFactory = new ConcurrentHashMap<>();

	private final SessionEndpoint sessions;

	private final TcpProperties properties;

	private final TaskExecutor readers;

	private final LimitProperties.KeepAlive keepAlive;

	ChatListeners(SessionEndpoint sessions, TcpProperties properties,
			@Qualifier("tcpConnectionExecutor") TaskExecutor readers, LimitProperties limits) {
		this.sessions = sessions;
		this.properties = properties;
		this.readers = readers;
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
		ChatListener listener = new ChatListener(protocol, tls, factory, outbound, maxLineBytes, this.sessions);
		this.sessions.serve(protocol);
		factory.registerSender(listener);
		this.byFactory.put(factory.getComponentName(), listener);
		return listener;
	}

	/**
	 * The way in: frames read by the factory's inbound adapter, on the connection's reader thread, through the
	 * channel {@code frames} (direct: the handler runs on that thread, so a connection's frames stay in order)
	 * to the session feature, which finds the session by the connection's id.
	 */
	public IntegrationFlow inboundFlow(TcpNetServerConnectionFactory factory, MessageChannel frames) {
		return IntegrationFlow.from(Tcp.inboundAdapter(factory))
			.channel(frames)
			.handle(InboundFrame.class, (frame, headers) -> {
				this.sessions.frame((String) headers.get(IpHeaders.CONNECTION_ID), frame);
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

}
