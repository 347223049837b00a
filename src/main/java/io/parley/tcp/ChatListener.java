package io.parley.tcp;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.MessageChannel;

import io.parley.session.ChatProtocol;
import io.parley.session.SessionEndpoint;

/**
 * One protocol's listener, the TCP transport's small handler between its connection factory and the session
 * feature: registered on the factory as a {@link TcpSender}, it hears of each connection the factory opens
 * and of each one closed, and calls
 * {@link SessionEndpoint#open} and {@link SessionEndpoint#closed} with a {@link SocketConnection} for it. Frames
 * read go through the listener's inbound flow to {@link SessionEndpoint#frame} ({@link ListenerBeans}).
 */
public final class ChatListener implements TcpSender {

	private static final Logger log = LoggerFactory.getLogger(ChatListener.class);

	private final ChatProtocol protocol;

	private final boolean tls;

	private final TcpNetServerConnectionFactory factory;

	private final MessageChannel outbound;

	private final int maxLineBytes;

	private final SessionEndpoint sessions;

	/** This listener's sessions, for health; the registry counts by protocol, over plain and TLS together. */
	private final AtomicInteger openSessions = new AtomicInteger();

	ChatListener(ChatProtocol protocol, boolean tls, TcpNetServerConnectionFactory factory, MessageChannel outbound,
			int maxLineBytes, SessionEndpoint sessions) {
		this.protocol = protocol;
		this.tls = tls;
		this.factory = factory;
		this.outbound = outbound;
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
	 * A connection the factory accepted (on the accept thread): its session begins when its reader thread starts
	 * ({@link BufferedNetConnectionSupport.BufferedNetConnection#onReaderStart}), as a connection refused a
	 * reader ({@link #refuse}) must get nothing but its {@code BYE server-busy}.
	 */
	@Override
	public void addNewConnection(TcpConnection connection) {
		if (connection instanceof BufferedNetConnectionSupport.BufferedNetConnection direct) {
			direct.onReaderStart(() -> open(connection));
		}
		else {
			open(connection);
		}
	}

	private void open(TcpConnection connection) {
		if (this.sessions.open(connection.getConnectionId(), this.protocol,
				new SocketConnection(connection, this.outbound, this.tls), this.maxLineBytes)) {
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

	/**
	 * Turns away a connection no reader thread was free for ({@code parley.threads.max-readers}), on the accept
	 * loop: its {@code BYE server-busy} is the only line it gets, written before its reader would have said
	 * {@code HELLO}, so it cannot block on a client that reads nothing yet. A TLS one is closed without it, as
	 * writing would begin its handshake on the accept loop.
	 */
	void refuse(TcpConnection connection) {
		byte[] bye = this.sessions.refusedBusy(this.protocol);
		try {
			if (!this.tls && connection instanceof BufferedNetConnectionSupport.BufferedNetConnection direct) {
				direct.write(bye);
			}
		}
		catch (RuntimeException ex) {
			log.debug("connection {} gone before its BYE: {}", connection.getConnectionId(), ex.toString());
		}
		finally {
			connection.close();
		}
	}

}
