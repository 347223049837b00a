package io.parley.session;

import java.util.concurrent.Executor;

/**
 * The port a transport gives each session: what the session feature needs of a connection, whatever carries
 * it (the TCP listeners' event loops, plain or TLS; an in-memory one in the tests; a WebSocket in issue 19). Input goes the other way, through {@link SessionEndpoint}: the transport calls
 * {@link SessionEndpoint#open} when a connection opens, {@link SessionEndpoint#frame} for each frame it reads
 * (on one thread at a time per connection, in order) and {@link SessionEndpoint#closed} when it is gone.
 * <p>
 * Output does not pass through a message channel: each session's {@link SendQueue} hands the connection every
 * line it has queued joined into one array, so one system call carries a burst of lines; a message per write
 * (the outbound channel adapter) would cost a message and a header map per write on the hottest path, for no
 * reader of either. A transport whose writes block implements {@link #write} and gets a writer task per
 * session with output; an event loop drains the queue on its own thread ({@link #drainExecutor}) and writes
 * without blocking ({@link #writeWithoutBlocking}, {@link #whenWritten}).
 */
public interface Connection {

	/**
	 * Writes {@code bytes}; may block while the client does not read. Called by one writer at a time (the
	 * session's send queue has one); throws when the connection is gone.
	 */
	void write(byte[] bytes);

	/**
	 * Where the session's send queue drains: null for the session feature's writer tasks (a transport whose
	 * {@link #write} blocks); an event loop gives itself, so the queue's writes run on the thread that owns the
	 * socket and never block.
	 */
	default Executor drainExecutor() {
		return null;
	}

	/**
	 * Writes {@code bytes} without blocking, on the drain executor: true when all were written; false when the
	 * client has not taken them all yet and the transport keeps the rest, to write as the client reads. The
	 * queue then writes nothing more until the transport runs what it gave {@link #whenWritten}, once the rest is
	 * written. Throws when the connection is gone. By default, a blocking {@link #write}.
	 */
	default boolean writeWithoutBlocking(byte[] bytes) {
		write(bytes);
		return true;
	}

	/**
	 * What to run, on the drain executor, when bytes {@link #writeWithoutBlocking} kept are all written (it may
	 * run at other times too, and then does nothing). Given once, when the session is made.
	 */
	default void whenWritten(Runnable resume) {
	}

	/** Closes the connection; the transport then calls {@link SessionEndpoint#closed}. Safe to call again. */
	void close();

	/** {@code host:port} of the client. */
	String remoteAddress();

	/** Whether the connection is encrypted (TLS, or a WebSocket over HTTPS). */
	boolean isSecure();

	/** What carries the session, for the admin layer: {@code tcp}, {@code websocket}. */
	default String transport() {
		return "tcp";
	}

	/**
	 * Hands the session no more frames before {@link System#nanoTime()} reaches {@code nanoTime}: the fake lag
	 * of flood control ({@link io.parley.limits.LineBudget}). What the client sends meanwhile stays in the
	 * transport's and the kernel's buffers, so nothing is lost. A transport with a thread per connection waits
	 * here (and returns early once the connection is closed); an event loop stops reading the connection until
	 * then, returns at once, and hands the same frame over again then ({@link #handsFrameAgainAfterPause}).
	 * Called on the thread that handles the connection's frames.
	 */
	void pauseReadingUntil(long nanoTime) throws InterruptedException;

	/**
	 * Whether {@link #pauseReadingUntil} hands the frame being handled over again once the pause is over (an
	 * event loop, which cannot wait), rather than waiting and letting it be handled on return (a thread per
	 * connection). The session then leaves the frame for that time, its turn in the flood allowance kept for it.
	 */
	default boolean handsFrameAgainAfterPause() {
		return false;
	}

	/**
	 * Whether the frame being handed over is handed over on the transport's I/O thread (an event loop), which must
	 * never wait: the session then handles it only if its protocol says it never waits
	 * ({@link ChatProtocol#neverWaits}), and otherwise gives it back ({@link #handOnWorker}). Asked on the thread
	 * handing the frame over. A transport that hands every frame to a thread that may wait says false.
	 */
	default boolean handingOnIoThread() {
		return false;
	}

	/**
	 * The frame being handed over on the I/O thread ({@link #handingOnIoThread}) is given back: the transport hands
	 * it over again, and the frames after it, on a thread that may wait, in order. Returns at once.
	 */
	default void handOnWorker() {
		throw new UnsupportedOperationException("this transport hands no frame over on an I/O thread");
	}

	/**
	 * Whether the transport has already read a further whole frame of this client's that it will hand over
	 * next on the calling thread without waiting for anything (no read, no other connection first). While
	 * true, the session feature holds back the writers of the lines a frame causes, so a pasted burst reaches
	 * each recipient in one write; false is always safe (each frame's lines then leave at once).
	 */
	default boolean hasBufferedFrame() {
		return false;
	}

}
