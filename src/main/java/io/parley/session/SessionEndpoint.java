package io.parley.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import io.parley.limits.ConnectionLimiter;
import io.parley.limits.FloodLimit;
import io.parley.limits.LineBudget;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Reply;
import io.parley.system.ParleyMetrics;

/**
 * The session's whole life, for every transport and protocol: a transport calls {@link #open} when a
 * connection opens, {@link #frame} for each frame it reads (the service activator of each listener's inbound
 * flow) and {@link #closed} when the connection is gone; it gives each session its {@link Connection}. Here
 * a session is made and registered, counted against the connection limits, greeted, watched for idleness,
 * given its login deadline, held to its flood budget and ended; the chat core hears of an end through
 * {@link SessionEnds}.
 * <p>
 * Frames of one connection come on one thread at a time and in order (the transport's promise), so a
 * session's lines are handled in the order sent and its replies queued in that order.
 */
@Component
public class SessionEndpoint {

	private static final Logger log = LoggerFactory.getLogger(SessionEndpoint.class);

	private final SessionRegistry sessions;

	private final SessionProperties properties;

	private final TaskScheduler timers;

	private final TaskExecutor writers;

	private final ParleyMetrics metrics;

	private final ConnectionLimiter connections;

	private final FloodLimit floodLimit;

	private final IdleWatch idleWatch;

	private final ObjectProvider<SessionEnds> ends;

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	SessionEndpoint(SessionRegistry sessions, SessionProperties properties,
			@Qualifier("sessionTimers") TaskScheduler timers,
			@Qualifier("sessionWriterExecutor") TaskExecutor writers, ParleyMetrics metrics,
			ConnectionLimiter connections, FloodLimit floodLimit, IdleWatch idleWatch, ObjectProvider<SessionEnds> ends) {
		this.sessions = sessions;
		this.properties = properties;
		this.timers = timers;
		this.writers = writers;
		this.metrics = metrics;
		this.connections = connections;
		this.floodLimit = floodLimit;
		this.idleWatch = idleWatch;
		this.ends = ends;
	}

	/** A transport will open sessions of {@code protocol}: one gauge per protocol, over all its transports. */
	public void serve(ChatProtocol protocol) {
		if (this.gauged.add(protocol.name())) {
			this.metrics.liveSessions(protocol.name(), this.sessions, registry -> registry.count(protocol.name()));
		}
	}

	/**
	 * A connection opened: its session is made, registered and greeted, or turned away with a {@code BYE} (a
	 * connection limit, shutdown). Runs on the transport's thread for the connection (TCP: its listener's accept
	 * thread, before the first read), so it only creates, enqueues and schedules. True when the
	 * session was registered: the transport then calls {@link #closed} for it.
	 * @param id the connection's id, unique among open connections; the session's id
	 * @param maxLineBytes the longest line the transport hands over whole
	 */
	public boolean open(String id, ChatProtocol protocol, Connection connection, int maxLineBytes) {
		SendQueue out = SendQueue.to(connection, this.properties.sendQueueBytes().toBytes(), this.writers,
				this.metrics::delivered);
		Session session = new Session(id, protocol, connection, maxLineBytes, out, this.timers,
				this.properties.closeGrace(), this.metrics, this.floodLimit.newBudget());
		this.metrics.connectionOpened(protocol.name());
		if (!this.sessions.add(session)) {
			session.end(new Reply.Bye("server-shutdown"), false);
			return false;
		}
		log.debug("connection {} from {}", id, session.remoteAddress());
		String refused = this.connections.opened(session.remoteHost());
		// the greeting first, even to a connection over a limit: the client learns what it reached, then why it
		// is turned away
		protocol.opened(session);
		if (refused != null) {
			this.metrics.sessionCut(refused);
			session.end(new Reply.Bye(refused), false);
			return true;
		}
		this.idleWatch.watch(session, protocol.clientsAnswerPings());
		session.loginTimer(this.timers.schedule(() -> loginTimedOut(session),
				Instant.now().plus(this.properties.loginTimeout())));
		return true;
	}

	/** A session that is still anonymous when its login time is up. */
	private void loginTimedOut(Session session) {
		if (!session.isLoggedIn()) {
			session.end(new Reply.Bye("login-timeout"), false);
		}
	}

	/**
	 * The connection is gone: the session is let go of (timers, limits, registry) and the chat core told. Runs on
	 * whatever thread saw the close; true the first time for a registered session.
	 */
	public boolean closed(String id) {
		Session session = this.sessions.remove(id).orElse(null);
		if (session == null) {
			return false;
		}
		session.cancelTimers();
		session.closeNow();
		this.connections.closed(session.remoteHost());
		this.metrics.connectionClosed(session.protocol());
		this.ends.forEach(listener -> listener.sessionEnded(session));
		return true;
	}

	/**
	 * One frame read from the connection {@code id}; never throws. A line waits for its turn in the session's
	 * allowance ({@link #awaitTurn}); the end of input is answered by waiting for the session's last line. On the
	 * transport's I/O thread ({@link Connection#handingOnIoThread}) only a line that never waits is handled, before
	 * its turn is taken; any other frame is given back to be handed over on a worker ({@link Connection#handOnWorker}).
	 * <p>
	 * While the transport has a further frame read already ({@link Connection#hasBufferedFrame}), the writers of
	 * the lines this frame causes are held back ({@link SendQueue#holdDrains}) and started with the last frame
	 * read, before it is handled, so nothing waits for them: not a pause, not a password hash, not more input.
	 */
	public void frame(String id, InboundFrame frame) {
		Session session = this.sessions.find(id).orElse(null);
		if (session == null) {
			SendQueue.releaseHeldDrains();
			return;
		}
		Connection connection = session.connection();
		boolean onIoThread = connection.handingOnIoThread();
		String line = (frame instanceof InboundFrame.Line bytes) ? new String(bytes.bytes(), StandardCharsets.UTF_8)
				: null;
		if (onIoThread && !(frame instanceof InboundFrame.Oversized) && !neverWaits(session, line)) {
			SendQueue.releaseHeldDrains();
			connection.handOnWorker();
			return;
		}
		boolean more = connection.hasBufferedFrame();
		try {
			if (frame instanceof InboundFrame.EndOfInput) {
				// the client half-closed: answer what it sent, then close before the transport ends the connection
				SendQueue.releaseHeldDrains();
				session.end(new Reply.Bye("end-of-input"), false);
				session.awaitEnd();
				return;
			}
			if (more) {
				SendQueue.holdDrains();
			}
			else {
				SendQueue.releaseHeldDrains();
			}
			if (session.isEnding() || !awaitTurn(session)) {
				return;
			}
			session.lineReceived();
			if (line != null) {
				session.chatProtocol().line(session, line);
			}
			else if (frame instanceof InboundFrame.Oversized oversized) {
				session.chatProtocol().oversized(session, oversized.length(), session.maxLineBytes());
			}
			if (!session.takeLineGivenBack()) {
				// a line given back is counted where it is handled, on the worker
				this.metrics.lineHandled(onIoThread);
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

	/** Whether the protocol says {@code line} (null: not a line) never waits; false should it fail to say. */
	private static boolean neverWaits(Session session, String line) {
		try {
			return line != null && session.chatProtocol().neverWaits(session, line);
		}
		catch (RuntimeException ex) {
			log.warn("Failed to tell whether a line of session {} may wait; it goes to a worker", session, ex);
			return false;
		}
	}

	/**
	 * Fake lag: waits until the session's allowance lets its next line be handled, and answers false when the
	 * session is cut off instead ({@link LineBudget} decides which). The transport reads nothing meanwhile
	 * ({@link Connection#pauseReadingUntil}), so whatever else the client sent stays in the socket's buffers and
	 * TCP's window, and no line is lost; a client far ahead is simply read at the allowed rate.
	 * <p>
	 * The writers held back for the lines handled before start first: waiting with them held would stall the
	 * replies to the pasting client, and every line it sent to others, until the wait was over.
	 */
	private boolean awaitTurn(Session session) throws InterruptedException {
		if (session.takeTurnBack(false)) {
			// the frame handed over again after its pause: its turn was taken then
			return true;
		}
		LineBudget.Verdict verdict = session.lineBudget().take();
		if (verdict instanceof LineBudget.Verdict.ResumeAt resume) {
			SendQueue.releaseHeldDrains();
			Connection connection = session.connection();
			connection.pauseReadingUntil(resume.nanoTime());
			if (connection.handsFrameAgainAfterPause()) {
				session.takeTurnBack(true);
				return false;
			}
			return !session.isEnding();
		}
		if (verdict instanceof LineBudget.Verdict.Cut) {
			this.metrics.sessionCut("flooding");
			session.end(new Reply.Bye("flooding"), false);
			return false;
		}
		return true;
	}

}
