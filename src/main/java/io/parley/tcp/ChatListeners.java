package io.parley.tcp;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
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

	private final EventLoops loops;

	private final Executor workers;

	private final LimitProperties.KeepAlive keepAlive;

	private final boolean linesOnLoops;

	ChatListeners(SessionEndpoint sessions, TcpProperties properties, EventLoops loops,
			@Qualifier("chatWorkers") Executor workers, LimitProperties limits, ThreadProperties threads) {
		this.linesOnLoops = threads.linesOnLoops();
		this.sessions = sessions;
		this.properties = properties;
		this.loops = loops;
		this.workers = workers;
		this.keepAlive = limits.idle().keepAlive();
	}

	/**
	 * A server factory for one protocol on the shared event loops. A connection's frames are handed to the chat
	 * workers one batch at a time, so one client's lines are handled in the order sent ({@link NioConnection}).
	 */
	public AbstractServerConnectionFactory serverFactory(int port, String host, int maxLineBytes) {
		return serverFactory(port, host, maxLineBytes, null);
	}

	/**
	 * A TLS server factory for one protocol: the plain one, each connection with an engine from the key and versions
	 * in {@code tls}. {@code prefix} ({@code parley.tcp.tls}) names the settings in the message that stops the
	 * start when the key store cannot be used.
	 */
	public AbstractServerConnectionFactory tlsServerFactory(String prefix, TlsProperties tls, String host,
			int maxLineBytes) {
		return serverFactory(tls.port(), host, maxLineBytes, ServerTls.load(prefix, tls));
	}

	private AbstractServerConnectionFactory serverFactory(int port, String host, int maxLineBytes, ServerTls tls) {
		NioServerConnectionFactory factory = new NioServerConnectionFactory(port, this.loops, this.workers,
				maxLineBytes, this.keepAlive, tls);
		factory.setHandsLinesOnLoops(this.linesOnLoops);
		factory.setBacklog(this.properties.backlog());
		factory.setSoKeepAlive(true); // with intervals set per socket by the factory
		factory.setSoTcpNoDelay(true);
		factory.setDeserializer(new LineDeserializer(maxLineBytes));
		factory.setSerializer(TcpCodecs.raw());
		factory.setMapper(new ConnectionIdMapper());
		// the accept loop's one thread, named (the framework would make an anonymous pool for it)
		factory.setTaskExecutor(new SimpleAsyncTaskExecutor("parley-accept-"));
		if (!host.isBlank()) {
			factory.setLocalAddress(host);
		}
		return factory;
	}

	/** Registers a protocol's listener on its factory. {@code tls} says the factory is a TLS one. */
	public ChatListener register(ChatProtocol protocol, AbstractServerConnectionFactory factory, int maxLineBytes,
			boolean tls) {
		ChatListener listener = new ChatListener(protocol, tls, factory, maxLineBytes, this.sessions);
		this.sessions.serve(protocol);
		factory.registerSender(listener);
		this.byFactory.put(factory.getComponentName(), listener);
		return listener;
	}

	/**
	 * The way in: frames read by the factory's inbound adapter, on the connection's chat worker (or its event loop,
	 * for a line that never waits), through the
	 * channel {@code frames} (direct: the handler runs on that thread, so a connection's frames stay in order)
	 * to the session feature, which finds the session by the connection's id.
	 */
	public IntegrationFlow inboundFlow(AbstractServerConnectionFactory factory, MessageChannel frames) {
		return IntegrationFlow.from(Tcp.inboundAdapter(factory))
			.channel(frames)
			.handle(InboundFrame.class, (frame, headers) -> {
				this.sessions.frame((String) headers.get(IpHeaders.CONNECTION_ID), frame);
				return null;
			})
			.get();
	}

	/**
	 * Bytes to the connection named in {@code ip_connectionId}, through the factory's outbound adapter: not the
	 * sessions' way out (their send queues write to the connection directly), but the framework's, kept for
	 * whoever has a message for a connection.
	 */
	public static IntegrationFlow outboundFlow(MessageChannel outbound, AbstractServerConnectionFactory factory) {
		return IntegrationFlow.from(outbound).handle(Tcp.outboundAdapter(factory)).get();
	}

	public Collection<ChatListener> all() {
		return this.byFactory.values();
	}

	@EventListener
	void listening(TcpConnectionServerListeningEvent event) {
		if (event.getSource() instanceof AbstractServerConnectionFactory factory) {
			ChatListener listener = this.byFactory.get(factory.getComponentName());
			if (listener != null) {
				listener.listening(event.getPort());
			}
		}
	}

}
