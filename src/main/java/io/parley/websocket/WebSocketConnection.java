package io.parley.websocket;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.apache.tomcat.websocket.WsSession;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import io.parley.session.Connection;

/**
 * The session port ({@link Connection}) over one WebSocket. Output is written as a TCP session's is: the session's
 * queue drains on a small shared pool ({@link #drainExecutor}), never on a thread of its own, and hands over every
 * line it holds at once; {@link FrameSender} sends each as a message of its own (IRCv3: one line per message,
 * without its CR LF), text or binary as the client chose, batched into the container's buffer and flushed without
 * blocking. A client that does not read holds no thread: its lines wait in its queue, bounded as on TCP. Reading
 * is the container's: flood control's pause suspends it (Tomcat's {@link WsSession#suspend}) and a timer resumes
 * it, so no thread waits; what the client sends meanwhile stays in the socket's buffers.
 */
final class WebSocketConnection implements Connection {

	private final WebSocketSession session;

	private final jakarta.websocket.Session container;

	private final boolean secure;

	private final String remoteAddress;

	private final TaskScheduler timers;

	private final Executor drains;

	private final Executor closers;

	private final FrameSender sender;

	private final CountDownLatch closed = new CountDownLatch(1);

	/** Threads in the queue's code for this connection now, and a completion that came meanwhile. */
	private int inside;

	private Runnable deferred;

	/**
	 * @param drains where the session's queue drains: a few threads shared by every WebSocket, which never wait
	 * @param closers where the connection is closed: the container's close may wait for a client that does not read
	 * (it flushes, and sends its close frame, blocking), so it runs where waiting is allowed
	 * @param writes counts how the connection's writes finish
	 */
	WebSocketConnection(WebSocketSession session, jakarta.websocket.Session container, boolean binary, boolean secure,
			String remoteAddress, TaskScheduler timers, Executor drains, Executor closers, WriteCounters writes) {
		this.session = session;
		this.container = container;
		this.secure = secure;
		this.remoteAddress = remoteAddress;
		this.timers = timers;
		this.drains = drains;
		this.closers = closers;
		this.sender = new FrameSender(container, binary, this::close, writes);
	}

	/**
	 * Not used: the session's queue writes a WebSocket without blocking ({@link #writeWithoutBlocking}), one batch
	 * at a time; a write from elsewhere could land in the middle of one.
	 */
	@Override
	public void write(byte[] bytes) {
		throw new UnsupportedOperationException("a WebSocket is written through its session's queue");
	}

	/** A shared pool of a few threads, none of which ever waits for a client. */
	@Override
	public Executor drainExecutor() {
		return this::drain;
	}

	private void drain(Runnable task) {
		this.drains.execute(() -> inside(task));
	}

	@Override
	public boolean writeWithoutBlocking(byte[] bytes) {
		return this.sender.send(bytes);
	}

	/**
	 * The queue goes on once the container has written a batch: on the container's thread that reports it, unless
	 * the thread that started the batch is still on its way out of the queue's code (the completion can come before
	 * the queue has noted that it waits for it), in which case that thread runs it as it leaves.
	 */
	@Override
	public void whenWritten(Runnable resume) {
		this.sender.whenWritten(() -> {
			synchronized (this) {
				if (this.inside > 0) {
					this.deferred = resume;
					return;
				}
			}
			inside(resume);
		});
	}

	/** Runs {@code task} (a drain, or the queue going on), then whatever completion came meanwhile. */
	private void inside(Runnable task) {
		synchronized (this) {
			this.inside++;
		}
		Runnable next = task;
		while (next != null) {
			try {
				next.run();
			}
			finally {
				synchronized (this) {
					if (--this.inside == 0 && this.deferred != null) {
						next = this.deferred;
						this.deferred = null;
						this.inside++;
					}
					else {
						next = null;
					}
				}
			}
		}
	}

	@Override
	public void close() {
		if (this.closed.getCount() == 0) {
			return;
		}
		this.closed.countDown();
		// a client that does not take what was written gets no orderly close: the container waits at most briefly
		// (its abnormal close's send timeout) for the close frame to go out, rather than the blocking send timeout
		CloseStatus status = this.sender.isWaiting() ? CloseStatus.POLICY_VIOLATION : CloseStatus.NORMAL;
		try {
			this.closers.execute(() -> closeSession(status));
		}
		catch (RuntimeException ex) {
			closeSession(status); // no thread to be had (shutting down): close here
		}
	}

	/** The container closed the connection: a write still waiting for the client fails now (it never will finish). */
	void closedByContainer() {
		this.sender.abandon();
	}

	private void closeSession(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// gone already: the container reports the close, and the session feature is told then
		}
	}

	@Override
	public String remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public boolean isSecure() {
		return this.secure;
	}

	@Override
	public String transport() {
		return "websocket";
	}

	/**
	 * Tomcat stops reading the connection after the frame being handled and a timer starts it again at
	 * {@code nanoTime}, so the line in hand is handled now and the next one then, and no thread waits. On another
	 * container the handling thread waits instead, as a TCP reader does.
	 */
	private static void resume(WsSession tomcat) {
		try {
			if (tomcat.isOpen()) {
				tomcat.resume();
			}
		}
		catch (IllegalStateException ex) {
			// closed between the check and the resume: nothing left to read
		}
	}

	@Override
	public void pauseReadingUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left <= 0) {
			return;
		}
		if (this.container instanceof WsSession tomcat) {
			tomcat.suspend();
			this.timers.schedule(() -> resume(tomcat), Instant.now().plusNanos(left));
			return;
		}
		while ((left = nanoTime - System.nanoTime()) > 0 && this.closed.getCount() > 0) {
			this.closed.await(left, TimeUnit.NANOSECONDS);
		}
	}

}
