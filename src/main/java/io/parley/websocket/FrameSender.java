package io.parley.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * One WebSocket's output, written the way a TCP session's event loop writes: without a thread waiting on the
 * client. {@link #send} takes what the session's queue joined, lines ending in CR LF, frames each line as a message
 * of its own (IRCv3: one line per message, without its CR LF), text or binary as the client chose, and has the
 * container write all the frames at once without blocking ({@link ContainerOutput#write}). When the client's socket
 * takes them all at once, as it mostly does, the write finishes on the sending thread and {@link #send} returns true,
 * as a TCP event loop's write does; else it finishes later, on the container's thread that reports it: {@link #send}
 * then returns false, and the completion runs what {@link #whenWritten} gave; the session's queue, which sends one
 * batch at a time, goes on from there. Both are counted ({@link WriteCounters}). What a client
 * does not read stays in the session's bounded queue, as on TCP, and cuts the client when it overflows
 * ({@code send-queue-exceeded}); no thread waits for it.
 * <p>
 * When the container is writing a frame of its own just then (a pong, a close), the batch goes line by line through
 * the Jakarta API instead, with batching on, so each line is copied into the container's buffer and reported done at
 * once, then {@linkplain ContainerOutput#flush flushed without blocking} (more than once when the lines do not fit the
 * buffer). Batching is on only while lines are copied, and off before a flush starts, so never while a write waits
 * for the client: the container's close flushes a batch blocking, and must find none. So a batch is flushed before a
 * line that might not fit the buffer's room (counted from the line's bytes, three per byte for text that is not
 * ASCII, since bytes that are not UTF-8 are sent as replacement characters). Without {@link ContainerOutput} (another
 * Tomcat) every line is a write of its own through the API.
 * <p>
 * Completions may come on the sending thread (a frame copied into the buffer) or on another (a write finished
 * later): {@link #state} tells the two apart, so exactly one of them goes on.
 */
final class FrameSender implements SendHandler {

	/** No send of ours in progress. */
	private static final int IDLE = 0;

	/** A send started and its completion not yet seen. */
	private static final int SENDING = 1;

	/** The completion came while the sender was still in the send call: the sender goes on. */
	private static final int DONE_AT_ONCE = 2;

	/** The sender returned before the completion: the completion goes on. */
	private static final int WAITING = 3;

	private final RemoteEndpoint.Async remote;

	private final boolean binary;

	/** Tomcat's output of this connection, or null: each line is then a write of its own through the API. */
	private final ContainerOutput output;

	private final AtomicInteger state = new AtomicInteger(IDLE);

	private final Runnable onFailure;

	private volatile Runnable whenWritten = () -> {
	};

	/** The batch being sent, and where its next line starts. */
	private byte[] bytes = new byte[0];

	private int next;

	/** At most this many bytes are in the container's buffer, waiting for a flush. */
	private int buffered;

	private volatile Throwable failure;

	private final WriteCounters writes;

	/**
	 * @param session the container's session of the connection
	 * @param binary whether lines go as binary messages ({@code binary.ircv3.net}) rather than text
	 * @param onFailure closes the connection when a write the container finished later failed
	 * @param writes counts how each batch's write finished
	 */
	FrameSender(Session session, boolean binary, Runnable onFailure, WriteCounters writes) {
		this.writes = writes;
		this.remote = session.getAsyncRemote();
		this.binary = binary;
		this.onFailure = onFailure;
		this.output = ContainerOutput.of(this.remote, session);
	}

	/** What to run once a send that returned false is all written. */
	void whenWritten(Runnable resume) {
		this.whenWritten = resume;
	}

	/**
	 * Sends {@code lines}; true when all of it is written already, false when the container goes on with it and
	 * runs {@link #whenWritten} then. One batch at a time. Throws {@link UncheckedIOException} when the connection
	 * is gone.
	 */
	boolean send(byte[] lines) {
		boolean written = start(lines);
		(written ? this.writes.atOnce() : this.writes.later()).increment();
		return written;
	}

	private boolean start(byte[] lines) {
		this.bytes = lines;
		this.next = 0;
		this.buffered = 0;
		this.failure = null;
		if (this.output != null) {
			this.state.set(SENDING);
			boolean started;
			try {
				long timeout = this.remote.getSendTimeout(); // the container's asynchronous send timeout: none by default
				started = this.output.write(frames(lines),
						(timeout > 0) ? System.currentTimeMillis() + timeout : Long.MAX_VALUE, this);
			}
			catch (IllegalStateException ex) {
				this.state.set(IDLE);
				throw new UncheckedIOException(new IOException("websocket closed", ex));
			}
			if (started) {
				this.next = lines.length; // all of it is in that write: its completion ends the batch
				if (this.state.compareAndSet(SENDING, WAITING)) {
					return false;
				}
				Throwable failed = this.failure;
				this.state.set(IDLE);
				if (failed != null) {
					throw new UncheckedIOException(new IOException("websocket write failed", failed));
				}
				return true;
			}
			this.state.set(IDLE); // Tomcat is writing a frame of its own: line by line through its API
		}
		return goOn();
	}

	/**
	 * {@code lines} as WebSocket frames, one per line without its CR LF, unmasked (RFC 6455 5.2). Text that is not
	 * ASCII is decoded and encoded again, so that bytes that are not UTF-8 go out as replacement characters and every
	 * text frame is valid, as the container's own encoding made them.
	 */
	private ByteBuffer frames(byte[] lines) {
		byte[] out = new byte[lines.length + lines.length / 8 + 16];
		int size = 0;
		int start = 0;
		while (start < lines.length) {
			int found = LineEnds.find(lines, start);
			boolean ascii = found >= 0;
			int end = ascii ? found : -found - 1;
			int stop = (end > start && lines[end - 1] == '\r') ? end - 1 : end;
			if (stop > start) {
				byte[] payload = lines;
				int from = start;
				int length = stop - start;
				if (!this.binary && !ascii) {
					payload = new String(lines, start, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
					from = 0;
					length = payload.length;
				}
				if (size + length + 10 > out.length) {
					out = Arrays.copyOf(out, Math.max(out.length * 2, size + length + 10));
				}
				out[size++] = (byte) (0x80 | (this.binary ? 0x2 : 0x1));
				if (length < 126) {
					out[size++] = (byte) length;
				}
				else if (length < 65536) {
					out[size++] = 126;
					out[size++] = (byte) (length >>> 8);
					out[size++] = (byte) length;
				}
				else {
					out[size++] = 127;
					for (int shift = 56; shift >= 0; shift -= 8) {
						out[size++] = (byte) ((long) length >>> shift);
					}
				}
				System.arraycopy(payload, from, out, size, length);
				size += length;
			}
			start = end + 1;
		}
		return ByteBuffer.wrap(out, 0, size);
	}

	/** Sends from where the batch is; true when it is all written, false when a completion will go on. */
	private boolean goOn() {
		while (true) {
			this.state.set(SENDING);
			if (!startNext()) {
				this.state.set(IDLE);
				return true;
			}
			if (this.state.compareAndSet(SENDING, WAITING)) {
				return false;
			}
			// done at once: the completion left it to us
			Throwable failed = this.failure;
			if (failed != null) {
				this.state.set(IDLE);
				throw new UncheckedIOException(new IOException("websocket write failed", failed));
			}
		}
	}

	/** Starts the next line's send, or a flush; false when the batch is all sent and flushed. */
	private boolean startNext() {
		try {
			while (this.next < this.bytes.length) {
				int start = this.next;
				int found = LineEnds.find(this.bytes, start);
				boolean ascii = found >= 0;
				int end = ascii ? found : -found - 1;
				int stop = (end > start && this.bytes[end - 1] == '\r') ? end - 1 : end;
				if (stop == start) {
					this.next = end + 1;
					continue;
				}
				int length = stop - start;
				int bound = frameBound((this.binary || ascii) ? length : 3 * length);
				if (this.buffered > 0 && this.buffered + bound > ContainerOutput.BUFFER_BYTES) {
					startFlush(); // this line next, into an empty buffer
					return true;
				}
				this.next = end + 1;
				if (this.output != null) {
					// a line longer than the buffer goes straight out, the buffer being empty (flushed above)
					boolean batched = bound <= ContainerOutput.BUFFER_BYTES;
					this.buffered += batched ? bound : 0;
					this.output.allow(batched);
				}
				if (this.binary) {
					this.remote.sendBinary(ByteBuffer.wrap(this.bytes, start, length), this);
				}
				else {
					this.remote.sendText(new String(this.bytes, start, length, StandardCharsets.UTF_8), this);
				}
				return true;
			}
			if (this.buffered > 0) {
				startFlush();
				return true;
			}
			return false;
		}
		catch (IllegalStateException ex) {
			// the container's word for a session closed under the sender
			this.state.set(IDLE);
			throw new UncheckedIOException(new IOException("websocket closed", ex));
		}
	}

	private void startFlush() {
		this.buffered = 0;
		this.output.allow(false);
		this.output.flush(this);
	}

	/** The most a frame of {@code payload} bytes takes: its header and its payload. */
	private static int frameBound(int payload) {
		return payload + ((payload < 126) ? 2 : (payload < 65536) ? 4 : 10);
	}

	/** The connection closed: a batch the client's socket was still taking fails ({@link ContainerOutput#abandon}). */
	void abandon() {
		if (this.output != null && this.output.abandon()) {
			this.writes.abandoned().increment();
		}
	}

	/** Whether a write waits for the client now: closing then cannot wait for it to finish. */
	boolean isWaiting() {
		return this.state.get() == WAITING;
	}

	/** The container's word that a send or the flush is done. */
	@Override
	public void onResult(SendResult result) {
		if (!result.isOK()) {
			this.failure = (result.getException() != null) ? result.getException() : new IOException("send failed");
		}
		if (this.state.compareAndSet(SENDING, DONE_AT_ONCE)) {
			return; // the sender is still in the send call and goes on
		}
		if (this.failure != null) {
			this.state.set(IDLE);
			this.onFailure.run();
			return;
		}
		boolean written;
		try {
			written = goOn();
		}
		catch (UncheckedIOException ex) {
			this.onFailure.run();
			return;
		}
		if (written) {
			this.whenWritten.run();
		}
	}

}
