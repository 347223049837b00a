package io.parley.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;

import io.parley.limits.LineBudget;
import io.parley.protocol.EncryptedEnvelope;
import io.parley.protocol.Reply;
import io.parley.protocol.ReplyEncoder;
import io.parley.system.ParleyMetrics;

/**
 * One client connection: who it is logged in as, the room its plain text goes to, and its outbound queue.
 * A session reads its own lines on one thread in order; anyone may deliver to it at any time.
 * <p>
 * Longer than most classes here because it is the one object every feature meets: identity, current and recent
 * rooms, timers, its end (BYE once, close grace) and its protocol's state all live on it, each a few lines, and
 * splitting them would spread one connection's state over several objects that must stay consistent together.
 */
public final class Session {

	private final String id;

	private final ChatProtocol protocol;

	private final Connection connection;

	private final int maxLineBytes;

	private final String remoteAddress;

	private final Instant connectedAt = Instant.now();

	/**
	 * Switched only by the session's protocol ({@link #encodeWith}), between encoders every session shares: a fan-out
	 * reads it for each member, and an encoder object of each session's own would cost a cache miss per member.
	 */
	private volatile ReplyEncoder encoder;

	/** The protocol's own state for this session ({@link ChatProtocol#newState}), or null. */
	private final Object protocolState;

	private final SendQueue out;

	private final TaskScheduler scheduler;

	private final Duration closeGrace;

	private final ParleyMetrics metrics;

	private final LineBudget lineBudget;

	private final AtomicLong linesIn = new AtomicLong();

	private volatile long lastActivityMillis = System.currentTimeMillis();

	private volatile long lineReceivedNanos = System.nanoTime();

	/**
	 * The flood allowance gave the frame being handled a turn later on, and the transport hands that frame over
	 * again at that time ({@link Connection#handsFrameAgainAfterPause}): it is handled then without a second turn.
	 * Only the thread handling the session's frames touches it.
	 */
	private boolean turnTaken;

	/**
	 * The line being handled on the I/O thread was given back to be handled on a worker ({@link #handLineToWorker}).
	 * Only the thread handling the session's frames touches it.
	 */
	private boolean lineGivenBack;

	private volatile String user;

	/** Whether {@link #user} is a guest's name (online under a name nobody has registered). */
	private volatile boolean guest;

	/**
	 * The rooms this session joined or spoke in, least recent first: when it leaves its current room, plain
	 * text falls back to the most recent one its user is still in. Touched by the session's reader only.
	 */
	private final LinkedHashSet<String> recentRooms = new LinkedHashSet<>();

	/**
	 * The most rooms {@link #recentRooms} remembers: rooms left through the user's other sessions stay in it until
	 * a fallback passes over them, so without a bound a join-and-leave loop elsewhere would grow it for ever.
	 */
	private static final int MAX_RECENT_ROOMS = 64;

	private volatile String currentRoom;

	private volatile ScheduledFuture<?> loginTimer;

	private volatile ScheduledFuture<?> idleCheck;

	/** Set before the goodbye is queued, so the close that follows it always finds the reason. */
	private final AtomicReference<String> endReason = new AtomicReference<>();

	private volatile boolean endedByQuit;

	private volatile long endDeadlineMillis;

	private final AtomicBoolean detached = new AtomicBoolean();

	/** Set while the reader collects one command's replies ({@link #sendCollected}); read by every sender. */
	private volatile ReplyCollector collector;

	/** What other threads send while a login is confirmed ({@link #holdOthersUntilReleased}). */
	private final LoginHold loginHold = new LoginHold();

	/**
	 * @param protocol what the session speaks; reads its lines ({@link SessionEndpoint#frame})
	 * @param connection the transport's side of the session
	 * @param maxLineBytes the longest line the transport hands over whole; what the client is told it passed
	 * @param closeGrace how long a closing session's writer may take to write its last line before the
	 * connection is closed anyway (a client that does not read)
	 */
	public Session(String id, ChatProtocol protocol, Connection connection, int maxLineBytes, SendQueue out,
			TaskScheduler scheduler, Duration closeGrace, ParleyMetrics metrics, LineBudget lineBudget) {
		this.id = id;
		this.protocol = protocol;
		this.connection = connection;
		this.maxLineBytes = maxLineBytes;
		this.remoteAddress = connection.remoteAddress();
		this.encoder = protocol.newEncoder();
		this.protocolState = protocol.newState(this.encoder);
		this.out = out;
		this.scheduler = scheduler;
		this.closeGrace = closeGrace;
		this.metrics = metrics;
		this.lineBudget = lineBudget;
	}

	/** The allowance of lines this session's reader takes each line from. */
	/** Marks (or clears) a turn taken for the frame the transport hands over again; see {@link #turnTaken}. */
	boolean takeTurnBack(boolean taken) {
		boolean was = this.turnTaken;
		this.turnTaken = taken;
		return was;
	}

	public LineBudget lineBudget() {
		return this.lineBudget;
	}

	/** Sends a reply to this session alone. */
	public void send(Reply reply) {
		enqueue(this.encoder.encode(reply), 0);
	}

	/**
	 * Sends a reply that goes to many sessions, sharing its encoded bytes. Never collected as a command's reply
	 * ({@link #sendCollected}): it is a live line, even when it reaches the sender's own session.
	 */
	public void send(Delivery delivery) {
		offerUnlessHeld(readable(delivery).bytesFor(this.encoder), delivery.receivedNanos());
	}

	/** Sends this session its own message back (echo-message): part of its command's replies. */
	public void echo(Delivery delivery) {
		enqueue(readable(delivery).bytesFor(this.encoder), delivery.receivedNanos());
	}

	/**
	 * The delivery, or for a client that cannot read end-to-end encrypted envelopes (issue 21) and is given one,
	 * a notice that one arrived in its place (same sender, id and time), encoded for this session alone.
	 */
	private Delivery readable(Delivery delivery) {
		if (delivery.reply() instanceof Reply.PrivateMessage m && EncryptedEnvelope.isEnvelope(m.text())
				&& !readsEnvelopes()) {
			return new Delivery(new Reply.PrivateMessage(m.from(), m.to(), EncryptedEnvelope.NOTICE, true, m.time(),
					m.id()), delivery.receivedNanos());
		}
		return delivery;
	}

	/** Sends bytes the session's protocol has already encoded (its own lines, such as IRC numerics). */
	public void sendEncoded(byte[] bytes) {
		enqueue(bytes, 0);
	}

	/** The encoder of the protocol this session speaks. */
	public ReplyEncoder encoder() {
		return this.encoder;
	}

	/**
	 * From now on this session's replies are encoded by {@code encoder}: for a protocol whose sessions choose
	 * between variants of its encoding (the line protocol's {@code /ids}). Lines already queued keep their bytes.
	 */
	public void encodeWith(ReplyEncoder encoder) {
		this.encoder = encoder;
	}

	/**
	 * The state the session's protocol keeps for it, made with the session ({@link ChatProtocol#newState}); the
	 * type the protocol made it of, checked: a session of another protocol has none of it.
	 * @throws IllegalStateException when the session's protocol keeps no state of that type
	 */
	public <S> S protocolState(Class<S> type) {
		if (!type.isInstance(this.protocolState)) {
			throw new IllegalStateException("session " + this.id + " (" + this.protocol.name() + ") keeps no "
					+ type.getSimpleName());
		}
		return type.cast(this.protocolState);
	}

	ChatProtocol chatProtocol() {
		return this.protocol;
	}

	Connection connection() {
		return this.connection;
	}

	/**
	 * Whether this session's line is being handled on its transport's I/O thread, which must not wait
	 * ({@link Connection#handingOnIoThread}): code that might wait (a database, a lock a database write holds) asks
	 * first and, while true, gives the line back ({@link #handLineToWorker}) rather than wait.
	 */
	public boolean handlingOnIoThread() {
		return this.connection.handingOnIoThread();
	}

	/**
	 * Gives the line being handled on the I/O thread back: the transport hands it over again on a worker, where it
	 * may wait, with the lines after it. Only before anything of the line was done (nothing sent, nothing
	 * published); its turn in the flood allowance is kept for it.
	 */
	public void handLineToWorker() {
		takeTurnBack(true);
		this.linesIn.decrementAndGet(); // counted again when the worker hands it over
		this.lineGivenBack = true;
		this.connection.handOnWorker();
	}

	/** Whether the line being handled was given back ({@link #handLineToWorker}): its handler does nothing more. */
	public boolean lineGivenBack() {
		return this.lineGivenBack;
	}

	/** {@link #lineGivenBack}, cleared for the next line. */
	boolean takeLineGivenBack() {
		boolean was = this.lineGivenBack;
		this.lineGivenBack = false;
		return was;
	}

	int maxLineBytes() {
		return this.maxLineBytes;
	}

	/**
	 * Sends a reply the server makes page by page as the client reads it (a listing of every room or user):
	 * however long, it never cuts the client off, and never holds more than a page of it in memory.
	 */
	public void sendPages(ReplyPages pages) {
		ReplyCollector collecting = this.collector;
		if (collecting != null && collecting.thread == Thread.currentThread()) {
			// a framed reply is one block: its pages are made now (a labeled LIST of every room is made whole)
			for (byte[] page = pages.next(); page != null; page = pages.next()) {
				collecting.bytes.writeBytes(page);
			}
			return;
		}
		queued(this.out.offerPages(pages));
	}

	private void enqueue(byte[] bytes, long receivedNanos) {
		ReplyCollector collecting = this.collector;
		if (collecting != null && collecting.thread == Thread.currentThread()) {
			collecting.bytes.writeBytes(bytes);
			return;
		}
		offerUnlessHeld(bytes, receivedNanos);
	}

	/** To the send queue, unless a login being confirmed on another thread keeps it for later ({@link LoginHold}). */
	private void offerUnlessHeld(byte[] bytes, long receivedNanos) {
		if (!this.loginHold.keep(bytes, receivedNanos, this.out.limitBytes())) {
			queued(this.out.offer(bytes, receivedNanos));
		}
	}

	/**
	 * Until {@link #releaseHeld}, what other threads send this session waits, so that what the calling thread sends
	 * first reaches the client first: a login's confirmation ({@code OK login}, IRC's welcome), then the private
	 * messages kept while the user was offline. Once a login makes the session one of its user's, the rooms the
	 * user's other sessions are in deliver to it, and one of their lines must not come before the confirmation a
	 * script waits for. Called before the session joins its user.
	 */
	public void holdOthersUntilReleased() {
		this.loginHold.hold();
	}

	/**
	 * Queues what other threads sent since {@link #holdOthersUntilReleased}, in their order, and lets them send as
	 * ever; cuts the session if that passed the send queue's limit. Does nothing when nothing is held. Called while
	 * this thread collects a command's replies ({@link #sendCollected}), it waits until they are queued.
	 */
	public void releaseHeld() {
		ReplyCollector collecting = this.collector;
		if (collecting != null && collecting.thread == Thread.currentThread()) {
			collecting.releaseDeferred = true; // the confirmation is still being collected: released once queued
			return;
		}
		queued(this.loginHold.release(this.out));
	}

	/**
	 * Runs {@code command} and queues, framed by {@code frame}, the bytes it sent to this session from this thread
	 * (its replies, its echoes; pages too, made at once) as one block: for a protocol that frames a command's replies
	 * (IRC's labeled-response). Lines other threads deliver meanwhile are queued as ever, except those a login the
	 * command confirms holds back ({@link #holdOthersUntilReleased}): they come after the block. Called by the
	 * session's reader, one command at a time.
	 */
	public void sendCollected(Runnable command, UnaryOperator<byte[]> frame) {
		ReplyCollector collecting = new ReplyCollector(Thread.currentThread());
		this.collector = collecting;
		try {
			command.run();
		}
		finally {
			this.collector = null;
			try {
				enqueue(frame.apply(collecting.bytes.toByteArray()), 0);
			}
			finally {
				if (collecting.releaseDeferred) {
					releaseHeld();
				}
			}
		}
	}

	/** Whether this session's client reads encrypted envelopes ({@link ChatProtocol#readsEnvelopes}). */
	public boolean readsEnvelopes() {
		return this.protocol.readsEnvelopes(this);
	}

	/** Whether this session gets its own messages back ({@link ChatProtocol#echoesOwnMessages}). */
	public boolean echoesOwnMessages() {
		return this.protocol.echoesOwnMessages(this);
	}

	/** Whether this session is shown a room's last lines when it joins ({@link ChatProtocol#wantsJoinReplay}). */
	public boolean wantsJoinReplay() {
		return this.protocol.wantsJoinReplay(this);
	}

	/**
	 * The replies of one command being collected, the thread whose sends count, and whether the command released a
	 * login's hold ({@link #releaseHeld}), which waits until the block is queued.
	 */
	private static final class ReplyCollector {

		final Thread thread;

		final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

		boolean releaseDeferred;

		ReplyCollector(Thread thread) {
			this.thread = thread;
		}

	}

	/** Ends the session when the send queue refused what it was offered: the client does not read. */
	private void queued(boolean accepted) {
		if (!accepted) {
			String reason = "send-queue-exceeded";
			if (!isEnding()) {
				this.metrics.sessionCut(reason);
			}
			end(new Reply.Bye(reason), true);
		}
	}

	/**
	 * Ends the session: {@code bye} is its last line, then the connection closes. With {@code dropPending}
	 * the lines still queued are dropped first (a client too slow to read them).
	 */
	public void end(Reply.Bye bye, boolean dropPending) {
		// a session already closing (its client hung up) keeps the reason it has: none, or the first one
		if (!this.out.isFinishing() && this.endReason.compareAndSet(null, bye.reason()) && this.out.finish(this.encoder.encode(bye), dropPending)) {
			Instant deadline = Instant.now().plus(this.closeGrace);
			this.endDeadlineMillis = deadline.toEpochMilli();
			try {
				this.scheduler.schedule(this.out::closeSoon, deadline);
			}
			catch (TaskRejectedException ex) {
				// shutting down, the scheduler first: the writer closes after the last line, and stopping the
				// listener closes whatever a non-reading client still holds open
			}
		}
	}

	/**
	 * Waits until the last line is written and the connection closed, at most until the close grace that
	 * began with {@link #end} runs out; so waiting for many sessions ended together takes one grace in all.
	 */
	public void awaitEnd() throws InterruptedException {
		this.out.awaitClosed(Math.max(0, this.endDeadlineMillis - System.currentTimeMillis()));
	}

	void lineReceived() {
		this.linesIn.incrementAndGet();
		this.lineReceivedNanos = System.nanoTime();
		this.lastActivityMillis = System.currentTimeMillis();
	}

	/** When the line this session's reader is handling arrived ({@link System#nanoTime()}). */
	long lineReceivedNanos() {
		return this.lineReceivedNanos;
	}

	public boolean isLoggedIn() {
		return this.user != null;
	}

	public boolean isEnding() {
		return this.out.isFinishing();
	}

	public String id() {
		return this.id;
	}

	public String protocol() {
		return this.protocol.name();
	}

	/** Whether the client's connection is encrypted (a TLS listener). */
	public boolean tls() {
		return this.connection.isSecure();
	}

	/** What carries the session: {@code tcp}, {@code websocket} ({@link Connection#transport}). */
	public String transport() {
		return this.connection.transport();
	}

	/** {@code host:port} of the client. */
	public String remoteAddress() {
		return this.remoteAddress;
	}

	/** The client's address without the port: what limits per address count by. */
	public String remoteHost() {
		int colon = this.remoteAddress.lastIndexOf(':');
		return (colon > 0) ? this.remoteAddress.substring(0, colon) : this.remoteAddress;
	}

	public Instant connectedAt() {
		return this.connectedAt;
	}

	public Instant lastActivityAt() {
		return Instant.ofEpochMilli(this.lastActivityMillis);
	}

	/** The user's name as registered, or null before login. */
	public String user() {
		return this.user;
	}

	/** Whether the user is a guest; false before login. */
	public boolean guest() {
		return this.guest;
	}

	public void loggedInAs(String user, boolean guest) {
		this.guest = guest;
		this.user = user;
		ScheduledFuture<?> timer = this.loginTimer;
		if (timer != null) {
			timer.cancel(false);
		}
	}

	void loginTimer(ScheduledFuture<?> timer) {
		this.loginTimer = timer;
	}

	void idleCheck(ScheduledFuture<?> check) {
		this.idleCheck = check;
	}

	/** Stops the session's timers once its connection is gone, so none keeps it in memory. */
	void cancelTimers() {
		for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] { this.loginTimer, this.idleCheck }) {
			if (timer != null) {
				timer.cancel(false);
			}
		}
	}

	public String currentRoom() {
		return this.currentRoom;
	}

	/** Makes {@code room} the current room, the most recent of those this session joined or spoke in. */
	public void currentRoom(String room) {
		if (!room.equals(this.currentRoom)) {
			this.recentRooms.remove(room);
			this.recentRooms.add(room);
			if (this.recentRooms.size() > MAX_RECENT_ROOMS) {
				Iterator<String> oldest = this.recentRooms.iterator();
				oldest.next();
				oldest.remove();
			}
			this.currentRoom = room;
		}
	}

	/**
	 * Forgets {@code room}, and when it was the current room, falls back to the most recent room before it that
	 * {@code stillIn} accepts (rooms it refuses are forgotten too); the current room afterwards, or null.
	 */
	public String leftRoom(String room, Predicate<String> stillIn) {
		this.recentRooms.remove(room);
		if (this.currentRoom != null && !this.currentRoom.equals(room) && stillIn.test(this.currentRoom)) {
			return this.currentRoom;
		}
		String fallback = null;
		for (Iterator<String> rooms = this.recentRooms.iterator(); rooms.hasNext();) {
			String recent = rooms.next();
			if (stillIn.test(recent)) {
				fallback = recent;
			}
			else {
				rooms.remove();
			}
		}
		this.currentRoom = fallback;
		return fallback;
	}

	/** Why the server ended the session, or null when the client went away by itself. */
	public String endReason() {
		return this.endReason.get();
	}

	/**
	 * Ends the session because its client said {@code /quit} (or {@code QUIT}): {@code bye} carries the client's
	 * own words, which the others see, but which the log does not need ({@link #endedByQuit}).
	 */
	public void quit(Reply.Bye bye) {
		this.endedByQuit = true;
		end(bye, false);
	}

	/** Whether the client ended the session itself, so that {@link #endReason} is its own text. */
	public boolean endedByQuit() {
		return this.endedByQuit;
	}

	public long linesIn() {
		return this.linesIn.get();
	}

	public long linesOut() {
		return this.out.writtenChunks();
	}

	public long sendQueueBytes() {
		return this.out.queuedBytes();
	}

	public boolean isClosed() {
		return this.out.isClosed();
	}

	/** True the first time only: the user's clean-up after the connection closed runs once. */
	public boolean markDetached() {
		return this.detached.compareAndSet(false, true);
	}

	/** Closes at once, without a last line (the connection is already gone or must go now). */
	public void closeNow() {
		this.out.closeNow();
	}

	@Override
	public String toString() {
		return this.id + (this.user != null ? " (" + this.user + ")" : "");
	}

}
