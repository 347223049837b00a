package io.parley.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

import io.parley.limits.LineBudget;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.session.ChatProtocol;
import io.parley.session.SendQueue;
import io.parley.session.Session;

/**
 * One protocol's listener: a session for each connection its factory opens, each frame read handed to the
 * protocol, and the session's end when the connection closes. Connection events arrive on I/O threads, so
 * the handlers only create, enqueue and schedule.
 */
public final class ChatListener {

	private static final Logger log = LoggerFactory.getLogger(ChatListener.class);

	private final ChatProtocol protocol;

	private final boolean tls;

	private final TcpNetServerConnectionFactory factory;

	private final MessageChannel outbound;

	private final int maxLineBytes;

	private final ChatListeners shared;

	/** This listener's sessions, for health; the registry counts by protocol, over plain and TLS together. */
	private final AtomicInteger openSessions = new AtomicInteger();

	ChatListener(ChatProtocol protocol, boolean tls, TcpNetServerConnectionFactory factory, MessageChannel outbound,
			int maxLineBytes, ChatListeners shared) {
		this.protocol = protocol;
		this.tls = tls;
		this.factory = factory;
		this.outbound = outbound;
		this.maxLineBytes = maxLineBytes;
		this.shared = shared;
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

	void opened(TcpConnection connection) {
		String id = connection.getConnectionId();
		TcpProperties properties = this.shared.properties();
		SendQueue out = new SendQueue(properties.sendQueueBytes().toBytes(), this.shared.writers(), writer(connection),
				() -> this.factory.closeConnection(id), this.shared.metrics()::delivered);
		Session session = new Session(id, this.protocol.name(), this.tls,
				connection.getHostAddress() + ":" + connection.getPort(), this.protocol.newEncoder(), out,
				this.shared.scheduler(), properties.closeGrace(), this.shared.metrics(),
				this.shared.floodLimit().newBudget());
		this.shared.metrics().connectionOpened(this.protocol.name());
		if (!this.shared.sessions().add(session)) {
			session.end(new Reply.Bye("server-shutdown"), false);
			return;
		}
		this.openSessions.incrementAndGet();
		log.debug("connection {} from {}", id, session.remoteAddress());
		String refused = this.shared.connections().opened(session.remoteHost());
		// the greeting first, even to a connection over a limit: the client learns what it reached, then why it
		// is turned away
		this.protocol.opened(session);
		if (refused != null) {
			this.shared.metrics().sessionCut(refused);
			session.end(new Reply.Bye(refused), false);
			return;
		}
		this.shared.idleWatch().watch(session, this.protocol.clientsAnswerPings());
		session.loginTimer(this.shared.scheduler().schedule(() -> this.shared.chat().loginTimedOut(session),
				Instant.now().plus(properties.loginTimeout())));
	}

	/**
	 * Turns away a connection no reader thread was free for ({@code parley.threads.max-readers}), on the accept
	 * loop: its {@code BYE server-busy} is the only line it gets, written before its reader would have said
	 * {@code HELLO}, so it cannot block on a client that reads nothing yet. A TLS one is closed without it, as
	 * writing would begin its handshake on the accept loop.
	 */
	void refuse(TcpConnection connection) {
		// counted with the other refusals right after HELLO (too-many-connections, server-full)
		this.shared.metrics().sessionCut("server-busy");
		try {
			if (!this.tls && connection instanceof BufferedNetConnectionSupport.BufferedNetConnection direct) {
				direct.write(this.protocol.newEncoder().encode(new Reply.Bye("server-busy")));
			}
		}
		catch (RuntimeException ex) {
			log.debug("connection {} gone before its BYE: {}", connection.getConnectionId(), ex.toString());
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Straight to the socket when the connection is one of ours, without a message per write; through the
	 * outbound adapter (addressed by {@code ip_connectionId}) otherwise.
	 */
	private Consumer<byte[]> writer(TcpConnection connection) {
		if (connection instanceof BufferedNetConnectionSupport.BufferedNetConnection direct) {
			return direct::write;
		}
		String id = connection.getConnectionId();
		return bytes -> this.outbound
			.send(MessageBuilder.withPayload(bytes).setHeader(IpHeaders.CONNECTION_ID, id).build());
	}

	void closed(String connectionId) {
		this.shared.sessions().remove(connectionId).ifPresent(session -> {
			session.cancelTimers();
			this.openSessions.decrementAndGet();
			this.shared.connections().closed(session.remoteHost());
			this.shared.metrics().connectionClosed(this.protocol.name());
			this.shared.chat().sessionEnded(session);
		});
	}

	/**
	 * Runs on the connection's reader thread, one frame after the other; never throws. A line waits for its turn
	 * in the session's allowance ({@link #awaitTurn}). What the frame sends waits until the reader has handled
	 * all it has read, or waits for a turn ({@link SendQueue#holdDrains}), but for the end of input, which is
	 * handled by waiting for the session's last line.
	 */
	void onFrame(String connectionId, InboundFrame frame) {
		Session session = this.shared.sessions().find(connectionId).orElse(null);
		if (session == null) {
			return;
		}
		try {
			if (frame instanceof InboundFrame.EndOfInput) {
				// the client half-closed: answer what it sent, then close before the reader ends the connection
				session.end(new Reply.Bye("end-of-input"), false);
				session.awaitEnd();
				return;
			}
			if (session.isEnding() || !awaitTurn(session)) {
				return;
			}
			SendQueue.holdDrains();
			session.lineReceived();
			if (frame instanceof InboundFrame.Line line) {
				this.protocol.line(session, new String(line.bytes(), StandardCharsets.UTF_8));
			}
			else if (frame instanceof InboundFrame.Oversized oversized) {
				this.protocol.oversized(session, oversized.length(), this.maxLineBytes);
			}
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

	/**
	 * Fake lag: waits until the session's allowance lets its next line be handled, and answers false when the
	 * session is cut off instead ({@link io.parley.limits.LineBudget} decides which). While the reader waits it
	 * reads nothing, so whatever else the client sent stays in the socket's buffers and TCP's window, and no line
	 * is lost; a client far ahead is simply read at the allowed rate.
	 * <p>
	 * The reader first starts the writers it held back for the lines it handled before ({@link
	 * SendQueue#releaseHeldDrains}): a reader that waited holding them would stall the replies to the pasting
	 * client, and every line it sent to others, until the wait was over.
	 * <p>
	 * This is the blocking transport's way to pause: the connection's reader thread waits. The event loop that
	 * issue 15 puts in its place will stop reading the connection until the time the budget names, and go on
	 * serving the others meanwhile; the decision stays in the budget, the waiting here at the transport's edge.
	 */
	private boolean awaitTurn(Session session) throws InterruptedException {
		LineBudget.Verdict verdict = session.lineBudget().take();
		if (verdict instanceof LineBudget.Verdict.ResumeAt resume) {
			SendQueue.releaseHeldDrains();
			session.pauseUntil(resume.nanoTime());
			return !session.isEnding();
		}
		if (verdict instanceof LineBudget.Verdict.Cut) {
			this.shared.metrics().sessionCut("flooding");
			session.end(new Reply.Bye("flooding"), false);
			return false;
		}
		return true;
	}

}
