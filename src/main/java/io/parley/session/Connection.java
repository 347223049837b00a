package io.parley.session;

/**
 * The port a transport gives each session: what the session feature needs of a connection, whatever carries
 * it (a blocking TCP socket with a reader thread today, plain or TLS; an event loop in issue 15; a WebSocket
 * in issue 19). Input goes the other way, through {@link SessionEndpoint}: the transport calls
 * {@link SessionEndpoint#open} when a connection opens, {@link SessionEndpoint#frame} for each frame it reads
 * (on one thread at a time per connection, in order) and {@link SessionEndpoint#closed} when it is gone.
 * <p>
 * Output does not pass through a message channel: each session's {@link SendQueue} calls {@link #write} from
 * its writer task with every line it has queued joined into one array, so one system call carries a burst of
 * lines; a message per write (the outbound channel adapter) would cost a message and a header map per write
 * on the hottest path, for no reader of either.
 */
public interface Connection {

	/**
	 * Writes {@code bytes}; may block while the client does not read. Called by one writer at a time (the
	 * session's send queue has one); throws when the connection is gone.
	 */
	void write(byte[] bytes);

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
	 * then and returns at once. Called on the thread that handles the connection's frames.
	 */
	void pauseReadingUntil(long nanoTime) throws InterruptedException;

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
