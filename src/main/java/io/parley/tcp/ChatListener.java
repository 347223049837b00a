package io.parley.tcp;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;

import io.parley.session.ChatProtocol;
import io.parley.session.SessionEndpoint;

/**
 * One protocol's listener, the TCP transport's small handler between its connection factory and the session
 * feature: registered on the factory as a {@link TcpSender}, it hears of each connection the factory opens
 * and of each one closed, and calls
 * {@link SessionEndpoint#open} and {@link SessionEndpoint#closed} for it; the connection ({@link NioConnection}) is
 * the session's {@link io.parley.session.Connection}. Frames
 * read go through the listener's inbound flow to {@link SessionEndpoint#frame} ({@link ListenerBeans}).
 */
public final class ChatListener implements TcpSender {

	private static final Logger log = LoggerFactory.getLogger(ChatListener.class);

	private final ChatProtocol protocol;

	private final boolean tls;

	private final AbstractServerConnectionFactory factory;

	private final int maxLineBytes;

	private final SessionEndpoint sessions;

	/** This listener's sessions, for health; the registry counts by protocol, over plain and TLS together. */
	private final AtomicInteger openSessions = new AtomicInteger();

	ChatListener(ChatProtocol protocol, boolean tls, AbstractServerConnectionFactory factory, int maxLineBytes,
			SessionEndpoint sessions) {
		this.protocol = protocol;
		this.tls = tls;
		this.factory = factory;
		this.maxLineBytes = maxLineBytes;
		this.sessions = sessions;
	}

	public String protocol() {
		return this.protocol.name();
	}

	/** The protocol's name, with {@code -tls} for its TLS listener: {@code line}, {@code line-tls}, {@code irc}, ... */
	public String name() {
		return this.tls ? this.protocol.name() + "-tls" : this.protocol.name();
	}

	public boolean isTls() {
		return this.tls;
	}

	/** Sessions open on this listener. */
	public int openSessions() {
		return this.openSessions.get();
	}

	public boolean isListening() {
		return this.factory.isListening();
	}

	public int port() {
		return this.factory.getPort();
	}

	String factoryName() {
		return this.factory.getComponentName();
	}

	void listening(int port) {
		log.info("Parley {} protocol listening on port {}{}", this.protocol.name(), port, this.tls ? " (TLS)" : "");
	}

	/**
	 * A connection the factory accepted (on its accept thread, before anything is read): its session begins, which
	 * only creates, enqueues and schedules. The factory's connections are all {@link NioConnection}s.
	 */
	@Override
	public void addNewConnection(TcpConnection connection) {
		if (connection instanceof NioConnection nio && this.sessions.open(connection.getConnectionId(),
				this.protocol, nio, this.maxLineBytes)) {
			this.openSessions.incrementAndGet();
		}
	}

	/** A connection closed (maybe more than once: each close of it tells its senders). */
	@Override
	public void removeDeadConnection(TcpConnection connection) {
		if (this.sessions.closed(connection.getConnectionId())) {
			this.openSessions.decrementAndGet();
		}
	}

}
