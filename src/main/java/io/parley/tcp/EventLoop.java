package io.parley.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread ({@code parley-io-N}): it owns the sockets of the connections given to it, reads and
 * frames what they send, writes what their send queues hold without ever blocking, and runs the TLS engines.
 * The chat work it runs is the lines that never wait (a message to a room or to someone online here, a ping);
 * every other frame goes to the chat workers, as a command may wait for a password hash or the database
 * ({@link NioConnection}). Other threads reach a connection's socket only through {@link #execute}.
 * <p>
 * What a read needs is the loop's, not the connection's: one read buffer, and for TLS one buffer each for the
 * records read, the text they hold and the records written, all reused from read to read. A connection keeps
 * bytes only while a line is incomplete or output waits for its client.
 */
final class EventLoop implements Executor, Runnable {

	private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

	private final Selector selector;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Set while the loop waits in {@code select}: whoever adds a task then wakes it, once. */
	private final AtomicBoolean selecting = new AtomicBoolean();

	/** Resumes at a time (paused reading), in the order they fall due; only the loop touches it. */
	private final PriorityQueue<Timed> timers = new PriorityQueue<>();

	private final Thread thread;

	private final ByteBuffer readBuffer;

	private ByteBuffer tlsRecordsIn;

	private ByteBuffer tlsText;

	private ByteBuffer tlsRecordsOut;

	private volatile boolean running = true;

	private long timerSequence;

	EventLoop(String name, int readBufferBytes) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No selector for the event loop", ex);
		}
		this.readBuffer = ByteBuffer.allocate(readBufferBytes);
		this.thread = new Thread(this, name);
		this.thread.setDaemon(true);
		// not the creating thread's loader (during start-up that may be the embedded web server's): a loop
		// outliving a context must not keep its class loader
		this.thread.setContextClassLoader(EventLoop.class.getClassLoader());
	}

	void start() {
		this.thread.start();
	}

	/** Asks the loop to end after the step it is in; {@link #awaitStopped} waits for it. */
	void stop() {
		this.running = false;
		this.selector.wakeup();
	}

	/**
	 * Waits up to {@code timeout} for the loop's thread to end; true once it has. A context that closes waits, so
	 * that nothing runs on a loop after its beans are gone (and the web server's stop finds no thread of ours).
	 */
	boolean awaitStopped(Duration timeout) throws InterruptedException {
		this.thread.join(timeout.toMillis());
		return !this.thread.isAlive();
	}

	boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/** Runs {@code task} on the loop, in the order given; from the loop itself too, after what it is doing. */
	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		if (!inLoop() && this.selecting.get() && this.selecting.compareAndSet(true, false)) {
			this.selector.wakeup();
		}
	}

	/** Runs {@code task} on the loop once {@link System#nanoTime()} reaches {@code nanoTime}; loop only. */
	void schedule(Runnable task, long nanoTime) {
		this.timers.add(new Timed(nanoTime, this.timerSequence++, task));
	}

	/** Registers a connection's channel, interested in nothing yet ({@link NioConnection#startReading}); loop only. */
	SelectionKey register(NioConnection connection) throws IOException {
		return connection.channel().register(this.selector, 0, connection);
	}

	/** The buffer every read of this loop goes into; loop only, and only until the read is framed. */
	ByteBuffer readBuffer() {
		return this.readBuffer.clear();
	}

	/** TLS records as read, with room for one whole record; loop only. */
	ByteBuffer tlsRecordsIn(int packetBytes) {
		this.tlsRecordsIn = atLeast(this.tlsRecordsIn, packetBytes);
		return this.tlsRecordsIn.clear();
	}

	/** The text a TLS record holds, as decrypted; loop only. */
	ByteBuffer tlsText(int applicationBytes) {
		this.tlsText = atLeast(this.tlsText, applicationBytes);
		return this.tlsText.clear();
	}

	/** TLS records to write; loop only. */
	ByteBuffer tlsRecordsOut(int packetBytes) {
		this.tlsRecordsOut = atLeast(this.tlsRecordsOut, packetBytes);
		return this.tlsRecordsOut.clear();
	}

	private static ByteBuffer atLeast(ByteBuffer buffer, int bytes) {
		return (buffer == null || buffer.capacity() < bytes) ? ByteBuffer.allocate(bytes) : buffer;
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				select();
				runTasks();
				runTimers();
			}
			catch (RuntimeException | Error ex) {
				log.error("Event loop {} failed a step; it goes on", this.thread.getName(), ex);
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			log.debug("closing the selector: {}", ex.toString());
		}
	}

	private void select() {
		this.selecting.set(true);
		int ready;
		try {
			if (!this.tasks.isEmpty()) {
				ready = this.selector.selectNow();
			}
			else {
				Timed next = this.timers.peek();
				if (next == null) {
					ready = this.selector.select();
				}
				else {
					long waitMillis = TimeUnit.NANOSECONDS.toMillis(next.nanoTime - System.nanoTime());
					ready = (waitMillis <= 0) ? this.selector.selectNow()
							: this.selector.select(Math.max(1, waitMillis));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.selecting.set(false);
		}
		if (ready == 0) {
			return;
		}
		for (SelectionKey key : this.selector.selectedKeys()) {
			NioConnection connection = (NioConnection) key.attachment();
			try {
				int ops = key.readyOps();
				if ((ops & SelectionKey.OP_WRITE) != 0) {
					connection.writable();
				}
				if ((ops & SelectionKey.OP_READ) != 0 && key.isValid()) {
					connection.readable();
				}
			}
			catch (CancelledKeyException ex) {
				// closed meanwhile
			}
		}
		this.selector.selectedKeys().clear();
	}

	private void runTasks() {
		// at most the tasks there now: a task that adds another (a drain that continues) waits for the next turn
		for (int i = this.tasks.size(); i > 0; i--) {
			Runnable task = this.tasks.poll();
			if (task == null) {
				return;
			}
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.error("A task on event loop {} failed", this.thread.getName(), ex);
			}
		}
	}

	private void runTimers() {
		long now = System.nanoTime();
		Timed next;
		while ((next = this.timers.peek()) != null && next.nanoTime - now <= 0) {
			this.timers.poll();
			next.task.run();
		}
	}

	private record Timed(long nanoTime, long sequence, Runnable task) implements Comparable<Timed> {

		@Override
		public int compareTo(Timed other) {
			long difference = this.nanoTime - other.nanoTime;
			if (difference != 0) {
				return difference < 0 ? -1 : 1;
			}
			return Long.compare(this.sequence, other.sequence);
		}

	}

}
